"""Turns the JDBC URL a Plinth test database has into the SQLAlchemy URL of the same database."""
from urllib.parse import parse_qs, quote, urlsplit

DRIVERS = {"postgresql": "postgresql+psycopg2", "mariadb": "mysql+pymysql", "mysql": "mysql+pymysql"}


def sqlalchemy_url(jdbc):
    rest = jdbc[len("jdbc:"):]
    if rest.startswith("sqlite:"):
        return "sqlite:///" + rest[len("sqlite:"):].split("?")[0]
    parts = urlsplit(rest)
    query = parse_qs(parts.query)
    auth = query.get("user", [""])[0]
    password = query.get("password", [""])[0]
    if password:
        auth += ":" + quote(password, safe="")
    return "%s://%s@%s:%s%s" % (DRIVERS[parts.scheme], auth, parts.hostname, parts.port, parts.path)
