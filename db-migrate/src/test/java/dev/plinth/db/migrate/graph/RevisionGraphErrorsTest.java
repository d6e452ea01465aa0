package dev.plinth.db.migrate.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidGraphException;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every refusal names the revisions involved and the files that declare them. */
class RevisionGraphErrorsTest {

  private static RevisionInfo rev(
      String id, List<String> down, List<String> labels, List<String> deps) {
    return new RevisionInfo(id, down, labels, deps, Optional.empty(), "", "v/" + id + ".sql", true);
  }

  private static RevisionInfo rev(String id, String... down) {
    return rev(id, List.of(down), List.of(), List.of());
  }

  private static void refused(List<RevisionInfo> revisions, String... parts) {
    assertThatThrownBy(() -> RevisionGraph.of(revisions))
        .isInstanceOf(InvalidGraphException.class)
        .message()
        .contains(parts);
  }

  @Test
  void duplicateIdNamesBothFiles() {
    RevisionInfo other =
        new RevisionInfo(
            "aaaa1", List.of(), List.of(), List.of(), Optional.empty(), "", "w/dup.sql", true);
    refused(List.of(rev("aaaa1"), other), "'aaaa1'", "v/aaaa1.sql", "w/dup.sql");
  }

  @Test
  void unknownDownRevisionNamesRevisionFileAndSuggestsFullId() {
    refused(
        List.of(rev("aaaa1111"), rev("bbbb2222", "aaaa")),
        "'bbbb2222' (v/bbbb2222.sql)",
        "'aaaa'",
        "aaaa1111 (v/aaaa1111.sql)");
  }

  @Test
  void unknownDependencyNamesRevisionAndFile() {
    refused(
        List.of(rev("aaaa", List.of(), List.of(), List.of("zzzz"))),
        "'aaaa' (v/aaaa.sql)",
        "depends on 'zzzz'");
  }

  @Test
  void cycleListsEveryRevisionOfTheCycleWithItsFile() {
    refused(
        List.of(rev("base"), rev("c1", "c3"), rev("c2", "c1"), rev("c3", "c2")),
        "cycle",
        "'c1' (v/c1.sql)",
        "'c2' (v/c2.sql)",
        "'c3' (v/c3.sql)");
  }

  @Test
  void dependencyCycleIsACycleToo() {
    refused(
        List.of(rev("a", List.of(), List.of(), List.of("b")), rev("b", "a")),
        "cycle",
        "'a' (v/a.sql)",
        "'b' (v/b.sql)");
  }

  @Test
  void selfReferenceIsNamed() {
    refused(List.of(rev("a", "a")), "'a' (v/a.sql) names itself as down revision");
  }

  @Test
  void duplicateLabelNamesBothRevisions() {
    refused(
        List.of(
            rev("a", List.of(), List.of("x"), List.of()),
            rev("b", List.of(), List.of("x"), List.of())),
        "'x'",
        "'a' (v/a.sql)",
        "'b' (v/b.sql)");
  }

  @Test
  void labelThatIsAnIdNamesBoth() {
    refused(
        List.of(rev("a"), rev("b", List.of(), List.of("a"), List.of())),
        "'a' (v/a.sql)",
        "'b' (v/b.sql)");
  }

  @Test
  void headWithSeveralHeadsNamesThemAndSuggestsMerge() {
    RevisionGraph graph =
        RevisionGraph.of(List.of(rev("base"), rev("left", "base"), rev("rght", "base")));
    assertThatThrownBy(() -> graph.upgrade(Set.of(), "head"))
        .isInstanceOf(InvalidGraphException.class)
        .hasMessageContaining("Multiple head revisions are present for given argument 'head'")
        .hasMessageContaining("'left' (v/left.sql), 'rght' (v/rght.sql)")
        .hasMessageContaining("'<branchname>@head'")
        .hasMessageContaining("plinth-migrate merge");
  }

  @Test
  void ambiguousPrefixListsCandidatesWithFiles() {
    RevisionGraph graph = RevisionGraph.of(List.of(rev("abcd1"), rev("abcd2", "abcd1")));
    assertThatThrownBy(() -> graph.revision("abc"))
        .isInstanceOf(InvalidGraphException.class)
        .hasMessageContaining("'abcd1' (v/abcd1.sql), 'abcd2' (v/abcd2.sql)");
    assertThat(graph.revision("abcd2").id()).isEqualTo("abcd2");
  }

  @Test
  void unknownVersionTableRowIsNamed() {
    RevisionGraph graph = RevisionGraph.of(List.of(rev("base")));
    assertThatThrownBy(() -> graph.upgrade(Set.of("gone"), "heads"))
        .isInstanceOf(InvalidGraphException.class)
        .hasMessageContaining("'gone'");
  }

  @Test
  void downgradeToARevisionNotBelowTheHeadsIsRefused() {
    RevisionGraph graph =
        RevisionGraph.of(List.of(rev("base"), rev("left", "base"), rev("rght", "base")));
    assertThatThrownBy(() -> graph.downgrade(Set.of("left"), "rght"))
        .isInstanceOf(InvalidGraphException.class)
        .hasMessageContaining("'rght' (v/rght.sql)");
  }
}
