package dev.plinth.db.migrate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidMigrationException;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the splitter tests of every backend share: the case that cuts each of the subclass's {@code
 * scripts()} and compares the statements, and shortcuts for the rest.
 */
abstract class SplitterTestBase {
  private final String backend;

  SplitterTestBase(String backend) {
    this.backend = backend;
  }

  /** A case of {@link #splitsAsTheBackendsClient}: what {@code sql} must be cut into, and why. */
  static Arguments cut(String rule, String sql, String... statements) {
    return Arguments.of(rule, sql, List.of(statements));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void splitsAsTheBackendsClient(String rule, String sql, List<String> statements) {
    assertThat(split(sql)).containsExactlyElementsOf(statements);
  }

  /** The statement texts the backend's splitter cuts {@code sql} into. */
  List<String> split(String sql) {
    return StatementSplitter.forBackend(backend).split(sql).stream()
        .map(SqlStatement::sql)
        .toList();
  }

  /** The start lines of the statements the backend's splitter cuts {@code sql} into. */
  List<Integer> lines(String sql) {
    return StatementSplitter.forBackend(backend).split(sql).stream()
        .map(SqlStatement::line)
        .toList();
  }

  /**
   * Asserts that the backend's splitter refuses {@code sql}, read from {@code file} from line
   * {@code firstLine} on, with an {@link InvalidMigrationException}.
   */
  AbstractThrowableAssert<?, ? extends Throwable> assertSplitFails(
      String sql, String file, int firstLine) {
    return assertThatThrownBy(
            () -> StatementSplitter.forBackend(backend).split(sql, file, firstLine))
        .isInstanceOf(InvalidMigrationException.class);
  }
}
