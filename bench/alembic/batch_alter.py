"""Alembic's side of bench/run-batch-sqlite.sh: the benchmark's batch through Alembic 1.8's
batch_alter_table, driven by its operations API directly (no env.py, no version table).

Usage: /usr/bin/python3 bench/alembic/batch_alter.py FILE

Prints one JSON line like dev.plinth.bench.BatchSqliteBench: the wall time around the operation
only (connection already open, commit included), the process's CPU time in it, and the SQLite version and settings it ran with.
"""
import json
import sys
import time

import alembic
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations


def engine_for(path):
    """An engine whose transactions are real SQLite transactions, DDL included.

    Python's sqlite3 module opens a transaction only before DML, so by default the CREATE TABLE
    of the copy would commit on its own. This is SQLAlchemy's documented recipe for pysqlite
    (take transaction control from the driver, emit BEGIN ourselves), which makes the whole batch
    one transaction, as on the other two sides.
    """
    engine = sa.create_engine(f"sqlite:///{path}")

    @sa.event.listens_for(engine, "connect")
    def no_driver_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine


def settings(connection):
    queries = {
        "sqlite_version": "SELECT sqlite_version()",
        "journal_mode": "PRAGMA journal_mode",
        "synchronous": "PRAGMA synchronous",
        "cache_size": "PRAGMA cache_size",
        "temp_store": "PRAGMA temp_store",
    }
    return {k: str(connection.exec_driver_sql(q).scalar()) for k, q in queries.items()}


def batch(connection):
    op = Operations(MigrationContext.configure(connection))
    with op.batch_alter_table("items") as b:
        b.add_column(sa.Column("note", sa.Text()))
        b.alter_column(
            "qty",
            existing_type=sa.Integer(),
            type_=sa.BigInteger(),
            nullable=False,
            server_default=sa.text("0"),
        )
        b.drop_column("created_at")
        b.alter_column("name", new_column_name="title", existing_type=sa.String(50))


def main(path):
    engine = engine_for(path)
    with engine.connect() as connection:
        found = settings(connection)
        t0, cpu0 = time.perf_counter(), time.process_time()
        with connection.begin():
            batch(connection)
        t1, cpu1 = time.perf_counter(), time.process_time()
    engine.dispose()
    print(json.dumps({"contender": "alembic", "seconds": round(t1 - t0, 4),
                      "cpu_seconds": round(cpu1 - cpu0, 4), **found,
                      "alembic_version": alembic.__version__,
                      "sqlalchemy_version": sa.__version__}))


if __name__ == "__main__":
    main(sys.argv[1])
