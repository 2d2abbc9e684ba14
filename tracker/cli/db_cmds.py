"""`tracker db upgrade|current`: the schema's migrations."""

from __future__ import annotations

import click

from tracker.cli.context import AppContext, pass_app
from tracker.db import check_exists, current_revision, head_revision, make_engine, upgrade
from tracker.db.guard import check_database


@click.group("db")
def db_group() -> None:
    """Database schema: upgrade to the newest migration, or show the current one."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@pass_app
def db_upgrade(app: AppContext, revision: str) -> None:
    """Apply the Alembic migrations (every command also does this by itself)."""
    check_exists(app.db, create=True)
    engine = make_engine(app.db, app.lock_wait)
    upgrade(engine, revision)
    click.echo(f"Database at revision {current_revision(engine)} (head {head_revision()}).")


@db_group.command("current")
@pass_app
def db_current(app: AppContext) -> None:
    """Show the database's revision and the newest one."""
    check_exists(app.db)
    engine = make_engine(app.db)
    check_database(engine)  # another program's database, or a newer tracker's, is named as such
    current = current_revision(engine)
    head = head_revision()
    state = "up to date" if current == head else "behind: run `tracker db upgrade`"
    click.echo(f"current: {current or '(empty)'}\nhead:    {head}\n{state}")


def register(cli: click.Group) -> None:
    cli.add_command(db_group)
