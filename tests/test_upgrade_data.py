"""Upgrades keep data: a database filled at an older migration keeps every row when upgraded to head.

Generic on purpose: the rows are made from the tables as they were at that revision (reflected),
so the test needs no change when migrations are added.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Engine, MetaData, select

from tracker.db import make_engine, upgrade
from tracker.db.migrate import alembic_config
from tracker.search.schema import is_search_object

ROWS_PER_TABLE = 3


def revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def older_revisions() -> list[str]:
    """Every revision but the newest (the first one alone while there is only one)."""
    return revisions()[:-1] or revisions()[:1]


def value_for(column, row: int, ids: dict[str, list]):
    """A plausible value of the column's type; row 0 leaves nullable columns empty."""
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column
        choices = ids[target.table.name]
        return choices[row % len(choices)] if choices else None
    if column.nullable and row == 0:
        return None
    if isinstance(column.type, JSON):
        return {"kilde": "æøå", "n": row, "liste": [row]}
    kind = column.type.python_type
    if kind is str:
        return f"{row}·{column.table.name}.{column.name} æøå “citat”"[:getattr(column.type, "length", None)]
    samples = {bool: row % 2 == 1, int: 1000 + row, float: 0.25 + row, date: date(2020, 1, 1 + row),
               datetime: datetime(2021, 2, 3, 4, 5, row), bytes: bytes([row, 255 - row]) * 4}
    return samples[kind]


def fill(engine: Engine) -> None:
    """ROWS_PER_TABLE rows in every table, parents first, foreign keys pointing at real rows."""
    metadata = MetaData()
    metadata.reflect(engine)
    ids: dict[str, list] = {}
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            if table.name == "alembic_version" or is_search_object(table.name, "table"):
                continue  # the search index (tracker.search) is filled from the rows, never by hand
            single = len(table.primary_key.columns) == 1  # a composite key is never generated
            generated = [c for c in table.primary_key.columns if c.autoincrement is True or (
                single and c.autoincrement == "auto" and c.type.python_type is int and not c.foreign_keys)]
            for row in range(ROWS_PER_TABLE):
                values = {c.name: value_for(c, row, ids) for c in table.columns
                          if c not in generated and c.computed is None}  # (PostgreSQL's search columns)
                connection.execute(table.insert().values(**values))
            ids[table.name] = [r[0] for r in connection.execute(select(*table.primary_key.columns))]


def snapshot(engine: Engine) -> dict[str, dict[tuple, dict]]:
    """Every row of every table, by primary key."""
    metadata = MetaData()
    metadata.reflect(engine)
    tables = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if is_search_object(table.name, "table"):
                continue
            keys = [c.name for c in table.primary_key.columns]
            tables[table.name] = {tuple(row[k] for k in keys): dict(row)
                                  for row in connection.execute(select(table)).mappings()}
    return tables


@pytest.mark.parametrize("revision", older_revisions())
def test_every_row_survives_the_upgrade_to_head(database, revision):
    engine = make_engine(database)
    upgrade(engine, revision)
    fill(engine)
    before = snapshot(engine)
    upgrade(engine)
    after = snapshot(engine)
    engine.dispose()
    for table, rows in before.items():
        if table == "alembic_version":
            continue
        assert len(rows) >= ROWS_PER_TABLE, table  # a migration may have added rows of its own
        assert table in after, f"table {table} was dropped"
        for key, row in rows.items():
            assert key in after[table], f"{table} row {key} was lost"
            kept = after[table][key]
            assert {c: v for c, v in row.items() if c in kept} == {c: kept[c] for c in row if c in kept}


def test_revisions_form_one_line_from_the_first_migration():
    history = revisions()
    assert history and history[0] == "0001"
    assert len(set(history)) == len(history)


def test_the_newest_migration_goes_down_again_keeping_every_row(database):
    """Down from head to the revision before: every row of that revision's tables is as it was (on SQLite a
    batch that copied a table would lose rows by cascades, and the search triggers with them)."""
    from alembic import command

    engine = make_engine(database)
    previous = revisions()[-2]
    upgrade(engine, previous)
    fill(engine)
    before = snapshot(engine)
    upgrade(engine)
    command.downgrade(alembic_config(engine), previous)
    after = snapshot(engine)
    engine.dispose()
    for table, rows in before.items():
        assert after.get(table) == rows, table
