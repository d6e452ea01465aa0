package dev.plinth.db.testing.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * MariaDB from Debian's packages: {@code mariadb-install-db} and {@code mariadbd}. No option files
 * are read, grant tables are skipped (root needs no password), binary logging is off and the buffer
 * pool small; listening on 127.0.0.1 only.
 */
final class MariaDbKind implements ServerKind {
  private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");

  private final String unprivilegedUser;

  /** A server that runs as the user the tests run as, root included. */
  MariaDbKind() {
    this(null);
  }

  /**
   * A server that runs as {@code unprivilegedUser} when the tests run as root, and as the tests'
   * user otherwise.
   */
  MariaDbKind(String unprivilegedUser) {
    this.unprivilegedUser = unprivilegedUser;
  }

  @Override
  public String name() {
    return "MariaDB server binaries (" + INSTALL_DB + ", " + SERVER + ")";
  }

  @Override
  public boolean installed() {
    return Files.isExecutable(INSTALL_DB) && Files.isExecutable(SERVER);
  }

  @Override
  public List<String> initialize(Path data) {
    return List.of(
        INSTALL_DB.toString(),
        "--no-defaults",
        "--datadir=" + data,
        "--user=" + serverUser(),
        "--auth-root-authentication-method=normal",
        "--skip-test-db");
  }

  @Override
  public List<String> serve(Path directory, Path data, int port) {
    return List.of(
        SERVER.toString(),
        "--no-defaults",
        "--datadir=" + data,
        "--port=" + port,
        "--bind-address=127.0.0.1",
        "--socket=" + directory.resolve("mysqld.sock"),
        "--pid-file=" + directory.resolve("mysqld.pid"),
        "--user=" + serverUser(),
        "--skip-grant-tables",
        "--skip-log-bin",
        "--innodb-buffer-pool-size=32M");
  }

  /** TERM is MariaDB's normal shutdown, which ends every session. */
  @Override
  public String stopSignal() {
    return "TERM";
  }

  @Override
  public String adminUrl(int port) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/?user=root";
  }

  @Override
  public String url(int port, String name) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + name + "?user=root";
  }

  @Override
  public String unprivilegedUser() {
    return unprivilegedUser;
  }

  private String serverUser() {
    String user = System.getProperty("user.name");
    return "root".equals(user) && unprivilegedUser != null ? unprivilegedUser : user;
  }
}
