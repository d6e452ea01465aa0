package dev.plinth.db.it.migrate.autogenerate;

import static dev.plinth.db.it.migrate.autogenerate.ShopSchema.drop;
import static dev.plinth.db.it.migrate.autogenerate.ShopSchema.edit;
import static dev.plinth.db.it.migrate.autogenerate.ShopSchema.put;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One edit of the models, of one kind autogenerate detects.
 *
 * @param name what it changes
 * @param change the edit of the schema
 * @param combinable whether it goes into {@link #allTogether()}: edits of the same object are left
 *     out there, one of them is enough
 * @param leftOnMysql the differences {@code check} still reports on MySQL and MariaDB after the
 *     generated revision, as its warnings say
 * @param refusedOn the servers that cannot hold the change, so that applying the generated revision
 *     fails there ({@code mysql} for MySQL and MariaDB, {@code mariadb} for MariaDB alone), each
 *     with what its failure says
 */
public record ModelChange(
    String name,
    UnaryOperator<Schema> change,
    boolean combinable,
    List<String> leftOnMysql,
    Map<String, String> refusedOn) {

  private static final Map<String, String> NO_PARTIAL_INDEXES =
      Map.of(
          "mysql", "MySQL and MariaDB have no partial indexes",
          "mariadb", "MySQL and MariaDB have no partial indexes");

  private static final String AUTOINCREMENT_IS_THE_KEY =
      "its auto-increment column id is the whole primary key on this database";

  private static final String LEADS_NO_KEY =
      "its AUTO_INCREMENT column id would lead no key, which MySQL and MariaDB require";

  /** A change that the generated revision makes completely on every backend. */
  public ModelChange(String name, UnaryOperator<Schema> change, boolean combinable) {
    this(name, change, combinable, List.of(), Map.of());
  }

  /** A change that leaves {@code leftOnMysql} for {@code check} to report on MySQL 8. */
  public ModelChange(
      String name, UnaryOperator<Schema> change, boolean combinable, List<String> leftOnMysql) {
    this(name, change, combinable, leftOnMysql, Map.of());
  }

  /** The models after this change. */
  public Schema models() {
    return change.apply(ShopSchema.BASE);
  }

  /** Every kind of change, one at a time. */
  public static List<ModelChange> each() {
    return List.of(
        new ModelChange("table added", s -> put(s, tags()), true),
        new ModelChange("table removed", s -> drop(s, "legacy"), true),
        new ModelChange(
            "columns added",
            s ->
                edit(
                    s,
                    "items",
                    t ->
                        t.add(Column.of("price", SqlType.decimal(10, 2)))
                            .add(
                                Column.of("code", SqlType.varchar(16))
                                    .notNull()
                                    .serverDefault("'x'"))),
            true),
        new ModelChange("column removed", s -> edit(s, "items", t -> t.column("note", null)), true),
        new ModelChange(
            "column renamed",
            s -> edit(s, "items", t -> t.alter("note", c -> c.named("remark"))),
            false),
        new ModelChange(
            "column type",
            s -> edit(s, "items", t -> t.alter("qty", c -> c.type(SqlType.bigint()))),
            true),
        new ModelChange(
            "column nullability",
            s -> edit(s, "owners", t -> t.alter("name", Column::allowNull)),
            true),
        new ModelChange(
            "server default",
            s -> edit(s, "items", t -> t.alter("qty", c -> c.serverDefault("0"))),
            true),
        new ModelChange(
            "index replaced",
            s ->
                edit(
                    s,
                    "items",
                    t -> t.indexes(i -> List.of(Index.of("ix_items_name_qty", "name", "qty")))),
            false),
        new ModelChange(
            "index columns",
            s ->
                edit(
                    s,
                    "items",
                    t -> t.indexes(i -> List.of(Index.of("ix_items_qty", "qty", "name")))),
            true),
        new ModelChange(
            "partial index added",
            s ->
                edit(
                    s,
                    "items",
                    t ->
                        t.indexes(
                            i ->
                                List.of(
                                    Index.of("ix_items_qty", "qty"),
                                    Index.unique("ux_items_live_note", "note").where("qty > 0")))),
            false,
            List.of(),
            NO_PARTIAL_INDEXES),
        new ModelChange(
            "partial index condition",
            s ->
                edit(
                    s,
                    "items",
                    t ->
                        t.indexes(i -> List.of(Index.of("ix_items_qty", "qty").where("qty <> 0")))),
            false,
            List.of(),
            NO_PARTIAL_INDEXES),
        new ModelChange(
            "expression index added",
            s ->
                edit(
                    s,
                    "owners",
                    t ->
                        t.indexes(
                            i ->
                                List.of(
                                    Index.of(
                                        "ix_owners_lower_name",
                                        Index.expression("lower(name)"),
                                        "id")))),
            false,
            List.of(),
            Map.of("mariadb", "MariaDB has no expression indexes")),
        new ModelChange(
            "unique index added",
            s ->
                edit(
                    s,
                    "owners",
                    t -> t.indexes(i -> List.of(Index.unique("ux_owners_name", "name")))),
            true),
        new ModelChange(
            "unique constraint replaced",
            s ->
                edit(
                    s,
                    "items",
                    t ->
                        t.uniques(
                            u ->
                                List.of(
                                    UniqueConstraint.of(
                                        "uq_items_owner_name", "owner_id", "name")))),
            true),
        new ModelChange(
            "foreign key action",
            s ->
                edit(
                    s,
                    "items",
                    t ->
                        t.foreignKeys(
                            f ->
                                List.of(
                                    ForeignKey.of("fk_items_owner", "owner_id", "owners", "id")
                                        .onDelete("SET NULL")))),
            true),
        new ModelChange(
            "foreign key removed",
            s -> edit(s, "items", t -> t.foreignKeys(f -> List.of())),
            false,
            List.of("index items.fk_items_owner: in database, not in models")),
        new ModelChange(
            "check expression",
            s ->
                edit(
                    s,
                    "items",
                    t -> t.checks(c -> List.of(CheckConstraint.of("ck_items_qty", "qty >= 1")))),
            true),
        new ModelChange(
            "check added",
            s ->
                edit(
                    s,
                    "owners",
                    t ->
                        t.checks(c -> List.of(CheckConstraint.of("ck_owners_name", "name <> ''")))),
            true),
        new ModelChange(
            "check removed", s -> edit(s, "items", t -> t.checks(c -> List.of())), false),
        new ModelChange(
            "primary key widened",
            s ->
                edit(s, "legacy", t -> t.alter("label", Column::notNull).primaryKey("id", "label")),
            false),
        new ModelChange(
            "primary key moved",
            s -> edit(s, "legacy", t -> t.alter("label", Column::notNull).primaryKey("label")),
            false),
        new ModelChange(
            "primary key widened after an auto-increment column",
            s -> edit(s, "tickets", t -> t.primaryKey("id", "code")),
            false,
            List.of(),
            Map.of("sqlite", AUTOINCREMENT_IS_THE_KEY)),
        new ModelChange(
            "primary key moved off an auto-increment column",
            s -> edit(s, "tickets", t -> t.primaryKey("code")),
            false,
            List.of(),
            Map.of(
                "sqlite", AUTOINCREMENT_IS_THE_KEY,
                "mysql", LEADS_NO_KEY,
                "mariadb", LEADS_NO_KEY)));
  }

  /** Every combinable change at once. */
  public static ModelChange allTogether() {
    List<UnaryOperator<Schema>> edits = new ArrayList<>();
    each().stream().filter(ModelChange::combinable).forEach(c -> edits.add(c.change()));
    return new ModelChange(
        "all together",
        s -> {
          Schema result = s;
          for (UnaryOperator<Schema> e : edits) {
            result = e.apply(result);
          }
          return result;
        },
        false);
  }

  /** A new table referencing items, deleted with them. */
  private static Table tags() {
    return Table.builder("tags")
        .column(Column.of("id", SqlType.integer()).notNull())
        .column(Column.of("item_id", SqlType.integer()).notNull())
        .column(Column.of("label", SqlType.varchar(32)).notNull())
        .primaryKey("id")
        .unique(UniqueConstraint.of("uq_tags_item_label", "item_id", "label"))
        .foreignKey(ForeignKey.of("fk_tags_item", "item_id", "items", "id").onDelete("CASCADE"))
        .build();
  }

  @Override
  public String toString() {
    return name;
  }
}
