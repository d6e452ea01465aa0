package dev.plinth.db.it.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Session;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.DatabaseInitializer;
import dev.plinth.db.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * The two ends of a test database's life in db-testing: a {@link DatabaseInitializer} prepares it
 * before the test, and a connection still in use when the test ends fails that test, naming the
 * leak, instead of being ended silently by the drop.
 */
class TestDatabaseLifecycleTest {

  @Test
  void theInitializerPreparesEveryDatabaseBeforeItsTest() {
    assertThat(failures(InitializedFixture.class)).containsOnly("");
  }

  @Test
  void aConnectionLeftOpenOrATransactionLeftRunningFailsItsTestNamingTheLeak() {
    assertThat(failures(LeakingFixture.class))
        .isNotEmpty()
        .allSatisfy(
            message ->
                assertThat(message)
                    .contains("connection leak in")
                    .contains("1 connection(s)")
                    .contains("openSession()"));
  }

  @Test
  void aConnectionClosedInTimeIsNoLeak() {
    assertThat(failures(TidyFixture.class)).containsOnly("");
  }

  /** The message of each finished test invocation, "" for one that passed. */
  private static List<String> failures(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .execute()
        .allEvents()
        .filter(e -> e.getType() == EventType.FINISHED && e.getTestDescriptor().isTest())
        .map(TestDatabaseLifecycleTest::message)
        .toList();
  }

  private static String message(Event e) {
    TestExecutionResult result = e.getRequiredPayload(TestExecutionResult.class);
    return result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
        ? ""
        : result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("failed");
  }

  /** Run only through the engine test kit above. */
  static class InitializedFixture implements DatabaseInitializer {
    @Override
    public void initialize(TestDatabase database) {
      database
          .open()
          .writer()
          .run(
              tx -> {
                tx.update("CREATE TABLE fixture_rows (id INTEGER PRIMARY KEY, name VARCHAR(20))");
                tx.update("INSERT INTO fixture_rows (id, name) VALUES (1, 'seeded')");
              });
    }

    @AllBackends
    void seesTheRowsTheInitializerLoaded(Database db) {
      List<String> names =
          db.reader().call(tx -> tx.query("SELECT name FROM fixture_rows", r -> r.getString(1)));
      assertThat(names).containsExactly("seeded");
    }
  }

  /** Run only through the engine test kit above. */
  static class LeakingFixture {
    @AllBackends
    void leavesAConnectionOpen(Database db) {
      db.openSession();
    }
  }

  /** Run only through the engine test kit above. */
  static class TidyFixture {
    @AllBackends
    void closesItsSession(Database db) {
      try (Session session = db.openSession()) {
        session.queryOne("SELECT 1", rs -> rs.getInt(1));
      }
    }
  }
}
