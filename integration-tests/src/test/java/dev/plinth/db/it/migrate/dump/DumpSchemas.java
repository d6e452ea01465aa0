package dev.plinth.db.it.migrate.dump;

import dev.plinth.db.testing.Backend;
import java.util.HexFormat;

/**
 * A schema per backend with what real dumps carry: functions, triggers, views, sequences, generated
 * and identity columns, text that needs escaping and binary data holding every byte value, written
 * in the backend's client syntax.
 */
final class DumpSchemas {
  /** Every byte value, 0 to 255, in hex. */
  static final String EVERY_BYTE;

  static {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    EVERY_BYTE = HexFormat.of().formatHex(bytes);
  }

  private DumpSchemas() {}

  /** The script that builds the schema and its rows, for the backend's client. */
  static String of(Backend backend) {
    return switch (backend) {
      case POSTGRESQL -> postgres();
      case MYSQL -> mysql();
      case SQLITE -> sqlite();
    };
  }

  private static String postgres() {
    return """
        CREATE SEQUENCE order_no START 100;
        CREATE TABLE items (
          id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          name text NOT NULL,
          price numeric(10,2),
          doubled numeric GENERATED ALWAYS AS (price * 2) STORED,
          tags jsonb,
          payload bytea);
        CREATE TABLE audit (id serial PRIMARY KEY, item_id integer, note text);
        CREATE FUNCTION log_item() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO audit (item_id, note) VALUES (NEW.id, 'added; ' || NEW.name);
          RETURN NEW;
        END $$;
        CREATE TRIGGER items_log AFTER INSERT ON items FOR EACH ROW EXECUTE FUNCTION log_item();
        CREATE VIEW tagged AS SELECT id, name FROM items
          WHERE tags ? 'a' OR tags ?| array['b'] OR tags ?& array['c'];
        INSERT INTO items (name, price, tags, payload) VALUES
          (E'tab\\there; new\\nline \\\\ back ''quote''', 1.50, '{"a":1}', '\\x%s'),
          ('plain', NULL, '{"b":2}', NULL);
        SELECT setval('order_no', 150);
        """
        .formatted(EVERY_BYTE);
  }

  private static String mysql() {
    return """
        CREATE SEQUENCE order_no START WITH 100;
        CREATE TABLE items (
          id INT AUTO_INCREMENT PRIMARY KEY,
          name VARCHAR(100) NOT NULL,
          price DECIMAL(10,2),
          doubled DECIMAL(12,2) AS (price * 2) STORED,
          payload BLOB);
        CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, item_id INT, note VARCHAR(200));
        DELIMITER //
        CREATE TRIGGER items_log AFTER INSERT ON items FOR EACH ROW
        BEGIN
          INSERT INTO audit (item_id, note) VALUES (NEW.id, CONCAT('added; ', NEW.name));
        END//
        CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC
        BEGIN
          RETURN x * 2;
        END//
        CREATE PROCEDURE add_item(IN n VARCHAR(100))
        BEGIN
          INSERT INTO items (name) VALUES (n);
        END//
        DELIMITER ;
        CREATE VIEW priced AS SELECT id, name, twice(id) AS two FROM items WHERE price IS NOT NULL;
        INSERT INTO items (name, price, payload) VALUES
          ('tab\\there; new\\nline \\\\ back ''quote''', 1.50, UNHEX('%s')),
          ('plain', NULL, NULL);
        """
        .formatted(EVERY_BYTE);
  }

  private static String sqlite() {
    return """
        CREATE TABLE items (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL,
          price REAL,
          doubled REAL GENERATED ALWAYS AS (price * 2) STORED,
          payload BLOB);
        CREATE TABLE audit (id INTEGER PRIMARY KEY, item_id INTEGER, note TEXT);
        CREATE TRIGGER items_log AFTER INSERT ON items
        BEGIN
          INSERT INTO audit (item_id, note) VALUES (NEW.id, 'added; ' || NEW.name);
        END;
        CREATE VIEW priced AS SELECT id, name FROM items WHERE price IS NOT NULL;
        INSERT INTO items (name, price, payload) VALUES
          ('tab' || char(9) || 'there; new' || char(10) || 'line \\ back ''quote''', 1.5, X'%s'),
          ('plain', NULL, NULL);
        """
        .formatted(EVERY_BYTE);
  }
}
