-- revision: k003
-- down_revision: k002
-- message: tag items

-- +upgrade
CREATE TABLE tags (
  id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  label VARCHAR(32) NOT NULL,
  pinned BOOLEAN NOT NULL DEFAULT FALSE,
  weight DECIMAL(10,2) DEFAULT 1.50,
  note TEXT,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  CONSTRAINT uq_tags0item_id0label UNIQUE (item_id, label),
  CONSTRAINT fk_tags_item FOREIGN KEY (item_id) REFERENCES items (id),
  CONSTRAINT ck_tags_weight CHECK (weight >= 0)
);
CREATE TABLE shadow_tags (
  id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  label VARCHAR(32) NOT NULL,
  pinned BOOLEAN NOT NULL DEFAULT FALSE,
  weight DECIMAL(10,2) DEFAULT 1.50,
  note TEXT,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id)
);
-- +downgrade
DROP TABLE shadow_tags;
DROP TABLE tags;
