-- revision: k002
-- down_revision: k001
-- message: add an indexed qty to items and its shadow

-- +upgrade
ALTER TABLE items ADD COLUMN qty INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shadow_items ADD COLUMN qty INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_items_qty ON items (qty);
-- +downgrade
DROP INDEX ix_items_qty;
ALTER TABLE shadow_items DROP COLUMN qty;
ALTER TABLE items DROP COLUMN qty;
-- +downgrade mysql
ALTER TABLE shadow_items DROP COLUMN qty;
ALTER TABLE items DROP COLUMN qty;
