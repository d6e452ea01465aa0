package dev.plinth.db.migrate.change;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits of a {@link Table} model that keep it consistent: a renamed column is renamed in every key,
 * index and check; a dropped column takes the indexes, constraints and checks that use it along, as
 * PostgreSQL's DROP COLUMN does.
 */
final class TableModel {
  /** A SQL string literal, doubled quotes inside. */
  private static final Pattern STRING_LITERAL = Pattern.compile("'([^']|'')*'");

  private TableModel() {}

  /** A copy of {@code table} with its parts passed through the given edits. */
  static Table edit(
      Table table,
      UnaryOperator<List<Column>> columns,
      UnaryOperator<String> columnName,
      Predicate<Object> keep) {
    Table.Builder b = Table.builder(table.name());
    columns.apply(table.columns()).forEach(b::column);
    b.primaryKey(table.primaryKey().stream().map(columnName).toList());
    for (UniqueConstraint u : table.uniqueConstraints()) {
      if (keep.test(u)) {
        b.unique(new UniqueConstraint(u.name(), u.columns().stream().map(columnName).toList()));
      }
    }
    for (Index i : table.indexes()) {
      if (keep.test(i)) {
        b.index(
            new Index(
                i.name(),
                i.columns().stream()
                    .map(c -> Index.isExpression(c) ? c : columnName.apply(c))
                    .toList(),
                i.unique(),
                i.where()));
      }
    }
    for (ForeignKey f : table.foreignKeys()) {
      if (keep.test(f)) {
        b.foreignKey(
            new ForeignKey(
                f.name(),
                f.columns().stream().map(columnName).toList(),
                f.referencedTable(),
                f.referencedColumns(),
                f.onDelete(),
                f.onUpdate()));
      }
    }
    table.checks().stream().filter(keep).forEach(b::check);
    return b.build();
  }

  /** {@code table} with column {@code from} renamed to {@code to} everywhere it is used. */
  static Table renameColumn(Table table, String from, String to) {
    Table renamed =
        edit(
            table,
            cs -> cs.stream().map(c -> c.name().equals(from) ? c.named(to) : c).toList(),
            name -> name.equals(from) ? to : name,
            part -> !(part instanceof CheckConstraint));
    Table.Builder b = builderOf(renamed, true);
    Pattern word = word(from);
    for (CheckConstraint c : table.checks()) {
      b.check(new CheckConstraint(c.name(), renameOutsideLiterals(c.expression(), word, to)));
    }
    return b.build();
  }

  /**
   * {@code expression} with each match of {@code word} outside its string literals made {@code to}.
   */
  private static String renameOutsideLiterals(String expression, Pattern word, String to) {
    StringBuilder out = new StringBuilder();
    Matcher literal = STRING_LITERAL.matcher(expression);
    int from = 0;
    while (literal.find()) {
      out.append(rename(expression.substring(from, literal.start()), word, to));
      out.append(literal.group());
      from = literal.end();
    }
    return out.append(rename(expression.substring(from), word, to)).toString();
  }

  private static String rename(String code, Pattern word, String to) {
    return word.matcher(code).replaceAll(Matcher.quoteReplacement(to));
  }

  /** {@code table} without {@code column} and without the indexes and constraints using it. */
  static Table dropColumn(Table table, String column) {
    requireColumn(table, column);
    if (table.primaryKey().contains(column)) {
      throw new IllegalArgumentException(
          "cannot drop column " + column + " of table " + table.name() + ": it is in the key");
    }
    Pattern word = word(column);
    return edit(
        table,
        cs -> cs.stream().filter(c -> !c.name().equals(column)).toList(),
        UnaryOperator.identity(),
        part -> !usesColumn(part, column, word));
  }

  /**
   * Whether an index, unique constraint, foreign key or check of {@code table} uses {@code column}.
   */
  static boolean inUse(Table table, String column) {
    Pattern word = word(column);
    List<Object> parts = new ArrayList<>(table.uniqueConstraints());
    parts.addAll(table.indexes());
    parts.addAll(table.foreignKeys());
    parts.addAll(table.checks());
    return parts.stream().anyMatch(part -> usesColumn(part, column, word));
  }

  /**
   * The column {@code name} of {@code table}.
   *
   * @throws IllegalArgumentException if there is none
   */
  static Column requireColumn(Table table, String name) {
    return table
        .column(name)
        .orElseThrow(
            () -> new IllegalArgumentException("table " + table.name() + " has no column " + name));
  }

  /**
   * A builder holding everything of {@code table}, checks only when {@code withoutChecks} is off.
   */
  static Table.Builder builderOf(Table table, boolean withoutChecks) {
    Table.Builder b = Table.builder(table.name());
    table.columns().forEach(b::column);
    b.primaryKey(table.primaryKey());
    table.uniqueConstraints().forEach(b::unique);
    table.indexes().forEach(b::index);
    table.foreignKeys().forEach(b::foreignKey);
    if (!withoutChecks) {
      table.checks().forEach(b::check);
    }
    return b;
  }

  private static boolean usesColumn(Object part, String column, Pattern word) {
    if (part instanceof UniqueConstraint u) {
      return u.columns().contains(column);
    }
    if (part instanceof Index i) {
      return i.columnNames().contains(column)
          || i.columns().stream().anyMatch(c -> Index.isExpression(c) && word.matcher(c).find())
          || i.partial() && word.matcher(i.where()).find();
    }
    if (part instanceof ForeignKey f) {
      return f.columns().contains(column);
    }
    return word.matcher(((CheckConstraint) part).expression()).find();
  }

  /** {@code name} as a whole identifier, bare or quoted, in any case (as SQL compares them). */
  private static Pattern word(String name) {
    return Pattern.compile(
        "(?<![\\w$])[\"`]?" + Pattern.quote(name) + "[\"`]?(?![\\w$])", Pattern.CASE_INSENSITIVE);
  }
}
