-- revision: sql2
-- down_revision: sql0
-- +upgrade
SELECT 2;
