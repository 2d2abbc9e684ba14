"""Bulk writes: many rows into one table, past SQLAlchemy's per-row parameter handling.

PostgreSQL: COPY ... FROM STDIN (psycopg's copy, binary-safe); SQLite: the driver's executemany.
Both run on the connection of the caller's transaction, so they commit or roll back with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection
from sqlalchemy.orm import Session


def bulk_insert(connection: Connection | Session, table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """INSERT the rows (tuples in the order of `columns`) into `table` (a name of ours, never users' text)."""
    if not rows:
        return
    if isinstance(connection, Session):
        connection = connection.connection()
    names = ", ".join(columns)
    raw = connection.connection
    if connection.dialect.name == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    cursor = raw.cursor()
    try:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)
    finally:
        cursor.close()
