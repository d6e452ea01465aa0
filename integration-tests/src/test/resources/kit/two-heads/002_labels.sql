-- revision: k002a
-- down_revision: k001
-- message: add labels

-- +upgrade
CREATE TABLE labels (id INTEGER NOT NULL, label VARCHAR(32) NOT NULL, PRIMARY KEY (id));
-- +downgrade
DROP TABLE labels;
