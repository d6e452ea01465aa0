package dev.plinth.db.migrate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidMigrationException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the splitter tests of every backend share: the case that cuts each of the subclass's {@code
 * scripts()} and compares the statements, the case that feeds it each of its {@code refusals()},
 * and shortcuts for the rest.
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

  /**
   * A case of {@link #refusesNamingFileAndLine}: {@code sql}, read from line {@code firstLine} of
   * {@code f.sql} on, must be refused with {@code message}.
   */
  static Arguments refusal(String rule, String sql, int firstLine, String message) {
    return Arguments.of(rule, sql, firstLine, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void splitsAsTheBackendsClient(String rule, String sql, List<String> statements) {
    assertThat(split(sql)).containsExactlyElementsOf(statements);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesNamingFileAndLine(String rule, String sql, int firstLine, String message) {
    assertThatThrownBy(() -> StatementSplitter.forBackend(backend).split(sql, "f.sql", firstLine))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessage(message);
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
}
