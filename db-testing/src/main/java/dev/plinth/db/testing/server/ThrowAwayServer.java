package dev.plinth.db.testing.server;

import dev.plinth.db.testing.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A PostgreSQL or MariaDB server of a test's own, run from the binaries installed on the machine,
 * in a temporary directory and on a free port, so that a test may stop, kill and restart it without
 * touching the shared servers. It starts with one empty database, {@value #DATABASE}. Closing it
 * stops the server and deletes its files.
 *
 * <pre>{@code
 * try (ThrowAwayServer server = ThrowAwayServer.start(Backend.POSTGRESQL);
 *     Database db = Database.builder().url(server.url()).build()) {
 *   ...
 *   server.restart();
 * }
 * }</pre>
 *
 * <p>When the tests run as root, PostgreSQL runs as user {@code postgres} (it refuses root).
 */
public final class ThrowAwayServer implements AutoCloseable {
  /** The database every server starts with. */
  public static final String DATABASE = "plinth";

  private static final Duration READY_WITHIN = Duration.ofSeconds(60);

  private final ServerKind kind;
  private final Path directory;
  private final int port;
  private Process process;

  private ThrowAwayServer(ServerKind kind, Path directory, int port) {
    this.kind = kind;
    this.directory = directory;
    this.port = port;
  }

  /** Whether the binaries for {@code backend}'s server are installed here. */
  public static boolean installed(Backend backend) {
    return kind(backend).installed();
  }

  /**
   * Creates a server for {@code backend}, starts it and waits until it accepts connections.
   *
   * @throws IllegalArgumentException for SQLite, which has no server
   * @throws IllegalStateException if the binaries are missing, or the server does not start (the
   *     message holds the end of its log)
   */
  public static ThrowAwayServer start(Backend backend) {
    ServerKind kind = kind(backend);
    ThrowAwayServer server = create(kind, backend.id(), kind::initialize);
    server.admin("CREATE DATABASE " + DATABASE);
    return server;
  }

  /**
   * Creates a server of {@code kind} whose data directory {@code fill} makes, starts it and waits
   * until it accepts connections; deletes its directory if it does not start.
   *
   * @param fill the command that creates the data directory it is given
   */
  static ThrowAwayServer create(ServerKind kind, String prefix, Function<Path, List<String>> fill) {
    if (!kind.installed()) {
      throw new IllegalStateException("not installed: " + kind.name());
    }
    ThrowAwayServer server;
    try {
      Path directory = Files.createTempDirectory("plinth-" + prefix + "-");
      server = new ThrowAwayServer(kind, directory, freePort());
      server.giveToServerUser(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      server.run(fill.apply(server.directory.resolve("data")), "initialize");
      server.start();
      return server;
    } catch (RuntimeException e) {
      try {
        server.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** The port the server listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The temporary directory holding the server's data and log, deleted by {@link #close()}. */
  public Path directory() {
    return directory;
  }

  /** The JDBC URL of database {@value #DATABASE}, with the user and no password. */
  public String url() {
    return kind.url(port, DATABASE);
  }

  /** The server process's id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the server process is running. */
  public boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the stopped server on the same port and data, and waits until it accepts connections.
   *
   * @throws IllegalStateException if it is running, or does not start
   */
  public void start() {
    if (running()) {
      throw new IllegalStateException("the server is running");
    }
    try {
      process =
          new ProcessBuilder(asServerUser(kind.serve(directory, directory.resolve("data"), port)))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitReady();
  }

  /**
   * Shuts the server down the way an operator's fast shutdown does: sessions are ended, open
   * transactions rolled back; returns once the process has exited.
   */
  public void stop() {
    if (!running()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-" + kind.stopSignal(), String.valueOf(process.pid()))
          .inheritIO()
          .start()
          .waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + this, e);
    }
    awaitExit();
  }

  /**
   * Kills the server process and the processes it started (a state transfer's, say) with SIGKILL,
   * as a crash would, and waits for the server to be gone.
   */
  public void kill() {
    if (running()) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      awaitExit();
    }
  }

  /** {@link #stop()}, then {@link #start()}. */
  public void restart() {
    stop();
    start();
  }

  /** Kills the server if it runs and deletes its directory; closing again does nothing. */
  @Override
  public void close() {
    kill();
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return kind.name() + " on port " + port + " in " + directory;
  }

  private static ServerKind kind(Backend backend) {
    return switch (backend) {
      case POSTGRESQL -> new PostgresKind();
      case MYSQL -> new MariaDbKind();
      case SQLITE -> throw new IllegalArgumentException("SQLite has no server");
    };
  }

  /** A TCP port that no one listens on at the moment. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Connection c = DriverManager.getConnection(kind.adminUrl(port))) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      pause();
    }
    String why = process.isAlive() ? "not ready within " + READY_WITHIN : "it exited";
    process.destroyForcibly();
    throw new IllegalStateException(this + " did not start (" + why + "): " + logTail(), last);
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + this + " stopped", e);
    }
  }

  /** A connection for administrative statements, to no database in particular. */
  Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(kind.adminUrl(port));
  }

  /** Runs one administrative statement on the server (auto-commit). */
  void admin(String sql) {
    try (Connection c = adminConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(this + ": " + sql + " failed", e);
    }
  }

  /** Runs a set-up command to its end; fails with its output if it fails. */
  private void run(List<String> command, String what) {
    try {
      Process p =
          new ProcessBuilder(asServerUser(command))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
              .start();
      if (!p.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(this + ": " + what + " failed: " + logTail());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + what, e);
    }
  }

  /** The command as the server's user ({@code setpriv}, which execs without forking). */
  private List<String> asServerUser(List<String> command) {
    String user = serverUser();
    if (user == null) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(
            List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private void giveToServerUser(Path dir) throws IOException {
    String user = serverUser();
    if (user != null) {
      UserPrincipal owner =
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
      Files.setOwner(dir, owner);
    }
  }

  private String serverUser() {
    return "root".equals(System.getProperty("user.name")) ? kind.unprivilegedUser() : null;
  }

  private Path log() {
    return directory.resolve("server.log");
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Waits a tenth of a second between two looks at a server. */
  static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the server", e);
    }
  }
}
