package dev.plinth.db.testing.server;

import java.nio.file.Path;
import java.util.List;

/** How to set up, run and stop one kind of database server from its installed binaries. */
interface ServerKind {
  /** What the binaries are, for messages. */
  String name();

  /** Whether the binaries this kind needs are installed. */
  boolean installed();

  /** The command that creates an empty data directory {@code data}. */
  List<String> initialize(Path data);

  /** The command that runs the server in the foreground on {@code data} and {@code port}. */
  List<String> serve(Path directory, Path data, int port);

  /** The signal that shuts the server down at once, ending its sessions: INT or TERM. */
  String stopSignal();

  /** A JDBC URL for administrative statements on the server listening on {@code port}. */
  String adminUrl(int port);

  /** A JDBC URL of database {@code name} on the server listening on {@code port}. */
  String url(int port, String name);

  /**
   * The user the server must run as when the tests run as root (PostgreSQL refuses root), or {@code
   * null} if root will do.
   */
  String unprivilegedUser();
}
