"""Score predicted statements against a gold table: the metrics behind `tracker eval`.

- tables:   the gold's columns, cleaned, and the record keys (article, speaker, party)
- matching: which predicted record and statement is which gold record and row
- pairs:    disagreement pairs and pair agreement (the stance-aware measures)
- linking:  issue linking across articles, against a groups file
- confusion: stance alone: gold x predicted stance over matched gold rows
- metrics:  `score()` and `Scores`
- printing: the text output
"""

from tracker.evaluate.confusion import StanceConfusion, format_confusion, stance_confusion
from tracker.evaluate.matching import match_keys, match_names, match_people, match_rows, name_match_level
from tracker.evaluate.metrics import Scores, score
from tracker.evaluate.pairs import disagreements, pair_agreement
from tracker.evaluate.printing import format_per_article, format_scores
from tracker.evaluate.tables import COLUMNS, gold_columns, statements_frame

__all__ = ["COLUMNS", "Scores", "StanceConfusion", "disagreements", "format_confusion", "format_per_article",
           "format_scores", "gold_columns", "match_keys", "match_names", "match_people", "match_rows",
           "name_match_level", "pair_agreement", "score", "stance_confusion", "statements_frame"]
