package dev.plinth.db.migrate.autogenerate;

import static dev.plinth.db.migrate.autogenerate.JavaCode.call;
import static dev.plinth.db.migrate.autogenerate.JavaCode.string;
import static dev.plinth.db.migrate.autogenerate.JavaCode.text;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.autogenerate.JavaCode.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link SchemaChange}s as statements of a migration method through {@code ctx.op()}: a new
 * table as {@code createTable}, a dropped one as {@code dropTable}, the changes to one table as one
 * {@code batchAlterTable}, which makes them in place where the backend can and rebuilds the table
 * where it cannot (SQLite).
 */
final class OperationsSource {
  private static final int BODY_INDENT = 4;

  private final SchemaExpressions expressions;
  private final Notes notes;

  OperationsSource(SchemaExpressions expressions, Notes notes) {
    this.expressions = expressions;
    this.notes = notes;
  }

  /** The lines of a method body that runs {@code changes}, indented for the body. */
  List<String> body(List<SchemaChange> changes) {
    List<String> lines = new ArrayList<>();
    for (SchemaChange change : changes) {
      lines.addAll(statement(change));
    }
    return lines;
  }

  private List<String> statement(SchemaChange change) {
    List<String> lines = new ArrayList<>();
    Call operation;
    if (change instanceof SchemaChange.WholeTable whole) {
      operation =
          whole.create()
              ? call("createTable", expressions.table(whole.definition()))
              : call("dropTable", string(whole.table()));
    } else {
      operation = batch((SchemaChange.AlterTable) change, lines);
    }
    if (operation != null) {
      JavaCode code = new JavaCode.Chain(text("ctx.op()"), List.of(operation));
      String pad = " ".repeat(BODY_INDENT);
      for (String line : (code.layout(BODY_INDENT, BODY_INDENT, 1) + ";").split("\n")) {
        lines.add(line.startsWith(" ") ? line : pad + line);
      }
    }
    return lines;
  }

  /**
   * {@code batchAlterTable("t", batch -> batch...)}, or {@code null} when none of its steps can be
   * written; a comment line goes to {@code comments} for each step that cannot.
   */
  private Call batch(SchemaChange.AlterTable alter, List<String> comments) {
    List<Call> calls = new ArrayList<>();
    for (TableStep step : alter.steps()) {
      Call call = step(alter.table(), step);
      if (call == null) {
        comments.add(
            " ".repeat(BODY_INDENT)
                + "// "
                + alter.table()
                + ": a constraint without a name is left alone, see the notes above");
      } else {
        calls.add(call);
      }
    }
    if (calls.isEmpty()) {
      return null;
    }
    return call(
        "batchAlterTable",
        string(alter.table()),
        new JavaCode.Lambda("batch", new JavaCode.Chain(text("batch"), calls)));
  }

  /** The batch call for {@code step}; {@code null} for a constraint without a name to drop. */
  private Call step(String table, TableStep step) {
    if (step instanceof TableStep.AlterColumn a) {
      return call("alterColumn", string(a.to().name()), expressions.columnChange(a.from(), a.to()));
    }
    TableStep.Part changed = (TableStep.Part) step;
    if (changed.adding()) {
      return add(changed.part());
    }
    Object part = changed.part();
    if (part instanceof PrimaryKey) {
      return call("dropPrimaryKey");
    } else if (part instanceof Column c) {
      return call("dropColumn", string(c.name()));
    } else if (part instanceof Index i) {
      return call("dropIndex", string(i.name()));
    } else if (part instanceof UniqueConstraint u) {
      return dropConstraint(table, u.name(), "unique key " + u.columns());
    } else if (part instanceof CheckConstraint c) {
      return dropConstraint(table, c.name(), "check " + c.expression());
    }
    ForeignKey fk = (ForeignKey) part;
    return dropConstraint(
        table, fk.name(), "foreign key " + fk.columns() + " -> " + fk.referencedTable());
  }

  private Call add(Object part) {
    if (part instanceof PrimaryKey k) {
      return new Call("createPrimaryKey", k.columns().stream().map(JavaCode::string).toList());
    } else if (part instanceof Column c) {
      return call("addColumn", expressions.column(c));
    } else if (part instanceof Index i) {
      return call("createIndex", expressions.index(i));
    } else if (part instanceof UniqueConstraint u) {
      return call("addUniqueConstraint", expressions.unique(u));
    } else if (part instanceof CheckConstraint c) {
      return call("addCheckConstraint", expressions.check(c));
    }
    return call("addForeignKey", expressions.foreignKey((ForeignKey) part));
  }

  private Call dropConstraint(String table, String name, String what) {
    if (name == null) {
      notes.add(
          "the "
              + what
              + " of table "
              + table
              + " has no name, so the generated code cannot drop it: name it in the models (and"
              + " in the database), or drop it by hand");
      return null;
    }
    return call("dropConstraint", string(name));
  }
}
