package dev.plinth.db.it.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.provision.BackendDiscovery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * The migration kit catches what it promises: each fixture service of {@link KitFixtures} runs
 * through the JUnit Platform, and each planted defect fails exactly the built-in test meant for it,
 * on every backend of the run, with a message naming the object at fault; the clean set passes
 * every test.
 */
class MigrationKitProofTest {
  private static final List<String> TESTS =
      List.of(
          "singleHead",
          "upgradesFromBaseToHeads",
          "downgradeLeavesNoTrace",
          "walkWithData",
          "modelsMatchMigrations",
          "sameSchemaOnEveryBackend",
          "shadowTablesInStep");

  @Test
  void cleanRevisionsPassEveryBuiltInTest() {
    Map<String, List<Outcome>> outcomes = run(KitFixtures.CleanSet.class);

    assertThat(outcomes).containsOnlyKeys(TESTS);
    outcomes.forEach(
        (test, list) ->
            assertThat(list)
                .as(test)
                .allSatisfy(o -> assertThat(o.failure()).as(test + " " + o.backend()).isNull()));
  }

  @Test
  void aColumnTypedDifferentlyOnOneBackendFailsSameSchemaOnEveryBackend() {
    assertFailsOnlyOn(
        KitFixtures.OneBackendType.class,
        "sameSchemaOnEveryBackend",
        m ->
            assertThat(m)
                .contains("column audit_log.amount: type ")
                .contains("BIGINT in postgresql"));
  }

  @Test
  void anIndexMissingAgainstTheModelsFailsModelsMatchMigrationsNamingTheAutogenerateCommand() {
    assertFailsOnlyOn(
        KitFixtures.MissingIndex.class,
        "modelsMatchMigrations",
        m ->
            assertThat(m)
                .contains("index items.ix_items_qty: missing in database")
                .contains("`plinth-migrate revision --autogenerate -m MESSAGE` writes it"));
  }

  @Test
  void aDowngradeThatForgetsAColumnFailsDowngradeLeavesNoTrace() {
    assertFailsOnlyOn(
        KitFixtures.ForgetfulDowngrade.class,
        "downgradeLeavesNoTrace",
        m ->
            assertThat(m)
                .startsWith("revision k002: the schema after its downgrade")
                .contains("column items.note: in schema after downgrade, not in schema before"));
  }

  @Test
  void twoHeadsFailSingleHeadNamingBothAndTheMergeCommand() {
    assertFailsOnlyOn(
        KitFixtures.TwoHeads.class,
        "singleHead",
        m ->
            assertThat(m)
                .startsWith("the revision graph has 2 heads, k002a, k002b")
                .contains(
                    "plinth-migrate --locations filesystem:src/main/resources/kit/base,"
                        + "filesystem:src/main/resources/kit/two-heads merge -m \"merge heads k002a and k002b\" k002a k002b"));
  }

  @Test
  void aShadowTableMissingAColumnFailsShadowTablesInStep() {
    assertFailsOnlyOn(
        KitFixtures.ShadowMissingColumn.class,
        "shadowTablesInStep",
        m ->
            assertThat(m)
                .startsWith("revision k002 leaves 1 shadow table(s) out of step")
                .contains("column items.qty: missing in shadow_items"));
  }

  @Test
  void aRevisionThatDropsHookedRowsFailsWalkWithData() {
    assertFailsOnlyOn(
        KitFixtures.RowDropping.class,
        "walkWithData",
        m ->
            assertThat(m)
                .startsWith("revision k002 failed in the walk, at: after hook, after the upgrade")
                .contains("the items the before hook of k002 inserted"));
  }

  /**
   * Checks that {@code test} alone fails on every backend for {@code fixture}, each failure message
   * satisfying {@code message}.
   */
  private static void assertFailsOnlyOn(
      Class<?> fixture, String test, ThrowingConsumer<String> message) {
    assertThat(failsOnlyOn(fixture, test)).allSatisfy(message);
  }

  /**
   * Runs {@code fixture} and checks that {@code test} failed on every backend and every other test
   * passed or was skipped; returns the failure messages.
   */
  private static List<String> failsOnlyOn(Class<?> fixture, String test) {
    Map<String, List<Outcome>> outcomes = run(fixture);
    assertThat(outcomes).containsOnlyKeys(TESTS);
    List<String> messages = new ArrayList<>();
    outcomes.forEach(
        (name, list) -> {
          for (Outcome o : list) {
            if (name.equals(test)) {
              assertThat(o.failure()).as(name + " " + o.backend() + " must fail").isNotNull();
              messages.add(o.failure());
            } else {
              assertThat(o.failure()).as(name + " " + o.backend() + " must not fail").isNull();
            }
          }
        });
    return messages;
  }

  /** Each built-in test's outcome per backend invocation, checked to cover every backend. */
  private static Map<String, List<Outcome>> run(Class<?> fixture) {
    Map<String, List<Outcome>> outcomes = execute(fixture);
    List<String> backends = reachableBackends();
    outcomes.forEach(
        (test, list) ->
            assertThat(list.stream().map(Outcome::backend))
                .as(test + " runs once per backend")
                .containsExactlyElementsOf(backends));
    return outcomes;
  }

  /** The backends this run reaches, as invocations display them: {@code [sqlite]}. */
  private static List<String> reachableBackends() {
    BackendDiscovery discovery = new BackendDiscovery(System.getenv());
    return Arrays.stream(Backend.values())
        .filter(b -> discovery.selected().contains(b))
        .filter(b -> b == Backend.SQLITE || discovery.find(b).available())
        .map(b -> "[" + b.id() + "]")
        .toList();
  }

  private static Map<String, List<Outcome>> execute(Class<?> fixture) {
    Map<String, List<Outcome>> outcomes = new TreeMap<>();
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .execute()
        .allEvents()
        .filter(e -> e.getType() == EventType.FINISHED || e.getType() == EventType.SKIPPED)
        .filter(e -> e.getTestDescriptor().isTest())
        .forEach(e -> outcomes.computeIfAbsent(method(e), k -> new ArrayList<>()).add(outcome(e)));
    return outcomes;
  }

  private static String method(Event e) {
    return e.getTestDescriptor()
        .getParent()
        .flatMap(p -> p.getSource())
        .filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName())
        .orElse(e.getTestDescriptor().getDisplayName());
  }

  private static Outcome outcome(Event e) {
    String backend = e.getTestDescriptor().getDisplayName();
    if (e.getType() == EventType.SKIPPED) {
      return new Outcome(backend, null);
    }
    TestExecutionResult result = e.getRequiredPayload(TestExecutionResult.class);
    if (result.getStatus() == TestExecutionResult.Status.FAILED) {
      return new Outcome(
          backend, result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse(""));
    }
    return new Outcome(backend, null);
  }

  /**
   * One invocation of a built-in test.
   *
   * @param backend the invocation's display name, e.g. {@code [postgresql]}
   * @param failure the failure message, or null when it passed or was skipped
   */
  private record Outcome(String backend, String failure) {}
}
