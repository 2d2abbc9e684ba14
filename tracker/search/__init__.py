"""Full-text search over statements' evidence and articles' text, matching Danish word forms.

- stemming: words -> Snowball Danish stems (the stemmer PostgreSQL's 'danish' configuration uses)
- schema:   the search objects beside the models (SQLite FTS5 tables and triggers; PostgreSQL tsvector columns)
- index:    keeping the SQLite index in step with ingest, reprocess and corrections (PostgreSQL does it itself)
- query:    ranked statements and articles for a text, within a report Scope
"""

from tracker.search.index import index_articles
from tracker.search.query import search_articles, search_statements
from tracker.search.stemming import marks, stems, stemmed_text

__all__ = ["index_articles", "marks", "search_articles", "search_statements", "stems", "stemmed_text"]
