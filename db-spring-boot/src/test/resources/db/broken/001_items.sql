-- revision: a1
-- message: items table

-- +upgrade
CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
-- +downgrade
DROP TABLE items;
