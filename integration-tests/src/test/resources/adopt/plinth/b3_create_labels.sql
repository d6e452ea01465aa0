-- revision: b3
-- down_revision: b2
-- message: create labels

-- +upgrade
CREATE TABLE labels (id INTEGER NOT NULL PRIMARY KEY, item_id INTEGER NOT NULL, label VARCHAR(50));
-- +downgrade
DROP TABLE labels;
