-- revision: k002b
-- down_revision: k001
-- message: add owners, on a branch of its own

-- +upgrade
CREATE TABLE owners (id INTEGER NOT NULL, name VARCHAR(64) NOT NULL, PRIMARY KEY (id));
-- +downgrade
DROP TABLE owners;
