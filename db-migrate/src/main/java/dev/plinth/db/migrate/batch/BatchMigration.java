package dev.plinth.db.migrate.batch;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.CopySettings;
import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.error.DbNotSupportedException;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.SchemaIntrospector;
import dev.plinth.db.core.schema.SchemaObject;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.batch.TableRebuild.IncomingKey;
import dev.plinth.db.migrate.change.TableChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link BatchAlterTable}: in place where the backend can make every change and {@link
 * Recreate} allows it, by its ALTERs or, online, by ALTERs for some changes and a rewrite of the
 * table's declaration for the rest ({@link dev.plinth.db.core.dialect.Dialect#redeclaration});
 * otherwise as one {@link TableRebuild} built from the table read back (or given by {@link
 * BatchAlterTable#copyFrom(Table)}) with the batch's changes applied to the model. On SQLite the
 * revision's transaction must run under {@link dev.plinth.db.core.TransactionScope#schemaChange()},
 * which keeps foreign keys from acting on the drop and checks them all before commit.
 */
public final class BatchMigration {
  private final MigrationContext ctx;
  private final DdlRenderer ddl;

  /**
   * Creates a runner for batches in {@code ctx}, rendering with {@code ddl}.
   *
   * @param ctx the running revision
   * @param ddl the backend's renderer, adjusted to the server's version
   */
  public BatchMigration(MigrationContext ctx, DdlRenderer ddl) {
    this.ctx = ctx;
    this.ddl = ddl;
  }

  /**
   * Applies {@code batch}.
   *
   * @throws DbNotSupportedException if {@code recreate} is NEVER and a change cannot be made in
   *     place
   * @throws MigrationException offline, if the table must be rebuilt and no {@code copyFrom} shape
   *     was given
   * @throws IllegalArgumentException if a change does not fit the table
   */
  public void run(BatchAlterTable batch, Recreate recreate) {
    Table current = batch.copyFrom().orElseGet(() -> ctx.offline() ? null : read(batch.table()));
    if (recreate != Recreate.ALWAYS) {
      try {
        inPlace(batch, current).forEach(ctx::execute);
        return;
      } catch (DbNotSupportedException e) {
        if (recreate == Recreate.NEVER) {
          throw e;
        }
      }
    }
    if (current == null) {
      throw new MigrationException(
          "batch on table "
              + batch.table()
              + " must rebuild the table, and offline mode cannot read its current shape:"
              + " pass it with copyFrom(table)");
    }
    run(rebuild(batch, current));
  }

  /**
   * Renders every statement of the rebuild before running one, so that a shape the backend cannot
   * hold (a partial index on MySQL) is refused with the table untouched.
   */
  private void run(TableRebuild rebuild) {
    List<String> before = rebuild.beforeCopy(ddl);
    Optional<String> copy = rebuild.copy(ddl);
    List<String> after = rebuild.afterCopy(ddl);
    before.forEach(ctx::execute);
    copy.ifPresent(sql -> copyWith(settings(rebuild), sql));
    after.forEach(ctx::execute);
  }

  /** Runs {@code copy} with the backend's session settings for it, undone even if it fails. */
  private void copyWith(CopySettings settings, String copy) {
    settings.before().forEach(ctx::execute);
    try {
      ctx.execute(copy);
    } finally {
      settings.after().forEach(ctx::execute);
    }
  }

  private CopySettings settings(TableRebuild rebuild) {
    return ctx.offline()
        ? CopySettings.NONE
        : ctx.dialect().copySettings(ctx.tx(), rebuild.source().name(), rebuild.copiedUniqueKeys());
  }

  /**
   * The statements that make the whole batch in place: the backend's ALTERs or, where one of them
   * cannot be made, the ALTERs for the rest and a rewrite of the table's declaration.
   *
   * @throws DbNotSupportedException if neither can
   */
  private List<String> inPlace(BatchAlterTable batch, Table current) {
    try {
      return inPlace(batch, current, TableChange::inPlace);
    } catch (DbNotSupportedException alterCannot) {
      return redeclared(batch, current).orElseThrow(() -> alterCannot);
    }
  }

  private Optional<List<String>> redeclared(BatchAlterTable batch, Table current) {
    if (ctx.offline()
        || current == null
        || batch.copyFrom().isPresent()
        || altersAColumnItAdds(batch, current)
        || dropsAConstraintAndAColumn(batch)) {
      return Optional.empty();
    }
    List<String> statements;
    try {
      statements = new ArrayList<>(inPlace(batch, current, TableChange::inPlaceBesidesDeclaration));
    } catch (DbNotSupportedException e) {
      return Optional.empty();
    }
    Reshape reshape = reshape(batch, current);
    return ctx.dialect()
        .redeclaration(ctx.tx(), current, reshape.target(), reshape.origins())
        .map(
            rewrite -> {
              statements.addAll(rewrite);
              return statements;
            });
  }

  /**
   * Whether the batch alters a column it also adds. ALTER TABLE ADD COLUMN declares the column as
   * added; rows the batch then rewrites (a dropped column, an update) store its value by that
   * declaration, which a later rewrite of the declaration would contradict.
   */
  private static boolean altersAColumnItAdds(BatchAlterTable batch, Table current) {
    Set<String> added = new HashSet<>();
    Table model = current;
    for (TableChange change : batch.changes()) {
      if (change instanceof TableChange.AlterColumn alter && added.contains(alter.column())) {
        return true;
      }
      change
          .renames(model)
          .forEach(
              (from, to) -> {
                if (added.remove(from)) {
                  added.add(to);
                }
              });
      if (change instanceof TableChange.AddColumn add) {
        added.add(add.column().name());
      }
      model = change.applyTo(model);
    }
    return false;
  }

  /**
   * Whether the batch drops a constraint and a column: a dropped check or foreign key leaves the
   * declaration only with its rewrite, after the ALTER TABLE DROP COLUMN, which it could make fail.
   */
  private static boolean dropsAConstraintAndAColumn(BatchAlterTable batch) {
    return batch.changes().stream().anyMatch(TableChange.DropConstraint.class::isInstance)
        && batch.changes().stream().anyMatch(TableChange.DropColumn.class::isInstance);
  }

  private List<String> inPlace(BatchAlterTable batch, Table current, InPlaceForm form) {
    List<String> statements = new ArrayList<>();
    Table model = current;
    for (TableChange change : batch.changes()) {
      statements.addAll(form.statements(change, ddl, batch.table(), model));
      model = model == null ? null : change.applyTo(model);
    }
    return ddl.combine(batch.table(), statements);
  }

  /** One of the in-place forms of a {@link TableChange}. */
  @FunctionalInterface
  private interface InPlaceForm {
    List<String> statements(TableChange change, DdlRenderer ddl, String table, Table current);
  }

  /**
   * The table after the batch, and for each of its columns that {@code source} had, its name there.
   */
  private record Reshape(Table target, Map<String, String> origins) {}

  private static Reshape reshape(BatchAlterTable batch, Table source) {
    Map<String, String> origins = new LinkedHashMap<>();
    source.columns().forEach(c -> origins.put(c.name(), c.name()));
    Table target = source;
    for (TableChange change : batch.changes()) {
      Map<String, String> renames = change.renames(target);
      target = change.applyTo(target);
      Map<String, String> next = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : origins.entrySet()) {
        String name = renames.getOrDefault(e.getKey(), e.getKey());
        if (target.column(name).isPresent()) {
          next.put(name, e.getValue());
        }
      }
      origins.clear();
      origins.putAll(next);
    }
    return new Reshape(target, origins);
  }

  /**
   * The rebuild for {@code batch}. An index the backend re-creates from its own SQL (a dependent)
   * is left out of the target, unless the batch creates or drops an index of its name: then the
   * model's declaration, if any, is the one that counts.
   */
  private TableRebuild rebuild(BatchAlterTable batch, Table source) {
    Reshape reshape = reshape(batch, source);
    Set<String> touched = new HashSet<>();
    for (TableChange change : batch.changes()) {
      if (change instanceof TableChange.CreateIndex c) {
        touched.add(c.index().name());
      } else if (change instanceof TableChange.DropIndex d) {
        touched.add(d.name());
      }
    }
    List<SchemaObject> dependents =
        ctx.offline()
            ? List.of()
            : introspector().dependents(ctx.tx(), source.name()).stream()
                .filter(o -> !(o.kind().equals("index") && touched.contains(o.name())))
                .toList();
    Set<String> keptAsSql = new HashSet<>();
    dependents.stream().filter(o -> o.kind().equals("index")).forEach(o -> keptAsSql.add(o.name()));
    Table t = reshape.target();
    Table target =
        new Table(
            t.name(),
            t.columns(),
            t.primaryKey(),
            t.uniqueConstraints(),
            t.indexes().stream().filter(i -> !keptAsSql.contains(i.name())).toList(),
            t.foreignKeys(),
            t.checks());
    List<IncomingKey> incoming =
        ctx.offline() || ddl.rebuildKeepsIncomingForeignKeys()
            ? List.of()
            : incomingKeys(source.name());
    return new TableRebuild(source, target, reshape.origins(), dependents, incoming);
  }

  private List<IncomingKey> incomingKeys(String table) {
    Tx tx = ctx.tx();
    List<IncomingKey> keys = new ArrayList<>();
    for (String name : introspector().tableNames(tx)) {
      if (name.equalsIgnoreCase(table)) {
        continue;
      }
      for (ForeignKey fk : introspector().table(tx, name).orElseThrow().foreignKeys()) {
        if (fk.referencedTable().equalsIgnoreCase(table)) {
          keys.add(new IncomingKey(name, fk));
        }
      }
    }
    return keys;
  }

  private Table read(String table) {
    return introspector()
        .table(ctx.tx(), table)
        .orElseThrow(() -> new MigrationException("batch on table " + table + ": no such table"));
  }

  private SchemaIntrospector introspector() {
    return ctx.dialect().schemaIntrospector();
  }
}
