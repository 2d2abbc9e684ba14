"""The Python API behind the CLI: one `Tracker` per database.

    from tracker.app import Tracker
    t = Tracker("tracker.db")          # or a PostgreSQL URL; upgrades the schema, loads the registry
    with t.session() as s: ...
    t.registry                          # parties and politicians (tracker.registry.Registry)
    t.correct(12, {"stance": "against"}, note="...")   # corrections: also reject, restore, add_statement,
    t.statement(12); t.corrections()                   # statement, article, corrections, gold, delete_article
"""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.corrections.api import CorrectionsAPI
from tracker.db import check_exists, database_url, make_engine, make_session_factory, upgrade
from tracker.registry import Registry
from tracker.registry_db import load_registry, sync_bundled


class Tracker(CorrectionsAPI):
    def __init__(self, db: str | None = None, migrate: bool = True, create: bool = True):
        """create=False: an SQLite file that does not exist yet is an error (DatabaseProblem), not a new one."""
        check_exists(db, create)
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

    def refresh_registry(self) -> None:
        self.__dict__.pop("registry", None)

    def close(self) -> None:
        self.engine.dispose()
