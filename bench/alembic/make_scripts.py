"""Turns the Plinth SQL files of the upgrade benchmark into an Alembic script directory.

Usage: /usr/bin/python3 bench/alembic/make_scripts.py PLINTH_DIR OUT_DIR

Each Plinth file becomes one revision file with the same id and down revision whose upgrade()
runs the file's upgrade statements one op.execute() each, so Alembic runs exactly the statements
Plinth and Flyway run. env.py configures transaction_per_migration=True: one transaction per
revision, as Plinth and Flyway do by default.
"""

import pathlib
import sys

ENV_PY = '''from alembic import context
from sqlalchemy import create_engine

url = context.get_x_argument(as_dictionary=True)["url"]
engine = create_engine(url)
with engine.connect() as connection:
    # One transaction per revision (Alembic's default is one for the whole run).
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
'''

# Logging as the other two contenders run here: warnings only.
ALEMBIC_INI = '''[alembic]
script_location = %(here)s

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = WARN
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
'''

REVISION_PY = '''"""{message}"""
from alembic import op

revision = {revision!r}
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
{body}


def downgrade():
    op.execute({downgrade!r})
'''


def parse(path):
    """The header keys and the upgrade and downgrade statements of one Plinth SQL file."""
    header, sections, section = {}, {"upgrade": [], "downgrade": []}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-- +"):
            section = line[4:].strip()
        elif section is None and line.startswith("-- ") and ":" in line:
            key, value = line[3:].split(":", 1)
            header[key.strip()] = value.strip()
        elif section and line.strip():
            sections[section].append(line.strip().rstrip(";"))
    return header, sections


def main(plinth_dir, out_dir):
    out = pathlib.Path(out_dir)
    versions = out / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    (out / "env.py").write_text(ENV_PY)
    (out / "alembic.ini").write_text(ALEMBIC_INI)
    for path in sorted(pathlib.Path(plinth_dir).glob("*.sql")):
        header, sections = parse(path)
        body = "\n".join(f"    op.execute({s!r})" for s in sections["upgrade"])
        (versions / (path.stem + ".py")).write_text(
            REVISION_PY.format(
                message=header.get("message", ""),
                revision=header["revision"],
                down=header.get("down_revision"),
                body=body,
                downgrade="; ".join(sections["downgrade"]),
            )
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
