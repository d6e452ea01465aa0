package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A revision written as a SQL file: a header naming the revision, then {@code -- +upgrade} and
 * {@code -- +downgrade} sections, each optionally limited to one backend. See {@code
 * docs/migrations-sql.md} for the format; in short:
 *
 * <pre>
 * -- revision: 3f2a9c1b7d4e
 * -- down_revision: 1a2b3c4d5e6f
 * -- message: add items
 *
 * -- +upgrade
 * CREATE TABLE items (id INTEGER PRIMARY KEY);
 * -- +downgrade
 * DROP TABLE items;
 * </pre>
 *
 * <p>For a backend, a section limited to it replaces the generic section of the same direction. A
 * file whose upgrade sections are all limited to other backends fails on that backend, naming the
 * file and the backend. A file without any {@code -- +downgrade} section cannot be downgraded; an
 * empty one downgrades by doing nothing.
 */
public final class SqlMigration implements MigrationScript {
  private final RevisionInfo info;
  private final String checksum;
  private final Map<Direction, List<SqlSection>> sections;
  private final Map<Checked, List<SqlStatement>> checked = new ConcurrentHashMap<>();

  /** The statements a {@link #check} left ready for the run of one direction on one backend. */
  private record Checked(Direction direction, String backend) {}

  SqlMigration(RevisionInfo info, String checksum, Map<Direction, List<SqlSection>> sections) {
    this.info = info;
    this.checksum = checksum;
    this.sections = Map.copyOf(sections);
  }

  /**
   * Parses a SQL migration file.
   *
   * @param origin the file's path or resource name, used in every message about it
   * @param content the file's text (a BOM and CRLF line ends are allowed)
   * @throws InvalidMigrationException naming the file and line of a bad header or section marker
   */
  public static SqlMigration parse(String origin, String content) {
    Objects.requireNonNull(origin, "origin");
    return new SqlMigrationParser(origin, content).parse();
  }

  @Override
  public RevisionInfo info() {
    return info;
  }

  /** The {@code v1:} checksum of the file (see {@link ScriptChecksum}). */
  @Override
  public Optional<String> checksum() {
    return Optional.of(checksum);
  }

  /** Whether the file has a {@code -- +downgrade} section, even an empty one. */
  public boolean hasDowngrade() {
    return !sections.getOrDefault(Direction.DOWNGRADE, List.of()).isEmpty();
  }

  /**
   * The statements the upgrade runs on a backend, in order.
   *
   * @param backend a dialect name: {@code sqlite}, {@code postgresql} or {@code mysql}
   * @throws InvalidMigrationException naming the file if it has no upgrade section for the backend
   *     or a section cannot be split (an unterminated quote or comment, with its line)
   */
  public List<SqlStatement> upgradeStatements(String backend) {
    return statements(Direction.UPGRADE, backend);
  }

  /**
   * The statements the downgrade runs on a backend, in order.
   *
   * @param backend a dialect name: {@code sqlite}, {@code postgresql} or {@code mysql}
   * @throws MigrationException naming the file if it has no downgrade section at all
   * @throws InvalidMigrationException naming the file if it has downgrade sections, none for the
   *     backend, or a section cannot be split
   */
  public List<SqlStatement> downgradeStatements(String backend) {
    if (!hasDowngrade()) {
      throw new MigrationException(
          info.origin()
              + " (revision "
              + info.id()
              + ") has no '-- +downgrade' section and cannot be downgraded");
    }
    return statements(Direction.DOWNGRADE, backend);
  }

  /**
   * Runs each upgrade statement for {@code ctx.dialect()} through {@code ctx.execute} ({@code
   * ctx.copyIn} for a {@code COPY ... FROM STDIN} with its data). In a transactional revision the
   * script's own transaction control is absorbed or refused first (see {@code
   * docs/migrations-sql.md}).
   *
   * @throws InvalidMigrationException naming the file and line of transaction control that would
   *     break the revision's atomicity, before anything runs
   */
  @Override
  public void upgrade(MigrationContext ctx) {
    run(ctx, Direction.UPGRADE);
  }

  /**
   * Runs each downgrade statement for {@code ctx.dialect()} as {@link #upgrade} runs the upgrade.
   *
   * @throws MigrationException if the file has no downgrade section
   * @throws InvalidMigrationException naming the file and line of refused transaction control
   */
  @Override
  public void downgrade(MigrationContext ctx) {
    run(ctx, Direction.DOWNGRADE);
  }

  /**
   * Splits the section the revision runs in {@code direction} on {@code backend} and, in a
   * transactional revision, absorbs or refuses the script's own transaction control; the run that
   * follows uses these statements instead of splitting again. A downgrade of a file without a
   * downgrade section is left to fail when it runs.
   *
   * @throws InvalidMigrationException naming the file and line of a statement that cannot be split,
   *     a psql meta-command, or transaction control that would break the revision's atomicity; or
   *     naming the file if it has no section for {@code backend}
   */
  @Override
  public void check(Direction direction, String backend) {
    if (direction == Direction.UPGRADE || hasDowngrade()) {
      checked.put(new Checked(direction, backend), runnable(direction, backend));
    }
  }

  private void run(MigrationContext ctx, Direction direction) {
    String backend = ctx.dialect().name();
    List<SqlStatement> ready = checked.remove(new Checked(direction, backend));
    List<String> together = new ArrayList<>();
    for (SqlStatement statement : ready != null ? ready : runnable(direction, backend)) {
      if (statement.dataBlock().isPresent()) {
        ctx.executeAll(together);
        together.clear();
        ctx.copyIn(statement.sql(), statement.dataBlock().get());
      } else {
        together.add(statement.sql());
      }
    }
    ctx.executeAll(together);
  }

  private List<SqlStatement> runnable(Direction direction, String backend) {
    List<SqlStatement> statements =
        direction == Direction.UPGRADE ? upgradeStatements(backend) : downgradeStatements(backend);
    return info.transactional()
        ? TransactionControl.absorb(statements, SqlSyntax.forBackend(backend), info.origin())
        : statements;
  }

  private List<SqlStatement> statements(Direction direction, String backend) {
    List<SqlSection> candidates = sections.getOrDefault(direction, List.of());
    SqlSection chosen = null;
    for (SqlSection section : candidates) {
      if (section.backend().filter(backend::equals).isPresent()) {
        chosen = section;
      } else if (section.backend().isEmpty() && chosen == null) {
        chosen = section;
      }
    }
    if (chosen == null) {
      throw new InvalidMigrationException(
          info.origin()
              + " (revision "
              + info.id()
              + ") has no '"
              + SqlSection.marker(direction)
              + "' section for backend "
              + backend
              + ": add '"
              + SqlSection.marker(direction)
              + " "
              + backend
              + "' or a generic '"
              + SqlSection.marker(direction)
              + "' section");
    }
    return StatementSplitter.forBackend(backend)
        .split(chosen.text(), info.origin(), chosen.firstLine());
  }

  @Override
  public String toString() {
    return info.origin() + " (" + info.id() + ")";
  }
}
