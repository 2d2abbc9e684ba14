"""The Python API behind the CLI: one `Tracker` per database.

    from tracker.app import Tracker
    t = Tracker("tracker.db")          # or a PostgreSQL URL; upgrades the schema, loads the registry
    with t.session() as s: ...
    t.registry                          # parties and politicians (tracker.registry.Registry)
    t.issue_catalogue                   # the issues the pipeline looks for (bundled, TRACKER_ISSUES, user)

The bundled issue catalogue (data/issues.csv) is switched off by ``Tracker(bundled_issues=False)`` or the
environment variable TRACKER_BUNDLED_ISSUES=0: then only TRACKER_ISSUES files and the user catalogue are
looked for, and every other question is left to discovery (tracker.discovery).
"""

from __future__ import annotations

import os
from functools import cached_property

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.db import check_exists, database_url, make_engine, make_session_factory, upgrade
from tracker.registry import Registry
from tracker.registry_db import load_registry, sync_bundled


class Tracker:
    def __init__(self, db: str | None = None, migrate: bool = True, create: bool = True,
                 bundled_issues: bool | None = None):
        """create=False: an SQLite file that does not exist yet is an error (DatabaseProblem), not a new one.
        bundled_issues=False: no bundled issue catalogue (default: TRACKER_BUNDLED_ISSUES, else on)."""
        check_exists(db, create)
        self.bundled_issues = bundled_issues if bundled_issues is not None else bundled_issues_wanted()
        self.url = database_url(db)
        self.engine = make_engine(db)
        self.Session = make_session_factory(self.engine)
        if migrate:
            upgrade(self.engine)
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

    def close(self) -> None:
        self.engine.dispose()


def bundled_issues_wanted() -> bool:
    """False when TRACKER_BUNDLED_ISSUES says no ("0", "no", "false", "off")."""
    return os.environ.get("TRACKER_BUNDLED_ISSUES", "").strip().lower() not in ("0", "no", "false", "off")
