package dev.plinth.db.it.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.it.migrate.MigrationState;
import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.Revision;
import dev.plinth.db.migrate.source.JavaMigration;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Migrated;
import dev.plinth.db.testing.MigrationSet;
import dev.plinth.db.testing.MigrationSetSource;
import java.util.List;

@Migrated
class MigrationSetSourceTest implements MigrationSetSource {

  @Override
  public MigrationSet migrationSet() {
    return MigrationSet.builder()
        .scripts(List.of(JavaMigration.of(new Gadgets())))
        .migrator(b -> b.versionTable("gadget_version"))
        .build();
  }

  @AllBackends
  void aJavaMigrationGivenAsAnObjectIsAppliedWithTheSetsVersionTable(Database db) {
    List<String> versions = MigrationState.versionRows(db, "gadget_version");
    List<String> gadgets =
        db.reader().call(tx -> tx.query("SELECT name FROM gadgets", rs -> rs.getString(1)));

    assertThat(versions).containsExactly("gadget1");
    assertThat(gadgets).containsExactly("sprocket");
  }

  /** Creates a table with one row. */
  @Revision(id = "gadget1", message = "gadgets")
  public static final class Gadgets implements Migration {
    @Override
    public void upgrade(MigrationContext ctx) {
      ctx.tx().update("CREATE TABLE gadgets (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)");
      ctx.tx().update("INSERT INTO gadgets (id, name) VALUES (1, 'sprocket')");
    }

    @Override
    public void downgrade(MigrationContext ctx) {
      ctx.tx().update("DROP TABLE gadgets");
    }
  }
}
