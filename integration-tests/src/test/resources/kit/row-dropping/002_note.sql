-- revision: k002
-- down_revision: k001
-- message: rebuild items with a note, forgetting to copy its rows

-- +upgrade
CREATE TABLE items_new (
  id INTEGER NOT NULL,
  name VARCHAR(64) NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  note VARCHAR(200),
  PRIMARY KEY (id)
);
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
-- +downgrade
ALTER TABLE items DROP COLUMN note;
