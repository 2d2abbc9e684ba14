"""Database: models, engine and migrations glue."""

from tracker.db.engine import DatabaseProblem, check_exists, database_url, make_engine, make_session_factory
from tracker.db.migrate import current_revision, head_revision, upgrade
from tracker.db.models import (Affiliation, Article, Base, Correction, Issue, Job, MonthTally, Party, Politician,
                               Setting, Statement, StoryBand, Tally)

__all__ = [
    "Affiliation", "Article", "Base", "Correction", "Issue", "Job", "MonthTally", "Party", "Politician", "Setting",
    "Statement", "StoryBand", "Tally",
    "DatabaseProblem", "check_exists", "database_url", "make_engine", "make_session_factory", "current_revision", "head_revision", "upgrade",
]
