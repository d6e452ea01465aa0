package dev.plinth.db.it.migrate.autogenerate;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.source.JavaMigration;
import dev.plinth.db.migrate.source.MigrationScript;
import java.util.ArrayList;
import java.util.List;

/** The migrators and schema reads the autogenerate tests share. */
final class ShopMigrators {
  private ShopMigrators() {}

  /** A migrator of {@link BaseRevision} then {@code after}, comparing with {@code models}. */
  static Migrator.Builder migrator(Database db, Schema models, List<MigrationScript> after) {
    List<MigrationScript> scripts = new ArrayList<>();
    scripts.add(JavaMigration.of(new BaseRevision()));
    scripts.addAll(after);
    return Migrator.builder().database(db).scripts(scripts).models(models);
  }

  /** Every table of {@code db} as read back. */
  static Schema read(Database db) {
    return db.reader().call(tx -> db.schema().readAll(tx));
  }
}
