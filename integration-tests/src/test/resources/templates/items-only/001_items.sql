-- revision: only1
-- message: items with one row

-- +upgrade
CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
INSERT INTO items (id, name) VALUES (1, 'rivet');
-- +downgrade
DROP TABLE items;
