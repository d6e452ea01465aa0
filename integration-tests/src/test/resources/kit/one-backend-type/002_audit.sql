-- revision: k002
-- down_revision: k001
-- message: keep an audit log, its amount typed BIGINT on PostgreSQL only

-- +upgrade
CREATE TABLE audit_log (id INTEGER NOT NULL, amount INTEGER, PRIMARY KEY (id));
-- +upgrade postgresql
CREATE TABLE audit_log (id INTEGER NOT NULL, amount BIGINT, PRIMARY KEY (id));
-- +downgrade
DROP TABLE audit_log;
