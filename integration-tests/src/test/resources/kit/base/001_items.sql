-- revision: k001
-- message: create items and its shadow table

-- +upgrade
CREATE TABLE items (
  id INTEGER NOT NULL,
  name VARCHAR(64) NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
);
CREATE TABLE shadow_items (
  id INTEGER NOT NULL,
  name VARCHAR(64) NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
);
-- +downgrade
DROP TABLE shadow_items;
DROP TABLE items;
