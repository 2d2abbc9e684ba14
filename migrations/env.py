"""Alembic environment: the URL comes from TRACKER_DB, or the engine handed over by tracker.db.migrate."""

from alembic import context

from tracker.db.engine import make_engine
from tracker.db.locks import lock_for_migrations
from tracker.db.models import Base
from tracker.search.schema import is_search_object

config = context.config
target_metadata = Base.metadata


def include_name(name, type_, _parent_names) -> bool:
    """The search objects (tracker.search.schema) live beside the models: the comparison leaves them alone."""
    return not (name and is_search_object(name, type_))


def run_migrations_offline() -> None:
    from tracker.db.engine import database_url

    url = database_url()
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True, include_name=include_name,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or make_engine()
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, include_name=include_name,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            lock_for_migrations(connection)  # a second process waits, then finds the work done
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
