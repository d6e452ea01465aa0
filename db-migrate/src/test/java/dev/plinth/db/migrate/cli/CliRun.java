package dev.plinth.db.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One in-process run of the CLI with its stdout and stderr captured.
 *
 * @param exitCode the exit code
 * @param out what it printed to stdout
 * @param err what it printed to stderr
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code plinth-migrate args...} in this JVM, with no {@code PLINTH_*} variables. */
  static CliRun of(String... args) {
    return of(Map.of(), args);
  }

  /** Runs {@code plinth-migrate args...} in this JVM with {@code environment} as the variables. */
  static CliRun of(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(environment);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Stdout parsed as one JSON document, an object or an array (and nothing else). */
  JsonNode json() {
    try {
      JsonNode node = new ObjectMapper().readTree(out);
      if (node == null || !(node.isObject() || node.isArray())) {
        throw new AssertionError("stdout is not one JSON document: " + out);
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON: " + out, e);
    }
  }

  /** Stdout's JSON array of revision ids. */
  List<String> ids() {
    JsonNode array = json();
    if (!array.isArray()) {
      throw new AssertionError("stdout is not a JSON array: " + out);
    }
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.textValue()));
    return ids;
  }
}
