-- revision: shop1
-- message: items with two rows

-- +upgrade
CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
INSERT INTO items (id, name) VALUES (1, 'bolt');
INSERT INTO items (id, name) VALUES (2, 'nut');
-- +downgrade
DROP TABLE items;
