package dev.plinth.db.core.schema;

import java.util.Objects;

/**
 * One difference between an expected schema (the models) and an actual one (read from a database),
 * typed so that tests can filter it and printed as the sentence {@code plinth-migrate check} shows:
 * {@code column items.qty: type BIGINT in models, INTEGER in database}.
 *
 * @param kind what differs
 * @param table the table it is in
 * @param object the column name, index name, check name (or normalised expression), the unique
 *     key's columns ({@code [a, b]}) or the foreign key's signature ({@code [owner_id] ->
 *     owners[id]}); {@code null} for a table or a primary key
 * @param expected the expected side's value as printed ({@code BIGINT}, {@code NOT NULL}, {@code
 *     none}); {@code null} for a {@code MISSING_*} or {@code EXTRA_*} kind
 * @param actual the actual side's value as printed; {@code null} for a {@code MISSING_*} or {@code
 *     EXTRA_*} kind
 */
public record SchemaDifference(
    Kind kind, String table, String object, String expected, String actual) {

  /** What a difference is about: the kind of schema object it names. */
  public enum Subject {
    /** A whole table. */
    TABLE("table ", null),
    /** A column. */
    COLUMN("column ", "."),
    /** A table's primary key. */
    PRIMARY_KEY("primary key of ", null),
    /** A unique constraint or unique index, known by its columns. */
    UNIQUE_KEY("unique key ", ""),
    /** An index known by its name: a non-unique one, or a partial or expression one. */
    INDEX("index ", "."),
    /** A foreign key, known by its columns and what they reference. */
    FOREIGN_KEY("foreign key ", ""),
    /** A check constraint, known by its name or its expression. */
    CHECK("check ", ".");

    private final String prefix;
    private final String joiner;

    Subject(String prefix, String joiner) {
      this.prefix = prefix;
      this.joiner = joiner;
    }

    String label(String table, String object) {
      return joiner == null ? prefix + table : prefix + table + joiner + object;
    }
  }

  /** The differences the comparison tells apart, each with the sentence it prints as. */
  public enum Kind {
    /** A table the expected side has and the actual side lacks. */
    MISSING_TABLE(Subject.TABLE, Form.MISSING, null),
    /** A table only the actual side has. */
    EXTRA_TABLE(Subject.TABLE, Form.EXTRA, null),
    /** A column the actual side lacks. */
    MISSING_COLUMN(Subject.COLUMN, Form.MISSING, null),
    /** A column only the actual side has. */
    EXTRA_COLUMN(Subject.COLUMN, Form.EXTRA, null),
    /** A column's type, after normalisation ({@link SqlType#parse}). */
    TYPE(Subject.COLUMN, Form.VALUE, "type"),
    /**
     * The values of a column that is an {@link SqlType.Kind#ENUM} on both sides, in order: {@code
     * [open, closed]}.
     */
    ENUM_VALUES(Subject.COLUMN, Form.VALUE, "enum values"),
    /** A column's nullability: {@code NOT NULL} or {@code nullable}. */
    NULLABILITY(Subject.COLUMN, Form.VALUE, null),
    /** A column's server default, after normalisation; {@code none} when absent. */
    DEFAULT(Subject.COLUMN, Form.VALUE, "default"),
    /** A column's collation, compared without regard to case; {@code none} for the default. */
    COLLATION(Subject.COLUMN, Form.VALUE, "collation"),
    /** Whether the backend generates a column's values. */
    AUTO_INCREMENT(Subject.COLUMN, Form.VALUE, null),
    /** A table's primary-key columns. */
    PRIMARY_KEY(Subject.PRIMARY_KEY, Form.VALUE, null),
    /** A unique key the actual side lacks. */
    MISSING_UNIQUE(Subject.UNIQUE_KEY, Form.MISSING, null),
    /** A unique key only the actual side has. */
    EXTRA_UNIQUE(Subject.UNIQUE_KEY, Form.EXTRA, null),
    /** The name of a unique key both sides name. */
    UNIQUE_NAME(Subject.UNIQUE_KEY, Form.VALUE, "name"),
    /** An index the actual side lacks. */
    MISSING_INDEX(Subject.INDEX, Form.MISSING, null),
    /** An index only the actual side has. */
    EXTRA_INDEX(Subject.INDEX, Form.EXTRA, null),
    /** The key of an index both sides have: its columns and normalised expressions. */
    INDEX_COLUMNS(Subject.INDEX, Form.VALUE, "columns"),
    /** Whether an index both sides have is unique: {@code unique} or {@code not unique}. */
    INDEX_UNIQUE(Subject.INDEX, Form.VALUE, null),
    /** The normalised condition of a partial index both sides have; {@code none} when absent. */
    INDEX_WHERE(Subject.INDEX, Form.VALUE, "WHERE"),
    /** A foreign key the actual side lacks. */
    MISSING_FOREIGN_KEY(Subject.FOREIGN_KEY, Form.MISSING, null),
    /** A foreign key only the actual side has. */
    EXTRA_FOREIGN_KEY(Subject.FOREIGN_KEY, Form.EXTRA, null),
    /** The name of a foreign key both sides name. */
    FOREIGN_KEY_NAME(Subject.FOREIGN_KEY, Form.VALUE, "name"),
    /** A foreign key's ON DELETE action; {@code none} for NO ACTION or RESTRICT. */
    ON_DELETE(Subject.FOREIGN_KEY, Form.VALUE, "ON DELETE"),
    /** A foreign key's ON UPDATE action; {@code none} for NO ACTION or RESTRICT. */
    ON_UPDATE(Subject.FOREIGN_KEY, Form.VALUE, "ON UPDATE"),
    /** A check constraint the actual side lacks. */
    MISSING_CHECK(Subject.CHECK, Form.MISSING, null),
    /** A check constraint only the actual side has. */
    EXTRA_CHECK(Subject.CHECK, Form.EXTRA, null),
    /** The expression of a check both sides have, after normalisation. */
    CHECK_EXPRESSION(Subject.CHECK, Form.VALUE, "expression");

    private final Subject subject;
    private final Form form;
    private final String property;

    Kind(Subject subject, Form form, String property) {
      this.subject = subject;
      this.form = form;
      this.property = property;
    }

    /** The kind of object this difference names. */
    public Subject subject() {
      return subject;
    }

    /** Whether the object is on the expected side only. */
    public boolean isMissing() {
      return form == Form.MISSING;
    }

    /** Whether the object is on the actual side only. */
    public boolean isExtra() {
      return form == Form.EXTRA;
    }
  }

  private enum Form {
    MISSING,
    EXTRA,
    VALUE
  }

  /** Checks that kind and table are present. */
  public SchemaDifference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(table, "table");
  }

  /**
   * The sentence with the two sides named as given: {@code describe("sqlite", "postgresql")} gives
   * {@code column items.qty: type INTEGER in sqlite, BIGINT in postgresql}.
   *
   * @param expectedSide what the expected side is called ({@code models})
   * @param actualSide what the actual side is called ({@code database})
   */
  public String describe(String expectedSide, String actualSide) {
    String label = kind.subject.label(table, object);
    switch (kind.form) {
      case MISSING:
        return label + ": missing in " + actualSide;
      case EXTRA:
        return label + ": in " + actualSide + ", not in " + expectedSide;
      default:
        String head = kind == Kind.PRIMARY_KEY ? label + " " : label + ": ";
        String property = kind.property == null ? "" : kind.property + " ";
        return head
            + property
            + expected
            + " in "
            + expectedSide
            + ", "
            + actual
            + " in "
            + actualSide;
    }
  }

  /**
   * The sentence {@code plinth-migrate check} prints, with the sides called models and database.
   */
  @Override
  public String toString() {
    return describe("models", "database");
  }
}
