package dev.plinth.db.migrate.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.models.ModelComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The source autogenerate writes, compared as text: the layout a person (and google-java-format)
 * would give it, the order of operations, and the notes on what it left out. That it compiles and
 * round-trips on every backend is integration-tests' {@code AutogenerateRoundTripTest}.
 */
class AutogeneratorTest {
  private static final Table OWNERS =
      Table.builder("owners")
          .column(Column.of("id", SqlType.integer()).notNull())
          .primaryKey("id")
          .build();

  private static final Table ITEMS =
      Table.builder("items")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("owner_id", SqlType.integer()))
          .column(Column.of("qty", SqlType.integer()))
          .column(Column.of("note", SqlType.varchar(200)))
          .primaryKey("id")
          .index(Index.of("ix_items_qty", "qty"))
          .build();

  private static final Pattern OPERATION =
      Pattern.compile("(createTable|dropTable)\\(\\s*(?:Table\\.builder\\()?\"([^\"]+)\"");

  /** What google-java-format leaves as it is. */
  private static final String TAG_ITEMS =
      """
        import dev.plinth.db.core.schema.Column;
        import dev.plinth.db.core.schema.ForeignKey;
        import dev.plinth.db.core.schema.SqlType;
        import dev.plinth.db.core.schema.Table;
        import dev.plinth.db.migrate.Migration;
        import dev.plinth.db.migrate.MigrationContext;
        import dev.plinth.db.migrate.Revision;

        @Revision(
            id = "5b0e1f3c9a27",
            down = {"3f2a9c1b7d4e"},
            message = "tag items")
        public final class TagItems implements Migration {
          @Override
          public void upgrade(MigrationContext ctx) {
            // Check before applying, autogenerate could not decide these:
            // - table items drops [note] and adds [remark]: if that is a rename, replace them with
            //   renameColumn to keep the data
            ctx.op()
                .createTable(
                    Table.builder("tags")
                        .column(Column.of("id", SqlType.integer()).notNull())
                        .column(Column.of("item_id", SqlType.integer()).notNull())
                        .primaryKey("id")
                        .foreignKey(ForeignKey.of("fk_tags_item", "item_id", "items", "id"))
                        .build());
            ctx.op()
                .batchAlterTable(
                    "items",
                    batch ->
                        batch
                            .dropColumn("note")
                            .addColumn(Column.of("remark", SqlType.varchar(200)))
                            .alterColumn("qty", c -> c.type(SqlType.bigint()).serverDefault("0"))
                            .addForeignKey(
                                ForeignKey.of("fk_items_owner", "owner_id", "owners", "id")
                                    .onDelete("CASCADE")));
          }

          @Override
          public void downgrade(MigrationContext ctx) {
            ctx.op()
                .batchAlterTable(
                    "items",
                    batch ->
                        batch
                            .dropConstraint("fk_items_owner")
                            .alterColumn("qty", c -> c.type(SqlType.integer()).serverDefault(null))
                            .dropColumn("remark")
                            .addColumn(Column.of("note", SqlType.varchar(200))));
            ctx.op().dropTable("tags");
          }
        }
        """;

  @Test
  void writesCreatesBatchesAndTheirReverseWithNotes() {
    Table items =
        Table.builder("items")
            .column(Column.of("id", SqlType.integer()).notNull())
            .column(Column.of("owner_id", SqlType.integer()))
            .column(Column.of("qty", SqlType.bigint()).serverDefault("0"))
            .column(Column.of("remark", SqlType.varchar(200)))
            .primaryKey("id")
            .index(Index.of("ix_items_qty", "qty"))
            .foreignKey(
                ForeignKey.of("fk_items_owner", "owner_id", "owners", "id").onDelete("CASCADE"))
            .build();
    Table tags =
        Table.builder("tags")
            .column(Column.of("id", SqlType.integer()).notNull())
            .column(Column.of("item_id", SqlType.integer()).notNull())
            .primaryKey("id")
            .foreignKey(ForeignKey.of("fk_tags_item", "item_id", "items", "id"))
            .build();
    Schema models = Schema.of(List.of(OWNERS, items, tags));
    Schema database = Schema.of(List.of(OWNERS, ITEMS));

    GeneratedMigration body =
        Autogenerator.generate(new ModelComparison(models, database, models.diff(database)));

    assertThat(source(body)).isEqualTo(TAG_ITEMS);
    assertThat(body.warnings())
        .containsExactly(
            "table items drops [note] and adds [remark]: if that is a rename, replace them with"
                + " renameColumn to keep the data");
  }

  @Test
  void createsParentsFirstAndDropsChildrenFirst() {
    Table parent = table("a_parent", null);
    Table child = table("b_child", "a_parent");
    Table oldParent = table("x_parent", null);
    Table oldChild = table("y_child", "x_parent");
    Schema models = Schema.of(List.of(child, parent));
    Schema database = Schema.of(List.of(oldParent, oldChild));

    GeneratedMigration body =
        Autogenerator.generate(new ModelComparison(models, database, models.diff(database)));

    assertThat(operations(body.upgrade()))
        .containsExactly(
            "createTable a_parent",
            "createTable b_child",
            "dropTable y_child",
            "dropTable x_parent");
    assertThat(operations(body.downgrade()))
        .containsExactly(
            "createTable x_parent",
            "createTable y_child",
            "dropTable b_child",
            "dropTable a_parent");
  }

  @Test
  void aPrimaryKeyChangeIsDroppedAndCreatedInOneBatch() {
    Schema models = Schema.of(List.of(owners("id", "name")));
    Schema database = Schema.of(List.of(owners("id")));

    GeneratedMigration body =
        Autogenerator.generate(new ModelComparison(models, database, models.diff(database)));

    assertThat(body.warnings()).isEmpty();
    assertThat(oneLine(body.upgrade()))
        .isEqualTo(
            "ctx.op().batchAlterTable(\"owners\", batch ->"
                + " batch.dropPrimaryKey().createPrimaryKey(\"id\", \"name\"));");
    assertThat(oneLine(body.downgrade()))
        .isEqualTo(
            "ctx.op().batchAlterTable(\"owners\", batch ->"
                + " batch.dropPrimaryKey().createPrimaryKey(\"id\"));");
  }

  @Test
  void aPrimaryKeyThatAForeignKeyReferencesIsANoteNotAnOperation() {
    Table items =
        Table.builder("items")
            .column(Column.of("id", SqlType.integer()).notNull())
            .column(Column.of("owner_id", SqlType.integer()))
            .primaryKey("id")
            .foreignKey(ForeignKey.of("fk_items_owner", "owner_id", "owners", "id"))
            .build();
    Schema models = Schema.of(List.of(owners("id", "name"), items));
    Schema database = Schema.of(List.of(owners("id"), items));

    GeneratedMigration body =
        Autogenerator.generate(new ModelComparison(models, database, models.diff(database)));

    assertThat(body.warnings())
        .containsExactly(
            "primary key of owners is [id, name] in the models and [id] in the database: not"
                + " generated, since foreign key [owner_id] -> owners[id] of items references the"
                + " table; drop the foreign keys, change the primary key and add them again by"
                + " hand");
    assertThat(body.upgrade()).allMatch(line -> line.startsWith("    //"));
    assertThat(body.downgrade()).isEmpty();
  }

  /** {@code lines} joined, without the line breaks and indentation the formatter chose. */
  private static String oneLine(List<String> lines) {
    return String.join("", lines).strip().replaceAll("\\s+\\.", ".");
  }

  private static Table owners(String... key) {
    return Table.builder("owners")
        .column(Column.of("id", SqlType.integer()).notNull())
        .column(Column.of("name", SqlType.varchar(64)).notNull())
        .primaryKey(key)
        .build();
  }

  private static Table table(String name, String parent) {
    Table.Builder b =
        Table.builder(name).column(Column.of("id", SqlType.integer()).notNull()).primaryKey("id");
    if (parent != null) {
      b.column(Column.of("parent_id", SqlType.integer()))
          .foreignKey(ForeignKey.of("fk_" + name, "parent_id", parent, "id"));
    }
    return b.build();
  }

  /** Each createTable or dropTable of {@code lines}, in order, as "createTable NAME". */
  private static List<String> operations(List<String> lines) {
    Matcher m = OPERATION.matcher(String.join("\n", lines));
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1) + " " + m.group(2));
    }
    return found;
  }

  private static String source(GeneratedMigration body) {
    return MigrationClass.source(
        new RevisionInfo(
            "5b0e1f3c9a27",
            List.of("3f2a9c1b7d4e"),
            List.of(),
            List.of(),
            Optional.empty(),
            "tag items",
            "TagItems",
            true),
        "TagItems",
        body);
  }
}
