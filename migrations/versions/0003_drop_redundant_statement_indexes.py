"""drop the statements indexes the covering indexes make redundant

ix_statements_party_issue (party_id, issue_id) is a prefix of ix_statements_party_issue_stance, and
ix_statements_issue_id (issue_id) of ix_statements_issue_party_stance: the longer indexes serve the same
look-ups, and every insert of a statement no longer has to update two more B-trees.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 00:20:00
"""
from typing import Sequence, Union

from alembic import op


revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.drop_index('ix_statements_party_issue', table_name='statements')
    op.drop_index('ix_statements_issue_id', table_name='statements')


def downgrade() -> None:
    op.create_index('ix_statements_issue_id', 'statements', ['issue_id'], unique=False)
    op.create_index('ix_statements_party_issue', 'statements', ['party_id', 'issue_id'], unique=False)
