package dev.plinth.db.it.migrate.dump;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend's own command-line tools (psql / pg_dump, mariadb / mariadb-dump, sqlite3) pointed at
 * the server of a test database, to build, dump and restore databases as their users do.
 */
final class NativeClient {
  private static final Pattern SERVER =
      Pattern.compile("jdbc:[a-z]+://([^:/?]+)(?::(\\d+))?/([^?]*)(?:\\?(.*))?");

  private final Backend backend;
  private final String host;
  private final String port;
  private final String user;
  private final String password;
  private final Path sqliteDir;
  private final List<String> created = new ArrayList<>();

  NativeClient(TestDatabase db) throws IOException {
    this.backend = db.backend();
    if (backend == Backend.SQLITE) {
      host = port = user = password = null;
      sqliteDir = Files.createTempDirectory("plinth-dump");
      return;
    }
    sqliteDir = null;
    Matcher m = SERVER.matcher(db.url());
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot read the server of " + db.backend());
    }
    host = m.group(1);
    port = m.group(2) != null ? m.group(2) : backend == Backend.POSTGRESQL ? "5432" : "3306";
    String u = backend == Backend.POSTGRESQL ? "postgres" : "root";
    String p = "";
    for (String pair : m.group(4) == null ? new String[0] : m.group(4).split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals("user")) {
        u = kv[1];
      } else if (kv[0].equals("password")) {
        p = kv[1];
      }
    }
    user = u;
    password = p;
  }

  /** Creates an empty database and returns its name (a file path for SQLite). */
  String createDatabase() throws IOException {
    String name = "plinth_dump_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    switch (backend) {
      case SQLITE -> name = sqliteDir.resolve(name + ".db").toString();
      case POSTGRESQL ->
          run(List.of("psql", "-d", "postgres", "-c", "CREATE DATABASE " + name), "");
      case MYSQL -> run(List.of("mariadb", "-e", "CREATE DATABASE " + name), "");
    }
    created.add(name);
    return name;
  }

  /** Creates a database and runs {@code script} in it through the client; returns its name. */
  String createDatabase(String script) throws IOException {
    String name = createDatabase();
    apply(name, script);
    return name;
  }

  /** The JDBC URL of database {@code name}, in the form the test database's URL has. */
  String url(TestDatabase like, String name) {
    if (backend == Backend.SQLITE) {
      return "jdbc:sqlite:" + name;
    }
    return like.url().replaceFirst("/" + Pattern.quote(like.name()) + "(?=\\?|$)", "/" + name);
  }

  /** Runs {@code script} through the backend's client, stopping at the first error. */
  void apply(String database, String script) throws IOException {
    switch (backend) {
      case SQLITE -> run(List.of("sqlite3", "-bail", database), script);
      case POSTGRESQL ->
          run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database), script);
      case MYSQL -> run(List.of("mariadb", database), script);
    }
  }

  /** The output of a dump tool run on {@code database}: {@code args} go before the name. */
  String dump(String database, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(
        switch (backend) {
          case SQLITE -> "sqlite3";
          case POSTGRESQL -> "pg_dump";
          case MYSQL -> "mariadb-dump";
        });
    command.addAll(args);
    command.add(database);
    if (backend == Backend.SQLITE) {
      command.add(".dump");
    }
    return run(command, "");
  }

  /** Drops every database this client created. */
  void dropAll() throws IOException {
    for (String name : created) {
      switch (backend) {
        case SQLITE -> Files.deleteIfExists(Path.of(name));
        case POSTGRESQL ->
            run(List.of("psql", "-d", "postgres", "-c", "DROP DATABASE IF EXISTS " + name), "");
        case MYSQL -> run(List.of("mariadb", "-e", "DROP DATABASE IF EXISTS " + name), "");
      }
    }
  }

  private String run(List<String> command, String input) throws IOException {
    List<String> full = new ArrayList<>(command);
    if (backend == Backend.POSTGRESQL) {
      full.addAll(1, List.of("-h", host, "-p", port, "-U", user));
    } else if (backend == Backend.MYSQL) {
      full.addAll(1, List.of("-h", host, "-P", port, "-u", user));
    }
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(false);
    Map<String, String> env = builder.environment();
    if (password != null && !password.isEmpty()) {
      env.put(backend == Backend.POSTGRESQL ? "PGPASSWORD" : "MYSQL_PWD", password);
    }
    Process process = builder.start();
    try (var in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    var out = process.getInputStream().readAllBytes();
    var err = process.getErrorStream().readAllBytes();
    try {
      if (process.waitFor() != 0) {
        throw new IOException(
            String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
