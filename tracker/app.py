"""The Python API behind the CLI: one `Tracker` per database.

    from tracker.app import Tracker
    t = Tracker("tracker.db")          # or a PostgreSQL URL; upgrades the schema, loads the registry
    with t.session() as s: ...
    t.registry                          # parties and politicians (tracker.registry.Registry)
    t.issue_catalogue                   # the issues the pipeline looks for (bundled, TRACKER_ISSUES, user)
    t.registry_add("Navn Navnesen", "V", start=date(2023, 1, 1))   # users' changes (tracker.registry_edits)
    t.registry_end("Navn Navnesen", "V", on=date(2024, 5, 31))
    t.correct(12, {"stance": "against"}, note="...")   # corrections: also reject, restore, add_statement,
    t.statement(12); t.corrections()                   # statement, article, corrections, gold, delete_article

The bundled issue catalogue (data/issues.csv) is switched off by ``Tracker(bundled_issues=False)`` or the
environment variable TRACKER_BUNDLED_ISSUES=0: then only TRACKER_ISSUES files and the user catalogue are
looked for, and every other question is left to discovery (tracker.discovery).
"""

from __future__ import annotations

import os
from datetime import date
from functools import cached_property

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker import registry_edits
from tracker.corrections.api import CorrectionsAPI
from tracker.db import check_exists, database_url, make_engine, make_session_factory, upgrade
from tracker.db.engine import is_read_only, lock_wait as lock_wait_seconds
from tracker.registry import Registry
from tracker.registry_db import load_registry, sync_bundled
from tracker.registry_edits import Edit


class Tracker(CorrectionsAPI):
    def __init__(self, db: str | None = None, migrate: bool = True, create: bool = True,
                 lock_wait: float | None = None, bundled_issues: bool | None = None):
        """`migrate`: check the database is ours, bring its schema up to date and load the bundled registry
        (a read-only SQLite file is only checked). create=False: an SQLite file that does not exist yet is an
        error (DatabaseProblem), not a new one. `lock_wait`: seconds to wait for another process's write
        lock (default $TRACKER_LOCK_WAIT, else 60). bundled_issues=False: no bundled issue catalogue (default:
        TRACKER_BUNDLED_ISSUES, else on)."""
        check_exists(db, create)
        self.bundled_issues = bundled_issues if bundled_issues is not None else bundled_issues_wanted()
        self.url = database_url(db)
        self.engine = make_engine(db, lock_wait)
        self.lock_wait = lock_wait_seconds(lock_wait)
        self.read_only = is_read_only(self.engine)
        self.Session = make_session_factory(self.engine)
        if migrate:
            upgrade(self.engine)
            if not self.read_only:
                self._sync_registry()

    def _sync_registry(self, attempts: int = 5) -> None:
        """Load the bundled registry when it changed; another process doing the same wins a tie."""
        for attempt in range(attempts):
            with self.session() as session:
                try:
                    sync_bundled(session)
                    return
                except IntegrityError:
                    session.rollback()
                    if attempt == attempts - 1:
                        raise

    def session(self) -> Session:
        return self.Session()

    @cached_property
    def registry(self) -> Registry:
        """Parties and politicians (bundled + users' additions), for look-ups and the pipeline."""
        with self.session() as session:
            return load_registry(session)

    @cached_property
    def issue_catalogue(self) -> list:
        """The issues the pipeline looks for: the bundled catalogue (unless switched off), the files named in
        TRACKER_ISSUES, then the user catalogue of the database (a later slug replaces an earlier one)."""
        from tracker.nlp.issues import catalogue_paths, load_catalogue
        from tracker.paths import data_file
        from tracker.user_catalogue import user_issues

        paths = [p for p in catalogue_paths() if self.bundled_issues or p != data_file("issues.csv")]
        by_slug = {issue.slug: issue for issue in load_catalogue(paths)}
        with self.session() as session:
            by_slug.update((issue.slug, issue) for issue in user_issues(session))
        return list(by_slug.values())

    def refresh_registry(self) -> None:
        self.__dict__.pop("registry", None)

    def registry_add(self, name: str, party: str, start: date | None = None, end: date | None = None,
                     role: str | None = None) -> Edit:
        """Add a person or a party period; one from `start` ends the person's open periods in other parties
        on the day before. Raises registry_edits.RegistryProblem (one line) for an unknown party."""
        return self._edit(registry_edits.add, name, party, start, end, role)

    def registry_end(self, name: str, party: str, on: date) -> Edit:
        """End the person's open period in `party` on `on`. Raises registry_edits.RegistryProblem (one line)
        for an unknown person or party, or when there is no open period in that party."""
        return self._edit(registry_edits.end, name, party, on)

    def _edit(self, change, *args) -> Edit:
        with self.session() as session:
            edit = change(session, self.registry, *args)
            session.commit()
        self.refresh_registry()
        return edit

    def close(self) -> None:
        self.engine.dispose()


def bundled_issues_wanted() -> bool:
    """False when TRACKER_BUNDLED_ISSUES says no ("0", "no", "false", "off")."""
    return os.environ.get("TRACKER_BUNDLED_ISSUES", "").strip().lower() not in ("0", "no", "false", "off")
