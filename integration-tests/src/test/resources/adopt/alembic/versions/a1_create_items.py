"""create items"""
from alembic import op
import sqlalchemy as sa

revision = "a1f0c0de0001"
down_revision = None


def upgrade():
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(50)),
    )
