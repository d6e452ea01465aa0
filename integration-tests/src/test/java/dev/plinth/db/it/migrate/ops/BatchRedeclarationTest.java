package dev.plinth.db.it.migrate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.CheckConstraintException;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.error.NotNullException;
import dev.plinth.db.core.error.ReferenceException;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.batch.BatchAlterTable;
import dev.plinth.db.migrate.batch.Recreate;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * Batches whose changes SQLite's ALTER TABLE cannot make but whose rows stay as they are (a type of
 * the same affinity, nullability, a default): on SQLite they rewrite the table's declaration
 * instead of copying it, and must leave what a copy leaves. The other backends make them with
 * ALTER, so every test also holds there.
 */
class BatchRedeclarationTest {
  private static final Table STOCK =
      Table.builder("stock")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("name", SqlType.varchar(50)))
          .column(Column.of("qty", SqlType.integer()))
          .column(Column.of("created_at", SqlType.timestamp()))
          .primaryKey("id")
          .unique(UniqueConstraint.of("uq_stock_name", "name"))
          .index(Index.of("ix_stock_qty", "qty"))
          .build();

  private static final Table MOVES =
      Table.builder("moves")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("stock_id", SqlType.integer()).notNull())
          .primaryKey("id")
          .foreignKey(ForeignKey.of("fk_moves_stock", "stock_id", "stock", "id"))
          .build();

  /** The benchmark's batch: add, make BIGINT NOT NULL DEFAULT 0, drop, rename. */
  private static final UnaryOperator<BatchAlterTable> RESHAPE =
      batch ->
          batch
              .addColumn(Column.of("note", SqlType.text()))
              .alterColumn("qty", c -> c.type(SqlType.bigint()).notNull().serverDefault("0"))
              .dropColumn("created_at")
              .renameColumn("name", "title");

  /**
   * A batch of declaration changes only: no ALTER that SQLite could run, so nothing else raises the
   * schema version.
   */
  private static final UnaryOperator<BatchAlterTable> QTY_REQUIRED =
      batch -> batch.alterColumn("qty", c -> c.type(SqlType.bigint()).notNull().serverDefault("0"));

  /** On {@link #checked}: drop {@code note}, which the tests name elsewhere, and widen qty. */
  private static final UnaryOperator<BatchAlterTable> DROP_NOTE_WIDEN_QTY =
      batch -> batch.dropColumn("note").alterColumn("qty", c -> c.type(SqlType.bigint()));

  private static final String ROWS = "SELECT id, title, qty, note FROM stock ORDER BY id";

  /** stock with six rows (qty NULL on even ids), a move for each. */
  private static void stock(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op().createTable(STOCK);
          ctx.op().createTable(MOVES);
          for (int i = 1; i <= 6; i++) {
            ctx.op()
                .execute(
                    "INSERT INTO stock (id, name, qty) VALUES ("
                        + i
                        + ", 'item"
                        + i
                        + "', "
                        + (i % 2 == 0 ? "NULL" : String.valueOf(i))
                        + ")");
            ctx.op().execute("INSERT INTO moves (id, stock_id) VALUES (" + i + ", " + i + ")");
          }
        });
  }

  /** Runs {@code changes} on {@code table} with {@code Recreate.AUTO}; returns what it executed. */
  private static List<String> batch(
      Database db, String table, UnaryOperator<BatchAlterTable> changes) {
    List<String> executed = new ArrayList<>();
    TestMigrations.run(db, executed, ctx -> ctx.op().batchAlterTable(table, changes));
    return executed;
  }

  private static List<String> batch(
      Database db, Recreate recreate, UnaryOperator<BatchAlterTable> changes) {
    List<String> executed = new ArrayList<>();
    TestMigrations.run(db, executed, ctx -> ctx.op().batchAlterTable("stock", recreate, changes));
    return executed;
  }

  /**
   * Runs {@code changes} on {@code table} with {@code Recreate.AUTO}, asserts that they fail with
   * {@code type} and that the table reads back as before, and returns the failure's assertion.
   */
  private static AbstractThrowableAssert<?, ? extends Throwable> failsAndLeaves(
      Database db,
      String table,
      UnaryOperator<BatchAlterTable> changes,
      Class<? extends Throwable> type) {
    Table before = db.schema().table(table);
    AbstractThrowableAssert<?, ? extends Throwable> failure =
        assertThatThrownBy(
                () ->
                    TestMigrations.run(
                        db, ctx -> ctx.op().batchAlterTable(table, Recreate.AUTO, changes)))
            .isInstanceOf(type);
    assertThat(db.schema().table(table)).isEqualTo(before);
    return failure;
  }

  private static boolean copied(List<String> executed) {
    return executed.stream().anyMatch(sql -> sql.startsWith("INSERT INTO"));
  }

  private static void dropAll(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op().dropTable("moves");
          ctx.op().dropTable("stock");
        });
  }

  @AllBackends
  void leavesWhatTheCopyLeavesWithoutCopyingOnSqlite(Database db, Backend backend) {
    stock(db);
    List<String> executed = batch(db, Recreate.AUTO, RESHAPE);
    Table inPlace = db.schema().table("stock");
    List<String> rowsInPlace = rows(db);
    dropAll(db);
    stock(db);
    assertThat(copied(batch(db, Recreate.ALWAYS, RESHAPE))).isTrue();
    assertThat(inPlace).isEqualTo(db.schema().table("stock"));
    assertThat(rowsInPlace).isEqualTo(rows(db)).contains("2|item2|0|null", "3|item3|3|null");
    assertThat(copied(executed)).isFalse();
    if (backend == Backend.SQLITE) {
      assertThat(executed).contains("PRAGMA writable_schema = RESET");
    }
  }

  @AllBackends
  void connectionsOpenedBeforeTheBatchEnforceTheNewDeclaration(Database db) {
    stock(db);
    try (Database other = Database.builder().config(db.config()).build()) {
      other.writer().run(tx -> tx.update("INSERT INTO stock (id, name) VALUES (7, 'seven')"));
      batch(db, Recreate.AUTO, QTY_REQUIRED);
      assertThatThrownBy(
              () ->
                  other
                      .writer()
                      .run(
                          tx ->
                              tx.update("INSERT INTO stock (id, name, qty) VALUES (8, 'x', NULL)")))
          .isInstanceOf(DbException.class);
      other.writer().run(tx -> tx.update("INSERT INTO stock (id, name) VALUES (9, 'nine')"));
      List<Long> defaulted =
          other
              .reader()
              .call(
                  tx -> tx.query("SELECT qty FROM stock WHERE id IN (7, 9)", rs -> rs.getLong(1)));
      assertThat(defaulted).containsExactly(0L, 0L);
    }
  }

  @AllBackends
  void rowsThatNeverStoredAColumnKeepItsOldDefault(Database db) {
    stock(db);
    TestMigrations.run(
        db,
        ctx ->
            ctx.op().addColumn("stock", Column.of("grade", SqlType.integer()).serverDefault("5")));
    List<String> executed =
        batch(db, Recreate.AUTO, b -> b.alterColumn("grade", c -> c.serverDefault("7")));
    db.writer().run(tx -> tx.update("INSERT INTO stock (id, name) VALUES (7, 'seven')"));
    assertThat(TestMigrations.strings(db, "SELECT grade FROM stock ORDER BY id"))
        .containsExactly("5", "5", "5", "5", "5", "5", "7");
    assertThat(copied(executed)).isFalse();
  }

  @AllBackends
  void notNullOverNullsWithoutADefaultFailsAndLeavesTheTable(Database db) {
    stock(db);
    failsAndLeaves(db, "stock", b -> b.alterColumn("qty", Column::notNull), DbException.class);
    assertThat(TestMigrations.count(db, "SELECT 1 FROM stock WHERE qty IS NULL")).isEqualTo(3);
  }

  /** Not on MySQL, whose one combined ALTER gives the new column its implicit default, 0. */
  @AllBackends({Backend.SQLITE, Backend.POSTGRESQL})
  void addedColumnMadeNotNullWithoutADefaultFailsAndLeavesTheTable(Database db) {
    stock(db);
    failsAndLeaves(
        db,
        "stock",
        b ->
            b.addColumn(Column.of("grade", SqlType.integer()))
                .alterColumn("grade", Column::notNull),
        DbException.class);
  }

  /** Not on MySQL, whose DDL commits on its own. */
  @AllBackends({Backend.SQLITE, Backend.POSTGRESQL})
  void failureLaterInTheRevisionRestoresTheDeclarationOnTheSameConnection(Database db) {
    stock(db);
    Table before = db.schema().table("stock");
    assertThatThrownBy(
            () ->
                TestMigrations.run(
                    db,
                    ctx -> {
                      ctx.op().batchAlterTable("stock", QTY_REQUIRED);
                      ctx.op().execute("INSERT INTO no_such_table (id) VALUES (1)");
                    }))
        .isInstanceOf(DbException.class);
    assertThat(db.schema().table("stock")).isEqualTo(before);
    db.writer()
        .run(
            tx ->
                tx.update(
                    "INSERT INTO stock (id, name, qty, created_at) VALUES (7, 's', NULL, NULL)"));
    assertThat(TestMigrations.count(db, "SELECT 1 FROM stock WHERE qty IS NULL")).isEqualTo(4);
  }

  @AllBackends
  void checksAndForeignKeysComeAndGoWithoutACopy(Database db) {
    stock(db);
    List<String> executed =
        batch(
            db,
            Recreate.AUTO,
            b -> b.addCheckConstraint(CheckConstraint.of("ck_stock_qty", "qty >= 0")));
    List<String> dropped = batch(db, "moves", b -> b.dropConstraint("fk_moves_stock"));
    assertThat(copied(executed) || copied(dropped)).isFalse();
    assertThat(db.schema().table("stock").checks())
        .extracting(CheckConstraint::name)
        .containsExactly("ck_stock_qty");
    assertThat(db.schema().table("moves").foreignKeys()).isEmpty();
    assertThatThrownBy(
            () ->
                db.writer()
                    .run(tx -> tx.update("INSERT INTO stock (id, name, qty) VALUES (7, 'x', -1)")))
        .isInstanceOf(CheckConstraintException.class);
    db.writer().run(tx -> tx.update("INSERT INTO moves (id, stock_id) VALUES (7, 99)"));
  }

  @AllBackends
  void checkThatARowViolatesFailsAndLeavesTheTable(Database db) {
    stock(db);
    failsAndLeaves(
            db,
            "stock",
            b -> b.addCheckConstraint(CheckConstraint.of("ck_stock_qty", "qty < 3")),
            CheckConstraintException.class)
        .hasMessageContaining("ck_stock_qty");
    db.writer().run(tx -> tx.update("INSERT INTO stock (id, name, qty) VALUES (7, 'x', 9)"));
  }

  @AllBackends
  void foreignKeyThatARowBreaksFailsAndLeavesTheTable(Database db) {
    stock(db);
    TestMigrations.run(
        db, ctx -> ctx.op().batchAlterTable("moves", b -> b.dropConstraint("fk_moves_stock")));
    db.writer().run(tx -> tx.update("INSERT INTO moves (id, stock_id) VALUES (7, 99)"));
    failsAndLeaves(
        db, "moves", b -> b.addForeignKey(MOVES.foreignKeys().get(0)), ReferenceException.class);
  }

  @AllBackends
  void droppingAnIndexedColumnAlongsideAnAlterationWorks(Database db) {
    stock(db);
    batch(db, Recreate.AUTO, b -> b.dropColumn("qty"));
    batch(
        db,
        Recreate.AUTO,
        b -> b.dropColumn("created_at").alterColumn("name", c -> c.type(SqlType.varchar(80))));
    Table stock = db.schema().table("stock");
    assertThat(stock.columns()).extracting(Column::name).containsExactly("id", "name");
    assertThat(stock.indexes()).isEmpty();
    assertThat(TestMigrations.count(db, "SELECT 1 FROM stock")).isEqualTo(6);
  }

  @AllBackends
  void columnAddedAndAlteredInOneBatchGetsItsFinalDefault(Database db, Backend backend) {
    stock(db);
    batch(
        db,
        Recreate.AUTO,
        b ->
            b.addColumn(Column.of("grade", SqlType.integer()))
                .dropColumn("created_at")
                .alterColumn("grade", c -> c.notNull().serverDefault("0")));
    assertThat(TestMigrations.count(db, "SELECT 1 FROM stock WHERE grade = 0")).isEqualTo(6);
    if (backend == Backend.SQLITE) {
      assertThat(TestMigrations.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
    }
  }

  @AllBackends(Backend.SQLITE)
  void tableWithAGeneratedColumnIsCopiedOnSqlite(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op()
              .execute(
                  "CREATE TABLE gen (id INTEGER PRIMARY KEY, a INTEGER,"
                      + " g INTEGER GENERATED ALWAYS AS (a * 10) STORED, b TEXT)");
          ctx.op().execute("INSERT INTO gen (id, a, b) VALUES (1, 1, 'one'), (2, 2, 'two')");
        });
    assertThat(copied(batch(db, "gen", b -> b.alterColumn("a", c -> c.type(SqlType.bigint())))))
        .isTrue();
    assertThat(TestMigrations.strings(db, "SELECT b FROM gen ORDER BY id"))
        .containsExactly("one", "two");
    assertThat(TestMigrations.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  @AllBackends(Backend.SQLITE)
  void collationBehindACommentStillOrdersItsIndexOnSqlite(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op()
              .execute(
                  "CREATE TABLE named (id INTEGER PRIMARY KEY, -- the row's id\n"
                      + " qty INTEGER, label TEXT COLLATE NOCASE)");
          ctx.op().execute("CREATE INDEX ix_named_label ON named (label)");
          ctx.op()
              .execute(
                  "INSERT INTO named (id, qty, label) VALUES (1, 1, 'a'), (2, 2, 'B'), (3, 3, 'c')");
        });
    batch(db, "named", b -> b.alterColumn("qty", c -> c.type(SqlType.bigint())));
    assertThat(db.schema().table("named").column("label").orElseThrow().collation())
        .isEqualToIgnoringCase("NOCASE");
    assertThat(TestMigrations.strings(db, "SELECT id FROM named WHERE label = 'C'"))
        .containsExactly("3");
    assertThat(TestMigrations.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  /** {@code checked(id, qty, note)} with check {@code ck: qty >= 0} and quantities 1, 2 and 5. */
  private static void checked(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op()
              .execute(
                  "CREATE TABLE checked (id INTEGER PRIMARY KEY, qty INTEGER, note VARCHAR(10),"
                      + " CONSTRAINT ck CHECK (qty >= 0))");
          ctx.op().execute("INSERT INTO checked (id, qty) VALUES (1, 1), (2, 2), (3, 5)");
        });
  }

  @AllBackends
  void checkReplacedUnderItsOwnNameIsTriedOnTheRows(Database db) {
    checked(db);
    failsAndLeaves(
            db,
            "checked",
            b -> b.dropConstraint("ck").addCheckConstraint(CheckConstraint.of("ck", "qty < 3")),
            CheckConstraintException.class)
        .hasMessageContaining("ck");
  }

  @AllBackends(Backend.SQLITE)
  void triggerThatIgnoresUpdatesCannotHideAViolationOnSqlite(Database db) {
    checked(db);
    TestMigrations.run(
        db,
        ctx ->
            ctx.op()
                .execute(
                    "CREATE TRIGGER trg_checked_frozen BEFORE UPDATE ON checked"
                        + " WHEN OLD.qty = 5 BEGIN SELECT RAISE(IGNORE); END"));
    failsAndLeaves(
        db,
        "checked",
        b -> b.addCheckConstraint(CheckConstraint.of("ck_small", "qty < 3")),
        CheckConstraintException.class);
  }

  @AllBackends
  void droppingACheckAndTheColumnItUsesWorks(Database db) {
    checked(db);
    batch(db, "checked", b -> b.dropConstraint("ck").dropColumn("qty"));
    assertThat(db.schema().table("checked").columns())
        .extracting(Column::name)
        .containsExactly("id", "note");
  }

  @AllBackends
  void nullsFilledUnderACheckTheBatchDropsWorks(Database db) {
    checked(db);
    db.writer().run(tx -> tx.update("INSERT INTO checked (id, qty) VALUES (4, NULL)"));
    batch(
        db,
        "checked",
        b -> b.dropConstraint("ck").alterColumn("qty", c -> c.notNull().serverDefault("-1")));
    assertThat(TestMigrations.strings(db, "SELECT qty FROM checked ORDER BY id"))
        .containsExactly("1", "2", "5", "-1");
  }

  @AllBackends(Backend.SQLITE)
  void droppedColumnThatAPartialIndexOrAViewUsesIsCopiedOnSqlite(Database db) {
    checked(db);
    TestMigrations.execute(
        db,
        "CREATE INDEX ix_checked_qty ON checked (qty) WHERE note IS NULL",
        "CREATE VIEW v_checked AS SELECT id, note FROM checked");
    assertThat(copied(batch(db, "checked", DROP_NOTE_WIDEN_QTY))).isTrue();
    assertThat(TestMigrations.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  @AllBackends(Backend.SQLITE)
  void uniqueKeyThatReplacesOnConflictLosesNoRowToTheFillOnSqlite(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op()
              .execute(
                  "CREATE TABLE coded (id INTEGER PRIMARY KEY, code TEXT,"
                      + " UNIQUE (code) ON CONFLICT REPLACE)");
          ctx.op().execute("INSERT INTO coded (id, code) VALUES (1, 'a'), (2, NULL), (3, NULL)");
        });
    failsAndLeaves(
        db,
        "coded",
        b -> b.alterColumn("code", c -> c.notNull().serverDefault("'a'")),
        DuplicateEntryException.class);
    assertThat(TestMigrations.count(db, "SELECT 1 FROM coded")).isEqualTo(3);
  }

  @AllBackends(Backend.SQLITE)
  void autoincrementTableIsCopiedAndKeepsItsSequenceOnSqlite(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op()
              .execute(
                  "CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, label VARCHAR(5))");
          ctx.op().execute("INSERT INTO tickets (label) VALUES ('a'), ('b'), ('c')");
        });
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op()
              .batchAlterTable("tickets", b -> b.alterColumn("label", c -> c.type(SqlType.text())));
          ctx.op().execute("UPDATE sqlite_sequence SET seq = 100 WHERE name = 'tickets'");
        });
    long id = db.writer().call(tx -> tx.insert("INSERT INTO tickets (label) VALUES ('d')"));
    assertThat(id).isEqualTo(101);
  }

  @AllBackends(Backend.SQLITE)
  void oldExpressionDefaultIsComparedWholeOnSqlite(Database db) {
    stock(db);
    TestMigrations.run(
        db, ctx -> ctx.op().execute("ALTER TABLE stock ADD COLUMN flag INTEGER DEFAULT (1 AND 0)"));
    batch(db, "stock", b -> b.alterColumn("flag", c -> c.serverDefault("7")));
    assertThat(TestMigrations.strings(db, "SELECT DISTINCT flag FROM stock")).containsExactly("0");
  }

  @AllBackends(Backend.SQLITE)
  void copyFromShapeIsCheckedAsTheCopyChecksItOnSqlite(Database db) {
    stock(db);
    Table withCheck =
        new Table(
            STOCK.name(),
            STOCK.columns(),
            STOCK.primaryKey(),
            STOCK.uniqueConstraints(),
            STOCK.indexes(),
            STOCK.foreignKeys(),
            List.of(CheckConstraint.of("ck_stock_qty", "qty < 2")));
    failsAndLeaves(
        db,
        "stock",
        b -> b.copyFrom(withCheck).alterColumn("name", c -> c.type(SqlType.varchar(80))),
        CheckConstraintException.class);
  }

  @AllBackends
  void columnWithANonLiteralDefaultIsAddedToEveryRow(Database db) {
    stock(db);
    batch(
        db,
        "stock",
        b ->
            b.addColumn(Column.of("seen", SqlType.timestamp()).serverDefault("CURRENT_TIMESTAMP"))
                .alterColumn("name", c -> c.type(SqlType.varchar(80))));
    assertThat(TestMigrations.count(db, "SELECT 1 FROM stock WHERE seen IS NULL")).isZero();
  }

  @AllBackends(Backend.SQLITE)
  void rowThatAlreadyBreaksACheckFailsTheBatchAsTheCopyWouldOnSqlite(Database db) {
    checked(db);
    db.writer()
        .run(
            tx -> {
              tx.update("PRAGMA ignore_check_constraints = ON");
              tx.update("INSERT INTO checked (id, qty) VALUES (4, -1)");
              tx.update("PRAGMA ignore_check_constraints = OFF");
            });
    failsAndLeaves(
        db,
        "checked",
        b -> b.alterColumn("note", c -> c.type(SqlType.varchar(20))),
        CheckConstraintException.class);
  }

  @AllBackends(Backend.SQLITE)
  void columnDeclaredDefaultNullMadeNotNullFailsAsTheCopyDoesOnSqlite(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op()
              .execute(
                  "CREATE TABLE dn (id INTEGER PRIMARY KEY, qty INTEGER DEFAULT NULL, note TEXT)");
          ctx.op().execute("INSERT INTO dn (id, qty) VALUES (1, NULL), (2, 2)");
        });
    failsAndLeaves(db, "dn", b -> b.alterColumn("qty", Column::notNull), NotNullException.class);
    assertThat(TestMigrations.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  @AllBackends(Backend.SQLITE)
  void declarationThatNamesItsOwnTableIsCopiedOnSqlite(Database db) {
    TestMigrations.run(
        db,
        ctx ->
            ctx.op()
                .execute(
                    "CREATE TABLE q (id INTEGER PRIMARY KEY, qty INTEGER,"
                        + " CONSTRAINT ck CHECK (q.qty >= 0))"));
    batch(db, "q", b -> b.dropConstraint("ck"));
    assertThat(db.schema().table("q").checks()).isEmpty();
  }

  @AllBackends(Backend.SQLITE)
  void droppedColumnThatAnotherTablesTriggerReadsIsCopiedOnSqlite(Database db) {
    checked(db);
    TestMigrations.execute(
        db,
        "CREATE TABLE audit (id INTEGER)",
        "CREATE TRIGGER trg_audit AFTER INSERT ON audit BEGIN SELECT note FROM checked; END");
    assertThat(copied(batch(db, "checked", DROP_NOTE_WIDEN_QTY))).isTrue();
    assertThat(db.schema().table("checked").columns())
        .extracting(Column::name)
        .containsExactly("id", "qty");
  }

  @AllBackends(Backend.SQLITE)
  void defaultWrittenAsAnIdentifierIsLeftToTheCopyOnSqlite(Database db) {
    TestMigrations.execute(
        db,
        "CREATE TABLE flagged (id INTEGER PRIMARY KEY, a TEXT)",
        "INSERT INTO flagged (id, a) VALUES (1, 'x'), (2, 'y')",
        "ALTER TABLE flagged ADD COLUMN status TEXT DEFAULT active");
    List<String> executed =
        batch(db, "flagged", b -> b.alterColumn("status", c -> c.serverDefault("'done'")));
    assertThat(copied(executed)).isTrue();
    assertThat(TestMigrations.strings(db, "SELECT status FROM flagged ORDER BY id"))
        .containsExactly("active", "active");
  }

  @AllBackends(Backend.SQLITE)
  void checkThatNamesNoColumnIsTriedAsTheCopyTriesItOnSqlite(Database db) {
    checked(db);
    failsAndLeaves(
        db,
        "checked",
        b -> b.addCheckConstraint(CheckConstraint.of("ck_never", "1 = 0")),
        CheckConstraintException.class);
  }

  @AllBackends(Backend.SQLITE)
  void typeOfAnotherAffinityIsCopiedAndConvertsTheValuesOnSqlite(Database db) {
    stock(db);
    db.writer().run(tx -> tx.update("UPDATE stock SET name = '12' WHERE id = 1"));
    List<String> executed =
        batch(db, Recreate.AUTO, b -> b.alterColumn("name", c -> c.type(SqlType.bigint())));
    assertThat(copied(executed)).isTrue();
    assertThat(TestMigrations.strings(db, "SELECT typeof(name) FROM stock WHERE id = 1"))
        .containsExactly("integer");
  }

  @AllBackends(Backend.SQLITE)
  void primaryKeyThatWouldStopBeingTheRowidIsCopiedOnSqlite(Database db) {
    stock(db);
    List<String> executed =
        batch(db, Recreate.AUTO, b -> b.alterColumn("id", c -> c.type(SqlType.bigint())));
    assertThat(copied(executed)).isTrue();
    assertThat(
            TestMigrations.count(db, "SELECT 1 FROM stock JOIN moves ON moves.stock_id = stock.id"))
        .isEqualTo(6);
    assertThat(TestMigrations.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  @AllBackends(Backend.SQLITE)
  void tableWithTriggersWhoseRowsWouldBeUpdatedIsCopiedOnSqlite(Database db) {
    stock(db);
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op().execute("CREATE TABLE audit (stock_id INTEGER)");
          ctx.op()
              .execute(
                  "CREATE TRIGGER trg_stock_audit AFTER UPDATE ON stock"
                      + " BEGIN INSERT INTO audit (stock_id) VALUES (NEW.id); END");
        });
    List<String> executed =
        batch(db, Recreate.AUTO, b -> b.alterColumn("qty", c -> c.notNull().serverDefault("0")));
    assertThat(copied(executed)).isTrue();
    assertThat(TestMigrations.count(db, "SELECT 1 FROM audit")).isZero();
    assertThat(TestMigrations.count(db, "SELECT 1 FROM stock WHERE qty = 0")).isEqualTo(3);
  }

  private static List<String> rows(Database db) {
    List<String> rows =
        db.reader()
            .call(
                tx ->
                    tx.query(
                        ROWS,
                        rs ->
                            rs.getString(1)
                                + "|"
                                + rs.getString(2)
                                + "|"
                                + rs.getString(3)
                                + "|"
                                + rs.getString(4)));
    return rows;
  }
}
