"""`tracker export gold`: the statements of the articles a person corrected, in the gold format of `tracker eval`
(so users can score the pipeline on their own reviewed articles)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.db.models import Correction
from tracker.evaluate.tables import COLUMNS, gold_columns
from tracker.reports.listings import statements_frame


def gold_frame(session: Session) -> pd.DataFrame:
    """The effective (corrected, not rejected) statements of every article with a correction; issue = label."""
    articles = list(session.scalars(select(Correction.article_id).distinct()))
    frame = statements_frame(session, article_ids=articles) if articles else statements_frame(session).head(0)
    return gold_columns(frame)[COLUMNS]
