package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.Session;
import dev.plinth.db.core.dialect.SessionLock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;

/**
 * SQLite has no server to hold a lock, and a write transaction on the database itself would block
 * the migration's own writes. So the lock is a write transaction ({@code BEGIN IMMEDIATE}) on a
 * separate, empty lock database next to the database file ({@code <file>.<name>.lock}). SQLite
 * takes it with an operating-system lock on that file, which the kernel drops when the process
 * dies, even by SIGKILL; SQLite also keeps the lock right between several connections of one
 * process, where plain {@code FileChannel} locks do not. The holder writes who it is to {@code
 * <file>.<name>.holder} for the message of a waiter that gives up. A memory database lives inside
 * one connection of one process, so there is nothing to lock and the lock is always granted.
 */
final class SqliteSessionLock implements SessionLock {
  private final Session session;
  private final String name;
  private Connection lockConnection;
  private Path lockFile;

  SqliteSessionLock(Session session, String name) {
    this.session = session;
    this.name = name;
  }

  @Override
  public boolean tryAcquire() {
    if (lockConnection != null) {
      return true;
    }
    Path database = databaseFile();
    if (database == null) {
      return true;
    }
    lockFile = Path.of(database + "." + name + ".lock");
    return session.withConnection(ignored -> lockOn(lockFile));
  }

  private boolean lockOn(Path file) throws SQLException {
    Properties p = new Properties();
    p.setProperty("busy_timeout", "0");
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, p);
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    } catch (SQLException busy) {
      c.close();
      return false;
    }
    lockConnection = c;
    writeHolder();
    return true;
  }

  /** Closing the lock connection ends its write transaction and with it the file lock. */
  @Override
  public void release() {
    if (lockConnection != null) {
      Connection c = lockConnection;
      lockConnection = null;
      session.withConnection(
          ignored -> {
            c.close();
            return null;
          });
    }
  }

  @Override
  public String holder() {
    Path database = databaseFile();
    if (database == null) {
      return "nobody (memory database)";
    }
    Path lock = Path.of(database + "." + name + ".lock");
    Path file = holderFile(lock);
    try {
      return Files.readString(file, StandardCharsets.UTF_8) + ", lock file " + lock;
    } catch (NoSuchFileException e) {
      return "an unknown process (no " + file + ")";
    } catch (IOException e) {
      return "an unknown process (" + file + " unreadable: " + e.getMessage() + ")";
    }
  }

  private Path databaseFile() {
    String file =
        session
            .queryOne(
                "SELECT file FROM pragma_database_list WHERE name = 'main'", rs -> rs.getString(1))
            .orElse(null);
    return file == null || file.isEmpty() ? null : Path.of(file);
  }

  private void writeHolder() {
    Path target = holderFile(lockFile);
    String who =
        String.format(
            "process %d on host %s (since %s)",
            ProcessHandle.current().pid(), hostName(), Instant.now());
    try {
      Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".holder", ".tmp");
      Files.writeString(temp, who, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Only the waiters' messages lose detail; the lock itself is held.
    }
  }

  private static Path holderFile(Path lock) {
    String file = lock.getFileName().toString();
    return lock.resolveSibling(file.substring(0, file.length() - ".lock".length()) + ".holder");
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
