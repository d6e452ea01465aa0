package dev.plinth.db.migrate.source;

import dev.plinth.db.core.Dialects;
import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.Direction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a SQL migration file: the header lines ({@code -- key: value}) up to the first section
 * marker, then the sections. Every error names the file and the 1-based line.
 */
final class SqlMigrationParser {
  private static final Pattern HEADER = Pattern.compile("--\\s*([A-Za-z_]+)\\s*:(.*)");
  private static final Pattern MARKER = Pattern.compile("--\\s*\\+([A-Za-z_]+)\\b(.*)");
  private static final Pattern LIST_ENTRY = Pattern.compile("[A-Za-z0-9_@.+-]+");
  private static final Set<String> KEYS =
      Set.of(
          "revision",
          "down_revision",
          "branch_labels",
          "depends_on",
          "phase",
          "message",
          "transactional");

  private final String origin;
  private final String content;
  private final String[] lines;
  private final Map<String, HeaderValue> header = new LinkedHashMap<>();
  private final Map<Direction, List<SqlSection>> sections = new EnumMap<>(Direction.class);

  private record HeaderValue(String value, int line) {}

  SqlMigrationParser(String origin, String content) {
    this.origin = origin;
    this.content = ScriptChecksum.normalise(content);
    this.lines = this.content.split("\n", -1);
  }

  SqlMigration parse() {
    int index = readHeader();
    if (index == lines.length) {
      throw error(lines.length, "no '-- +upgrade' section: put the statements below one");
    }
    readSections(index);
    if (!sections.containsKey(Direction.UPGRADE)) {
      throw error(index + 1, "no '-- +upgrade' section (only '-- +downgrade')");
    }
    return new SqlMigration(revisionInfo(), ScriptChecksum.of(content), sections);
  }

  /** Reads header lines; returns the index of the first section marker, or the line count. */
  private int readHeader() {
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (MARKER.matcher(line).matches()) {
        return i;
      }
      Matcher key = HEADER.matcher(line);
      if (key.matches()) {
        addHeader(key.group(1), key.group(2).strip(), i + 1);
      } else if (!line.isEmpty() && !line.startsWith("--")) {
        throw error(
            i + 1,
            "text outside a section: the file starts with '-- key: value' header lines,"
                + " and statements go below '-- +upgrade' or '-- +downgrade'");
      }
    }
    return lines.length;
  }

  private void addHeader(String rawKey, String value, int line) {
    String key = rawKey.toLowerCase(Locale.ROOT);
    if (!KEYS.contains(key)) {
      throw error(line, "unknown header key '" + rawKey + "': expected one of " + sorted(KEYS));
    }
    HeaderValue previous = header.putIfAbsent(key, new HeaderValue(value, line));
    if (previous != null) {
      throw error(line, "duplicate header key '" + key + "' (first on line " + previous.line + ")");
    }
  }

  private void readSections(int start) {
    Direction direction = null;
    Optional<String> backend = Optional.empty();
    int sectionStart = start;
    for (int i = start; i <= lines.length; i++) {
      Matcher marker = i < lines.length ? MARKER.matcher(lines[i].strip()) : null;
      if (marker != null && !marker.matches()) {
        continue;
      }
      if (direction != null) {
        addSection(direction, backend, sectionStart, i);
      }
      if (marker != null) {
        direction = direction(marker.group(1), i + 1);
        backend = backend(marker.group(2).strip(), i + 1);
        sectionStart = i;
      }
    }
  }

  private void addSection(Direction direction, Optional<String> backend, int markerIndex, int end) {
    List<SqlSection> same = sections.computeIfAbsent(direction, d -> new ArrayList<>());
    for (SqlSection other : same) {
      if (other.backend().equals(backend)) {
        throw error(
            markerIndex + 1,
            "duplicate '"
                + SqlSection.marker(direction)
                + backend.map(b -> " " + b).orElse("")
                + "' section (first on line "
                + (other.firstLine() - 1)
                + ")");
      }
    }
    String text = String.join("\n", List.of(lines).subList(markerIndex + 1, end));
    same.add(new SqlSection(direction, backend, text, markerIndex + 2));
  }

  private Direction direction(String word, int line) {
    for (Direction direction : Direction.values()) {
      if (direction.name().equalsIgnoreCase(word)) {
        return direction;
      }
    }
    throw error(line, "unknown section marker '-- +" + word + "': expected +upgrade or +downgrade");
  }

  private Optional<String> backend(String text, int line) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String backend = text.toLowerCase(Locale.ROOT);
    if (!Dialects.names().contains(backend)) {
      throw error(
          line,
          "bad section backend: unknown backend '"
              + text
              + "': expected one of "
              + Dialects.names());
    }
    return Optional.of(backend);
  }

  private RevisionInfo revisionInfo() {
    HeaderValue revision = header.get("revision");
    if (revision == null || revision.value.isEmpty()) {
      int line = revision == null ? 1 : revision.line;
      throw error(line, "the header has no '-- revision: <id>' line");
    }
    try {
      return new RevisionInfo(
          revision.value,
          list("down_revision"),
          list("branch_labels"),
          list("depends_on"),
          phase(),
          header.containsKey("message") ? header.get("message").value : "",
          origin,
          transactional());
    } catch (IllegalArgumentException e) {
      throw error(revision.line, e.getMessage().replace(origin + ": ", ""));
    }
  }

  private List<String> list(String key) {
    HeaderValue entry = header.get(key);
    if (entry == null || entry.value.isEmpty()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : entry.value.split(",", -1)) {
      String id = item.strip();
      if (!LIST_ENTRY.matcher(id).matches()) {
        throw error(entry.line, "bad " + key + " entry '" + id + "' in '" + entry.value + "'");
      }
      if (items.contains(id)) {
        throw error(entry.line, key + " lists '" + id + "' twice");
      }
      items.add(id);
    }
    return items;
  }

  private Optional<Phase> phase() {
    HeaderValue entry = header.get("phase");
    if (entry == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Phase.parse(entry.value));
    } catch (IllegalArgumentException e) {
      throw error(entry.line, e.getMessage());
    }
  }

  private boolean transactional() {
    HeaderValue entry = header.get("transactional");
    if (entry == null) {
      return true;
    }
    switch (entry.value.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw error(entry.line, "transactional must be true or false, not '" + entry.value + "'");
    }
  }

  private InvalidMigrationException error(int line, String message) {
    return new InvalidMigrationException(origin + ":" + line + ": " + message);
  }

  private static String sorted(Set<String> keys) {
    return String.join(", ", keys.stream().sorted().toList());
  }
}
