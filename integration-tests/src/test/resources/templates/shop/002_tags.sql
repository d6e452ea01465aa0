-- revision: shop2
-- down_revision: shop1
-- message: tags referencing items, and a view

-- +upgrade
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL,
  label VARCHAR(20) NOT NULL,
  CONSTRAINT fk_tags_item FOREIGN KEY (item_id) REFERENCES items (id)
);
CREATE INDEX ix_tags_label ON tags (label);
CREATE VIEW item_names AS SELECT name FROM items;
-- +downgrade
DROP VIEW item_names;
DROP TABLE tags;
