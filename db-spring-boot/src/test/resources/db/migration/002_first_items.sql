-- revision: b2
-- down_revision: a1
-- message: first items

-- +upgrade
INSERT INTO items (id, name) VALUES (1, 'anvil');
INSERT INTO items (id, name) VALUES (2, 'bellows');
-- +downgrade
DELETE FROM items;
