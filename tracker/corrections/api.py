"""The corrections as methods of tracker.app.Tracker (the CLI and the web app call these)."""

from __future__ import annotations

import getpass
import os
from contextlib import contextmanager
from datetime import date

import pandas as pd

from tracker.corrections import actions
from tracker.corrections.gold import gold_frame
from tracker.db.models import Article
from tracker.reports.records import article_record, statement_records
from tracker.store import StatementWriter, delete_articles


def default_author() -> str:
    """Who makes a correction when nobody says: $TRACKER_USER, else the login name."""
    try:
        return os.environ.get("TRACKER_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class CorrectionsAPI:
    """Mixed into Tracker: needs `session()` and `registry`."""

    @contextmanager
    def writing(self):
        """A StatementWriter in one transaction (holding the database's write lock); commits at the end."""
        with self.session() as session, session.begin():
            yield StatementWriter(session)

    def reject(self, statement_id: int, author: str | None = None, note: str | None = None) -> int:
        """Reject a statement; returns the correction's id."""
        with self.writing() as writer:
            return _flushed(writer, actions.reject(writer, statement_id, author or default_author(), note)).id

    def restore(self, statement_id: int, author: str | None = None, note: str | None = None) -> int:
        with self.writing() as writer:
            return _flushed(writer, actions.restore(writer, statement_id, author or default_author(), note)).id

    def correct(self, statement_id: int, changes: dict[str, str | None], author: str | None = None,
                note: str | None = None) -> list[int]:
        """Fix fields ({"stance": "against", "party": "V", ...}); returns the corrections' ids."""
        with self.writing() as writer:
            made = actions.fix(writer, self.registry, statement_id, changes, author or default_author(), note)
            writer.session.flush()
            return [c.id for c in made]

    def add_statement(self, article_id: int, evidence: str, party: str, issue: str, stance: str,
                      speaker: str | None = None, kind: str | None = None, author: str | None = None,
                      note: str | None = None) -> int:
        """Add a statement the pipeline missed; returns its id."""
        with self.writing() as writer:
            statement_id, _ = actions.add_statement(writer, self.registry, article_id, evidence, party, issue,
                                                    stance, speaker, kind, author or default_author(), note)
            return statement_id

    def statement(self, statement_id: int) -> tuple[dict, pd.DataFrame] | None:
        """One statement (rejected ones too) and its corrections; None when there is none."""
        with self.session() as session:
            frame = statement_records(session, [statement_id])
            if frame.empty:
                return None
            return frame.iloc[0].to_dict(), actions.history(session, statement_id=statement_id)

    def article(self, article_id: int):
        """(Article, its statements) or None."""
        with self.session() as session:
            return article_record(session, article_id)

    def corrections(self, since: date | None = None, unmatched: bool = False) -> pd.DataFrame:
        with self.session() as session:
            return actions.history(session, since, status="unmatched" if unmatched else None)

    def gold(self) -> pd.DataFrame:
        """The corrected articles' statements in the gold format of `tracker eval`."""
        with self.session() as session:
            return gold_frame(session)

    def delete_article(self, article_id: int) -> bool:
        """Delete an article with its statements and corrections (and their search words), the tallies and its
        story following (tracker.store.delete_articles); False when unknown."""
        with self.writing() as writer:
            if writer.session.get(Article, article_id) is None:
                return False
            delete_articles(writer.session, [article_id])
            return True


def _flushed(writer: StatementWriter, correction):
    writer.session.flush()
    return correction
