-- revision: sql0
-- message: base
-- +upgrade
CREATE TABLE base (id INTEGER);
