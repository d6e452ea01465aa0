-- revision: sql1
-- down_revision: sql0
-- message: second by graph, first by path

-- +upgrade
CREATE TABLE items (id INTEGER PRIMARY KEY);
-- +downgrade
DROP TABLE items;
