package dev.plinth.db.migrate.source;

import java.util.List;

/** Shortcuts shared by the splitter tests. */
final class SplitterAssertions {
  private SplitterAssertions() {}

  /** The statement texts the backend's splitter cuts {@code sql} into. */
  static List<String> split(String backend, String sql) {
    return StatementSplitter.forBackend(backend).split(sql).stream()
        .map(SqlStatement::sql)
        .toList();
  }

  /** The start lines of the statements the backend's splitter cuts {@code sql} into. */
  static List<Integer> lines(String backend, String sql) {
    return StatementSplitter.forBackend(backend).split(sql).stream()
        .map(SqlStatement::line)
        .toList();
  }
}
