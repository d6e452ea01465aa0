-- revision: k002
-- down_revision: k001
-- message: rebuild items with a note; the downgrade's rebuild forgets to leave the note out

-- +upgrade
CREATE TABLE items_new (
  id INTEGER NOT NULL,
  name VARCHAR(64) NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  note VARCHAR(200),
  PRIMARY KEY (id)
);
INSERT INTO items_new (id, name, deleted) SELECT id, name, deleted FROM items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
-- +downgrade
CREATE TABLE items_old (
  id INTEGER NOT NULL,
  name VARCHAR(64) NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  note VARCHAR(200),
  PRIMARY KEY (id)
);
INSERT INTO items_old (id, name, deleted) SELECT id, name, deleted FROM items;
DROP TABLE items;
ALTER TABLE items_old RENAME TO items;
