-- revision: k002
-- down_revision: k001
-- message: add qty to items, without the index the models declare

-- +upgrade
ALTER TABLE items ADD COLUMN qty INTEGER NOT NULL DEFAULT 0;
-- +downgrade
ALTER TABLE items DROP COLUMN qty;
