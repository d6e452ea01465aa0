"""add qty"""
from alembic import op
import sqlalchemy as sa

revision = "a2f0c0de0002"
down_revision = "a1f0c0de0001"


def upgrade():
    op.add_column("items", sa.Column("qty", sa.Integer))
