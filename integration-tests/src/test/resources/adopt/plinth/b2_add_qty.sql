-- revision: b2
-- down_revision: b1
-- message: add qty

-- +upgrade
ALTER TABLE items ADD COLUMN qty INTEGER;
-- +downgrade
ALTER TABLE items DROP COLUMN qty;
