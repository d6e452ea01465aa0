-- revision: c3
-- down_revision: a1
-- message: inserts into a table nobody created

-- +upgrade
INSERT INTO no_such_table (id) VALUES (1);
-- +downgrade
DELETE FROM no_such_table;
