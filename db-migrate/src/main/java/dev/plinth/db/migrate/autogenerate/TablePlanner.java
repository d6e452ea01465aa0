package dev.plinth.db.migrate.autogenerate;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SchemaDifference;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the differences inside one table that both sides have into the steps of one batch, looking
 * each object up on the side it is on. What cannot be changed safely becomes a note instead.
 */
final class TablePlanner {
  private final Table model;
  private final Table database;
  private final Set<TableStep> steps = new LinkedHashSet<>();
  private final Notes notes;
  private final List<String> referencedBy;

  private TablePlanner(Table model, Table database, Notes notes, List<String> referencedBy) {
    this.model = model;
    this.database = database;
    this.notes = notes;
    this.referencedBy = referencedBy;
  }

  /**
   * The steps that turn {@code database} into {@code model}, in batch order; notes go to {@code
   * notes}. {@code referencedBy} names the foreign keys, on either side, that reference the table.
   */
  static List<TableStep> steps(
      Table model,
      Table database,
      List<SchemaDifference> differences,
      Notes notes,
      List<String> referencedBy) {
    TablePlanner planner = new TablePlanner(model, database, notes, referencedBy);
    differences.forEach(planner::add);
    planner.recreateForeignKeysOverChangedKeys();
    planner.noteLikelyRename();
    return planner.steps.stream().sorted(Comparator.comparingInt(TableStep::rank)).toList();
  }

  private void add(SchemaDifference d) {
    String object = d.object();
    switch (d.kind()) {
      case MISSING_COLUMN -> steps.add(TableStep.add(modelColumn(object)));
      case EXTRA_COLUMN -> steps.add(TableStep.drop(databaseColumn(object)));
      case TYPE, NULLABILITY, DEFAULT, COLLATION -> alterColumn(d);
      case AUTO_INCREMENT ->
          notes.add(
              "column "
                  + model.name()
                  + "."
                  + object
                  + " is "
                  + d.expected()
                  + " in the models and "
                  + d.actual()
                  + " in the database: not generated, change it by hand");
      case PRIMARY_KEY -> changePrimaryKey(d);
      case ENUM_VALUES ->
          notes.add(
              "enum values of column "
                  + model.name()
                  + "."
                  + object
                  + " are "
                  + d.expected()
                  + " in the models and "
                  + d.actual()
                  + " in the database: not generated, since rows may hold a value the new list"
                  + " lacks; check the rows, then write batch.alterColumn(\""
                  + object
                  + "\", c -> c.type(SqlType.enumeration(...))) by hand");
      case MISSING_UNIQUE -> steps.add(addUnique(object));
      case EXTRA_UNIQUE -> steps.add(dropUnique(object));
      case UNIQUE_NAME -> {
        steps.add(dropUnique(object));
        steps.add(addUnique(object));
      }
      case MISSING_INDEX -> steps.add(TableStep.add(index(model, object)));
      case EXTRA_INDEX -> steps.add(TableStep.drop(index(database, object)));
      case INDEX_COLUMNS, INDEX_UNIQUE, INDEX_WHERE -> {
        steps.add(TableStep.drop(index(database, object)));
        steps.add(TableStep.add(index(model, object)));
      }
      case MISSING_FOREIGN_KEY -> steps.add(TableStep.add(foreignKey(model, object)));
      case EXTRA_FOREIGN_KEY -> dropForeignKey(foreignKey(database, object));
      case FOREIGN_KEY_NAME, ON_DELETE, ON_UPDATE -> {
        steps.add(TableStep.drop(foreignKey(database, object)));
        steps.add(TableStep.add(foreignKey(model, object)));
      }
      case MISSING_CHECK -> steps.add(TableStep.add(check(model, object)));
      case EXTRA_CHECK -> steps.add(TableStep.drop(check(database, object)));
      case CHECK_EXPRESSION -> {
        steps.add(TableStep.drop(check(database, object)));
        steps.add(TableStep.add(check(model, object)));
      }
      default -> throw new IllegalArgumentException("not a difference inside a table: " + d);
    }
  }

  /**
   * Drops the database's key and creates the models', unless a foreign key references the table:
   * the key (or a unique key over the same columns) must then stay for it, so the author changes
   * the referencing keys and the primary key together by hand.
   */
  private void changePrimaryKey(SchemaDifference d) {
    if (!referencedBy.isEmpty()) {
      notes.add(
          "primary key of "
              + model.name()
              + " is "
              + d.expected()
              + " in the models and "
              + d.actual()
              + " in the database: not generated, since "
              + String.join(", ", referencedBy)
              + " references the table; drop the foreign keys, change the primary key and add"
              + " them again by hand");
      return;
    }
    if (!database.primaryKey().isEmpty()) {
      steps.add(TableStep.drop(new PrimaryKey(database.primaryKey())));
    }
    if (!model.primaryKey().isEmpty()) {
      steps.add(TableStep.add(new PrimaryKey(model.primaryKey())));
    }
  }

  private void dropForeignKey(ForeignKey fk) {
    steps.add(TableStep.drop(fk));
    if (fk.name() != null) {
      notes.add(
          "foreign key "
              + fk.name()
              + " of table "
              + model.name()
              + " is dropped: MySQL 8 keeps the index it made for it, also named "
              + fk.name()
              + ", which `check` then reports there; drop it on MySQL by hand, or declare it in"
              + " the models (MariaDB drops it with the key)");
    }
  }

  private void alterColumn(SchemaDifference d) {
    Column to = modelColumn(d.object());
    steps.add(new TableStep.AlterColumn(databaseColumn(d.object()), to));
    if (d.kind() == SchemaDifference.Kind.COLLATION) {
      notes.add(
          "column "
              + model.name()
              + "."
              + d.object()
              + ": collation names are the backend's own; the generated alterColumn applies"
              + " only on the backend it was generated on");
    }
  }

  /**
   * Drops and re-adds each foreign key that an index, unique or primary key the batch adds or drops
   * could serve (its columns lead the key's): MySQL refuses to drop the index a foreign key uses,
   * which the downgrade of an added key, or the upgrade of a dropped one, would otherwise do.
   */
  private void recreateForeignKeysOverChangedKeys() {
    List<List<String>> keys = steps.stream().map(TablePlanner::keyColumns).toList();
    for (ForeignKey kept : database.foreignKeys()) {
      String signature = signature(kept);
      boolean served =
          keys.stream()
              .anyMatch(
                  k ->
                      k.size() >= kept.columns().size()
                          && k.subList(0, kept.columns().size()).equals(kept.columns()));
      Optional<ForeignKey> model =
          this.model.foreignKeys().stream().filter(f -> signature(f).equals(signature)).findFirst();
      if (served && model.isPresent()) {
        steps.add(TableStep.drop(kept));
        steps.add(TableStep.add(model.get()));
      }
    }
  }

  /**
   * The columns of the index, unique key or primary key a step adds or drops; empty for other
   * steps.
   */
  private static List<String> keyColumns(TableStep step) {
    Object part = step instanceof TableStep.Part p ? p.part() : null;
    if (part instanceof Index i) {
      return i.columnNames();
    }
    if (part instanceof PrimaryKey k) {
      return k.columns();
    }
    return part instanceof UniqueConstraint u ? u.columns() : List.of();
  }

  private static String signature(ForeignKey fk) {
    return fk.columns() + " -> " + fk.referencedTable() + fk.referencedColumns();
  }

  /**
   * A table that loses columns and gains as many may have renamed them: autogenerate cannot tell,
   * so it drops and adds (the data goes) and says so.
   */
  private void noteLikelyRename() {
    List<String> dropped = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (TableStep step : steps) {
      if (step instanceof TableStep.Part p && p.part() instanceof Column c) {
        (p.adding() ? added : dropped).add(c.name());
      }
    }
    if (!dropped.isEmpty() && dropped.size() == added.size()) {
      notes.add(
          "table "
              + model.name()
              + " drops "
              + dropped
              + " and adds "
              + added
              + ": if that is a rename, replace them with renameColumn to keep the data");
    }
  }

  private TableStep addUnique(String columns) {
    return uniqueKey(model, columns)
        .map(TableStep::add)
        .orElseGet(() -> TableStep.add(uniqueIndex(model, columns)));
  }

  private TableStep dropUnique(String columns) {
    return uniqueKey(database, columns)
        .map(TableStep::drop)
        .orElseGet(() -> TableStep.drop(uniqueIndex(database, columns)));
  }

  private static Optional<UniqueConstraint> uniqueKey(Table t, String columns) {
    return t.uniqueConstraints().stream()
        .filter(u -> u.columns().toString().equals(columns))
        .findFirst();
  }

  private static Index uniqueIndex(Table t, String columns) {
    return find(
        t.indexes().stream().filter(i -> i.isUniqueKey() && i.columns().toString().equals(columns)),
        t,
        "unique key " + columns);
  }

  private static Index index(Table t, String name) {
    return find(
        t.indexes().stream().filter(i -> !i.isUniqueKey() && i.name().equals(name)),
        t,
        "index " + name);
  }

  private static ForeignKey foreignKey(Table t, String signature) {
    return find(
        t.foreignKeys().stream().filter(fk -> signature(fk).equals(signature)),
        t,
        "foreign key " + signature);
  }

  private static CheckConstraint check(Table t, String key) {
    return find(t.checks().stream().filter(c -> c.key().equals(key)), t, "check " + key);
  }

  private Column modelColumn(String name) {
    return model.column(name).orElseThrow(() -> absent(model, "column " + name));
  }

  private Column databaseColumn(String name) {
    return database.column(name).orElseThrow(() -> absent(database, "column " + name));
  }

  private static <T> T find(Stream<T> matches, Table t, String what) {
    return matches.findFirst().orElseThrow(() -> absent(t, what));
  }

  private static IllegalStateException absent(Table t, String what) {
    return new IllegalStateException(
        "table " + t.name() + " has no " + what + " although the comparison reported it");
  }
}
