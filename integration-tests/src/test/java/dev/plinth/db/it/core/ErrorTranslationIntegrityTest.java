package dev.plinth.db.it.core;

import static dev.plinth.db.it.core.ErrorSchema.expect;
import static dev.plinth.db.it.core.ErrorSchema.provoke;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.CheckConstraintException;
import dev.plinth.db.core.error.DataException;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.error.NotNullException;
import dev.plinth.db.core.error.ReferenceException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.List;

/** Constraint violations provoked on real databases arrive as the right class with its fields. */
class ErrorTranslationIntegrityTest {

  @AllBackends
  void duplicateOnSingleColumnUniqueNamesTheColumn(Database db, Backend backend) {
    DuplicateEntryException e =
        provoke(
            db,
            DuplicateEntryException.class,
            "INSERT INTO parents (id, name, code) VALUES (2, 'nut', 7)");
    assertThat(e.columns()).containsExactly("code");
    assertThat(e.value()).isEqualTo(backend == Backend.SQLITE ? null : "7");
  }

  @AllBackends
  void duplicateOnUniqNamedConstraintNamesItsColumnsOnEveryBackend(Database db, Backend backend) {
    DuplicateEntryException e =
        provoke(
            db, DuplicateEntryException.class, "INSERT INTO parents (id, name) VALUES (2, 'bolt')");
    assertThat(e.columns()).containsExactly("name", "deleted");
    assertThat(e.value())
        .isEqualTo(
            switch (backend) {
              case POSTGRESQL -> "bolt, 0";
              case MYSQL -> "bolt-0";
              case SQLITE -> null;
            });
  }

  @AllBackends
  void duplicateOnOtherMultiColumnKeyNamesColumnsExceptOnMysql(Database db, Backend backend) {
    DuplicateEntryException e =
        provoke(
            db,
            DuplicateEntryException.class,
            "INSERT INTO parents (id, name, a, b) VALUES (2, 'nut', 1, 2)");
    // MySQL names only the key; as in oslo.db, the key name stands in for the columns.
    assertThat(e.columns())
        .isEqualTo(backend == Backend.MYSQL ? List.of("pair_key") : List.of("a", "b"));
  }

  @AllBackends
  void duplicatePrimaryKey(Database db, Backend backend) {
    DuplicateEntryException e =
        provoke(
            db, DuplicateEntryException.class, "INSERT INTO parents (id, name) VALUES (1, 'nut')");
    assertThat(e.columns()).containsExactly(backend == Backend.MYSQL ? "PRIMARY" : "id");
    assertThat(e.value()).isEqualTo(backend == Backend.SQLITE ? null : "1");
    assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
  }

  @AllBackends
  void duplicateInsideABatchIsFoundInTheNestedDriverError(Database db) {
    ErrorSchema.create(db);
    DuplicateEntryException e =
        expect(
            DuplicateEntryException.class,
            () ->
                db.writer()
                    .run(
                        tx ->
                            tx.batch(
                                "INSERT INTO parents (id, name, code) VALUES (?, ?, ?)",
                                List.of(
                                    new Object[] {2, "nut", 8}, new Object[] {3, "washer", 8}))));
    assertThat(e.columns()).containsExactly("code");
  }

  @AllBackends
  void orphanChildIsAReferenceError(Database db, Backend backend) {
    ReferenceException e =
        provoke(
            db, ReferenceException.class, "INSERT INTO children (id, parent_id) VALUES (2, 99)");
    if (backend == Backend.SQLITE) {
      assertThat(e.table()).isNull();
      assertThat(e.constraint()).isNull();
      return;
    }
    assertThat(e.table()).isEqualTo("children");
    assertThat(e.constraint()).isEqualTo("fk_children_parent");
    assertThat(e.key()).isEqualTo("parent_id");
    assertThat(e.keyTable()).isEqualTo("parents");
  }

  @AllBackends
  void deletingAReferencedParentIsAReferenceError(Database db, Backend backend) {
    ReferenceException e =
        provoke(db, ReferenceException.class, "DELETE FROM parents WHERE id = 1");
    switch (backend) {
      case POSTGRESQL -> {
        // As oslo.db: DETAIL names the parent's key and the referencing table.
        assertThat(e.table()).isEqualTo("children");
        assertThat(e.constraint()).isEqualTo("fk_children_parent");
        assertThat(e.key()).isEqualTo("id");
        assertThat(e.keyTable()).isEqualTo("children");
      }
      case MYSQL -> {
        assertThat(e.table()).isEqualTo("children");
        assertThat(e.constraint()).isEqualTo("fk_children_parent");
        assertThat(e.key()).isEqualTo("parent_id");
        assertThat(e.keyTable()).isEqualTo("parents");
      }
      case SQLITE -> assertThat(e.constraint()).isNull();
    }
  }

  @AllBackends
  void failedCheckNamesTheConstraint(Database db, Backend backend) {
    CheckConstraintException e =
        provoke(
            db,
            CheckConstraintException.class,
            "INSERT INTO parents (id, name, qty) VALUES (2, 'nut', -1)");
    assertThat(e.constraint()).isEqualTo("ck_parents_qty");
    assertThat(e.table()).isEqualTo(backend == Backend.SQLITE ? null : "parents");
  }

  @AllBackends
  void nullInNotNullColumnNamesTheColumn(Database db, Backend backend) {
    NotNullException e =
        provoke(
            db,
            NotNullException.class,
            "INSERT INTO parents (id, name) VALUES (2, ?)",
            (Object) null);
    assertThat(e.column()).isEqualTo("name");
    assertThat(e.table()).isEqualTo(backend == Backend.MYSQL ? null : "parents");
  }

  @AllBackends
  void omittedNotNullColumnWithoutDefaultIsANotNullError(Database db) {
    NotNullException e = provoke(db, NotNullException.class, "INSERT INTO parents (id) VALUES (2)");
    assertThat(e.column()).isEqualTo("name");
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void valueTooLongIsADataErrorOnPostgresqlAndMysql(Database db) {
    DataException e =
        provoke(
            db,
            DataException.class,
            "INSERT INTO parents (id, name) VALUES (2, ?)",
            "much too long");
    assertThat(e.getMessage()).containsIgnoringCase("too long");
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void integerOutOfRangeIsADataErrorOnPostgresqlAndMysql(Database db) {
    DataException e =
        provoke(
            db,
            DataException.class,
            "INSERT INTO parents (id, name, qty) VALUES (2, 'nut', 3000000000)");
    assertThat(e.getMessage()).containsIgnoringCase("range");
  }

  @AllBackends(Backend.SQLITE)
  void sqliteDatatypeMismatchIsADataError(Database db) {
    DataException e =
        provoke(db, DataException.class, "INSERT INTO parents (id, name) VALUES ('abc', 'nut')");
    assertThat(e.getMessage()).contains("SQLITE_MISMATCH");
  }
}
