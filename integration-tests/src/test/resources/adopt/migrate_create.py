"""Creates a database with the real sqlalchemy-migrate: puts it under version control and
upgrades it to version 1 of adopt/migrate_repo, leaving version 2 pending (usage: URL)."""
import os
import sys

from migrate.versioning import api

from jdbc_url import sqlalchemy_url

repository = os.path.join(os.path.dirname(__file__), "migrate_repo")
url = sqlalchemy_url(sys.argv[1])
api.version_control(url, repository, 0)
api.upgrade(url, repository, 1)
print(api.db_version(url, repository))
