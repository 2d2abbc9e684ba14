"""covering indexes for the month tallies and the days of a month; job attempts

tallies_by_month's two indexes become covering (a report reads a range of cells from the index alone) and a
third serves a range of months for all parties and issues; statements get an index by month and issue (the
days of a month the tallies cannot give); on PostgreSQL the two indexes the quote picks read INCLUDE the id.
jobs.attempts counts the failed attempts at a job (tracker.queue).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 05:10:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CELL = ['n_for', 'n_against', 'n_neutral', 'first_day', 'last_day']


QUOTE_INDEXES = {  # PostgreSQL: with INCLUDE (id), so the quote picks read only the index
    'ix_statements_issue_party_stance': ['issue_id', 'party_id', 'stance', 'counted', 'kind', 'confidence',
                                         'published', 'rejected'],
    'ix_statements_party_issue_month': ['party_id', 'issue_id', 'month', 'counted', 'stance', 'published',
                                        'rejected'],
}


def _quote_indexes(include: list[str]) -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return  # SQLite's indexes hold the rowid (the id) already
    for name, columns in QUOTE_INDEXES.items():
        op.drop_index(name, table_name='statements')
        op.create_index(name, 'statements', columns, unique=False, postgresql_include=include)


def upgrade() -> None:
    _quote_indexes(['id'])
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index('ix_statements_month_issue', ['month', 'issue_id', 'party_id', 'counted', 'stance',
                                                            'published', 'rejected'], unique=False)

    with op.batch_alter_table('tallies_by_month', schema=None) as batch_op:
        batch_op.drop_index('ix_tallies_by_month_issue_party')
        batch_op.drop_index('ix_tallies_by_month_party_month')
        batch_op.create_index('ix_tallies_by_month_issue_party', ['issue_id', 'party_id', 'month', 'counted', *CELL],
                              unique=False)
        batch_op.create_index('ix_tallies_by_month_party_month', ['party_id', 'month', 'counted', 'issue_id', *CELL],
                              unique=False)
        batch_op.create_index('ix_tallies_by_month_month', ['month', 'counted', 'party_id', 'issue_id', *CELL],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tallies_by_month', schema=None) as batch_op:
        batch_op.drop_index('ix_tallies_by_month_month')
        batch_op.drop_index('ix_tallies_by_month_party_month')
        batch_op.drop_index('ix_tallies_by_month_issue_party')
        batch_op.create_index('ix_tallies_by_month_party_month', ['party_id', 'month'], unique=False)
        batch_op.create_index('ix_tallies_by_month_issue_party', ['issue_id', 'party_id'], unique=False)

    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index('ix_statements_month_issue')

    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_column('attempts')
    _quote_indexes([])
