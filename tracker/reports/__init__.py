"""Reports: SQL aggregations returning DataFrames, one module per kind of report.

- scope:     what a report counts (`Scope`) and the helpers every report shares
- stances:   stance counts and net positions per party and issue; compare; the party x issue matrix
- quotes:    the latest quotes per issue and one representative quote per party and issue
- timelines: positions per month, quarter or year
- listings:  every statement, the issues, a party's positions, a politician's statements, the articles
- blocs:     red, blue and centre blocs over time (data/blocs.csv)
- stories:   near-duplicate copies of one story: its sources, "also in: ..."
"""

from tracker.reports.blocs import BlocPeriod, bloc_case, bloc_on, bloc_parties, bloc_periods
from tracker.reports.listings import (articles_frame, issues_frame, politician_frame, positions_frame,
                                      statements_frame)
from tracker.reports.quotes import latest_quotes, representative_quotes
from tracker.reports.scope import (COUNT_COLUMNS, LEANING_THRESHOLD, STANCES, STATEMENT_COLUMNS, Scope, fetch_frame,
                                   issue_names, narrow, party_names, within_dates)
from tracker.reports.stances import (compare_frame, compare_table, disagreements, leaning, matrix_frame, stance_sums,
                                     stance_table, with_net)
from tracker.reports.stories import also_in, stories_frame, story_sources
from tracker.reports.timelines import PERIODS, period_of, timeline_frame, timeline_table, timeline_wide

__all__ = [
    "BlocPeriod", "bloc_case", "bloc_on", "bloc_parties", "bloc_periods",
    "articles_frame", "issues_frame", "politician_frame", "positions_frame", "statements_frame",
    "latest_quotes", "representative_quotes",
    "COUNT_COLUMNS", "LEANING_THRESHOLD", "STANCES", "STATEMENT_COLUMNS", "Scope", "fetch_frame", "issue_names",
    "narrow", "party_names", "within_dates",
    "compare_frame", "compare_table", "disagreements", "leaning", "matrix_frame", "stance_sums", "stance_table",
    "with_net",
    "also_in", "stories_frame", "story_sources",
    "PERIODS", "period_of", "timeline_frame", "timeline_table", "timeline_wide",
]
