ALTER TABLE items ADD COLUMN qty INTEGER;
INSERT INTO items (id, name, qty) VALUES (2, 'from legacy 002', 7);
