"""Creates a database with the real Alembic: runs adopt/alembic up to its head (usage: URL)."""
import os
import sys

from alembic import command
from alembic.config import Config

from jdbc_url import sqlalchemy_url

config = Config()
config.set_main_option("script_location", os.path.join(os.path.dirname(__file__), "alembic"))
config.set_main_option("sqlalchemy.url", sqlalchemy_url(sys.argv[1]).replace("%", "%%"))
command.upgrade(config, "head")
