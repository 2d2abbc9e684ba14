"""corrections that last, and full-text search

statements: origin (pipeline or user) and rejected, the corrections applied (materialised); rejected ends the
three covering indexes of 0005 so that reports leaving out rejected statements still read only the index.
corrections: the history of every correction and its anchor for re-attaching it after a reprocess.
The search objects (SQLite FTS5 tables and triggers, PostgreSQL tsvector columns) are made by
tracker.search.schema, and SQLite's index is filled from the rows already there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 22:40:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from tracker.search import index, schema

revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The statements' covering indexes as 0005 made them; this migration ends each with `rejected`.
INDEXES = {
    'ix_statements_issue_party_stance': ['issue_id', 'party_id', 'stance', 'counted', 'kind', 'confidence', 'published'],
    'ix_statements_party_issue_month': ['party_id', 'issue_id', 'month', 'counted', 'stance', 'published'],
    'ix_statements_published': ['published', 'party_id', 'issue_id', 'counted', 'stance'],
}


def upgrade() -> None:
    op.create_table(
        'corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('statement_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('field', sa.String(length=20), nullable=True),
        sa.Column('old_value', sa.Text(), nullable=True),
        sa.Column('new_value', sa.Text(), nullable=True),
        sa.Column('start_char', sa.Integer(), nullable=False),
        sa.Column('end_char', sa.Integer(), nullable=False),
        sa.Column('evidence', sa.Text(), nullable=False),
        sa.Column('extracted_speaker', sa.String(length=200), nullable=True),
        sa.Column('extracted_party', sa.String(length=16), nullable=True),
        sa.Column('author', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_corrections_article_id_articles'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['statement_id'], ['statements.id'],
                                name=op.f('fk_corrections_statement_id_statements'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_corrections')),
    )
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_corrections_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_corrections_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_corrections_statement_id'), ['statement_id'], unique=False)
    # Columns with constant defaults and indexes only: SQLite alters the table in place (a copy would drop it).
    with op.batch_alter_table('statements', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('origin', sa.String(length=10), server_default='pipeline', nullable=False))
        batch_op.add_column(sa.Column('rejected', sa.Boolean(), server_default='0', nullable=False))
        for name, columns in INDEXES.items():
            batch_op.drop_index(name)
            batch_op.create_index(name, [*columns, 'rejected'], unique=False)
    connection = op.get_bind()
    schema.create(connection)
    index.rebuild(connection)


def downgrade() -> None:
    schema.drop(op.get_bind())
    with op.batch_alter_table('statements', schema=None, recreate='never') as batch_op:
        for name, columns in INDEXES.items():
            batch_op.drop_index(name)
            batch_op.create_index(name, columns, unique=False)
        batch_op.drop_column('rejected')
        batch_op.drop_column('origin')
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_corrections_statement_id'))
        batch_op.drop_index(batch_op.f('ix_corrections_created_at'))
        batch_op.drop_index(batch_op.f('ix_corrections_article_id'))
    op.drop_table('corrections')
