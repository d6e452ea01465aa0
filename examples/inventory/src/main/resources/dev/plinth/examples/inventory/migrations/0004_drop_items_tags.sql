-- revision: d14e8b7a5f04
-- down_revision: 9c3f6a2d4e03
-- phase: contract
-- message: drop items.tags, which item_tags replaced

-- +upgrade
ALTER TABLE items DROP COLUMN tags;
ALTER TABLE shadow_items DROP COLUMN tags;

-- The downgrades give the old code its comma-separated tags back, from item_tags.
-- +downgrade sqlite
ALTER TABLE items ADD COLUMN tags VARCHAR(255);
ALTER TABLE shadow_items ADD COLUMN tags VARCHAR(255);
UPDATE items SET tags = (
  SELECT group_concat(t.name, ',' ORDER BY t.name)
  FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = items.id);

-- +downgrade postgresql
ALTER TABLE items ADD COLUMN tags VARCHAR(255);
ALTER TABLE shadow_items ADD COLUMN tags VARCHAR(255);
UPDATE items SET tags = (
  SELECT string_agg(t.name, ',' ORDER BY t.name)
  FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = items.id);

-- +downgrade mysql
ALTER TABLE items ADD COLUMN tags VARCHAR(255);
ALTER TABLE shadow_items ADD COLUMN tags VARCHAR(255);
UPDATE items SET tags = (
  SELECT GROUP_CONCAT(t.name ORDER BY t.name SEPARATOR ',')
  FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = items.id);
