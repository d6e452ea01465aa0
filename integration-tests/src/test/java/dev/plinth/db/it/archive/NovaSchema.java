package dev.plinth.db.it.archive;

import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A Nova-like schema for archive tests: {@code instances}; {@code instance_metadata}, {@code
 * instance_faults}, {@code block_device_mapping} and {@code instance_actions} referencing it by
 * uuid; {@code instance_actions_events} one level further down; {@code services} without soft
 * delete; and the self-referencing {@code networks}. Rows are soft-deleted the oslo.db way ({@code
 * deleted = id}), some parents leaving live children behind.
 */
final class NovaSchema {
  static final List<String> TABLES =
      List.of(
          "instances",
          "instance_metadata",
          "instance_faults",
          "block_device_mapping",
          "instance_actions",
          "instance_actions_events",
          "services",
          "networks");

  /** Foreign keys as child table, child column, parent table, parent column. */
  static final List<List<String>> LINKS =
      List.of(
          List.of("instance_metadata", "instance_uuid", "instances", "uuid"),
          List.of("instance_faults", "instance_uuid", "instances", "uuid"),
          List.of("block_device_mapping", "instance_uuid", "instances", "uuid"),
          List.of("instance_actions", "instance_uuid", "instances", "uuid"),
          List.of("instance_actions_events", "action_id", "instance_actions", "id"),
          List.of("networks", "parent_id", "networks", "id"));

  static final LocalDateTime OLD = LocalDateTime.of(2020, 1, 1, 0, 0);
  static final LocalDateTime RECENT = LocalDateTime.of(2030, 1, 1, 0, 0);

  private NovaSchema() {}

  /** Creates the tables and their shadow tables. */
  static void create(Database db) {
    List<Table> tables =
        List.of(
            soft(table("instances").column(Column.of("uuid", SqlType.varchar(36)).notNull()))
                .unique(UniqueConstraint.of("uniq_instances0uuid", "uuid"))
                .build(),
            child("instance_metadata", "meta_value"),
            child("instance_faults", "message"),
            child("block_device_mapping", "device_name"),
            child("instance_actions", "action"),
            soft(table("instance_actions_events")
                    .column(integer("action_id").notNull())
                    .column(Column.of("event", SqlType.varchar(64))))
                .foreignKey(ForeignKey.of(null, "action_id", "instance_actions", "id"))
                .build(),
            table("services").column(Column.of("host", SqlType.varchar(64))).build(),
            soft(table("networks")
                    .column(integer("parent_id"))
                    .column(Column.of("label", SqlType.varchar(64))))
                .foreignKey(ForeignKey.of(null, "parent_id", "networks", "id"))
                .build());
    db.writer()
        .run(tx -> tables.forEach(t -> tx.dialect().ddl().createTable(t).forEach(tx::update)));
    ShadowTables.of(db).create();
  }

  private static Table child(String name, String payload) {
    return soft(table(name)
            .column(Column.of("instance_uuid", SqlType.varchar(36)).notNull())
            .column(Column.of(payload, SqlType.varchar(255))))
        .foreignKey(ForeignKey.of(null, "instance_uuid", "instances", "uuid"))
        .build();
  }

  private static Table.Builder table(String name) {
    return Table.builder(name)
        .column(integer("id").withAutoIncrement())
        .column(Column.of("created_at", SqlType.timestamp()))
        .primaryKey("id");
  }

  private static Table.Builder soft(Table.Builder b) {
    return b.column(Column.of("updated_at", SqlType.timestamp()))
        .column(Column.of("deleted_at", SqlType.timestamp()))
        .column(integer("deleted").notNull().serverDefault("0"));
  }

  private static Column integer(String name) {
    return Column.of(name, SqlType.integer());
  }
}
