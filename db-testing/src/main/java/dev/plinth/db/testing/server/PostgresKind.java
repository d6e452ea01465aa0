package dev.plinth.db.testing.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * PostgreSQL from Debian's packages: {@code /usr/lib/postgresql/VERSION/bin}, the newest version
 * installed. Trust authentication for user {@code postgres}, no fsync (the data is thrown away),
 * listening on 127.0.0.1 only.
 */
final class PostgresKind implements ServerKind {
  private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

  @Override
  public String name() {
    return "PostgreSQL server binaries ("
        + VERSIONS
        + "/VERSION/bin: initdb, postgres, pg_basebackup)";
  }

  @Override
  public boolean installed() {
    return bin().isPresent();
  }

  @Override
  public List<String> initialize(Path data) {
    return List.of(
        binary("initdb"),
        "-D",
        data.toString(),
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--no-sync");
  }

  @Override
  public List<String> serve(Path directory, Path data, int port) {
    return List.of(
        binary("postgres"),
        "-D",
        data.toString(),
        "-p",
        String.valueOf(port),
        "-k",
        directory.toString(),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off");
  }

  /**
   * The command that fills the empty directory {@code data} with a copy of the server listening on
   * {@code primaryPort}, set up as its hot standby ({@code standby.signal} and {@code
   * primary_conninfo}), streaming the WAL the copy needs; a fast checkpoint starts it at once.
   */
  List<String> baseBackup(Path data, int primaryPort) {
    return List.of(
        binary("pg_basebackup"),
        "-D",
        data.toString(),
        "-R",
        "-X",
        "stream",
        "--checkpoint=fast",
        "--no-sync",
        "-h",
        "127.0.0.1",
        "-p",
        String.valueOf(primaryPort),
        "-U",
        "postgres");
  }

  /** INT is PostgreSQL's fast shutdown; TERM would wait for every client to disconnect. */
  @Override
  public String stopSignal() {
    return "INT";
  }

  @Override
  public String adminUrl(int port) {
    return url(port, "postgres");
  }

  @Override
  public String url(int port, String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
  }

  @Override
  public String unprivilegedUser() {
    return "postgres";
  }

  private String binary(String name) {
    return bin()
        .orElseThrow(() -> new IllegalStateException("not installed: " + name()))
        .resolve(name)
        .toString();
  }

  private static Optional<Path> bin() {
    if (!Files.isDirectory(VERSIONS)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(VERSIONS)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .filter(b -> Files.isExecutable(b.resolve("pg_basebackup")))
          .max(Comparator.comparing(PostgresKind::majorVersion));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
