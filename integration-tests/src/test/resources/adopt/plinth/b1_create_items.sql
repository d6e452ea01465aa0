-- revision: b1
-- message: create items

-- +upgrade
CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50));
-- +downgrade
DROP TABLE items;
