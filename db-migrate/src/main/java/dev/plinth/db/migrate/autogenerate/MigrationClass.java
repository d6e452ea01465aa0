package dev.plinth.db.migrate.autogenerate;

import dev.plinth.db.migrate.RevisionInfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a Java migration class in the default package, as {@code plinth-migrate revision --java}
 * and {@code --autogenerate} create it: imports, the {@code @Revision} annotation, and {@code
 * upgrade} and {@code downgrade} with the given bodies, laid out as google-java-format would.
 */
public final class MigrationClass {

  /** The body of a revision written by hand: no imports beyond the migration's, empty methods. */
  public static final GeneratedMigration EMPTY =
      new GeneratedMigration(Set.of(), List.of(), List.of(), List.of());

  private MigrationClass() {}

  /**
   * The source of class {@code className} declaring {@code revision} (its origin and
   * transactionality are not written) with the imports and method bodies of {@code body}.
   */
  public static String source(RevisionInfo revision, String className, GeneratedMigration body) {
    Set<String> imports = new TreeSet<>(body.imports());
    imports.add("dev.plinth.db.migrate.Migration");
    imports.add("dev.plinth.db.migrate.MigrationContext");
    imports.add("dev.plinth.db.migrate.Revision");
    StringBuilder s = new StringBuilder();
    imports.forEach(i -> s.append("import ").append(i).append(";\n"));
    s.append("\n@Revision(\n    id = \"").append(revision.id()).append('"');
    attribute(s, "down", revision.downRevisions());
    attribute(s, "branchLabels", revision.branchLabels());
    attribute(s, "dependsOn", revision.dependsOn());
    revision
        .phase()
        .ifPresent(
            p ->
                s.append(",\n    phase = \"")
                    .append(p.name().toLowerCase(Locale.ROOT))
                    .append('"'));
    s.append(",\n    message = ").append(JavaCode.string(revision.message()).flat()).append(")\n");
    s.append("public final class ").append(className).append(" implements Migration {\n");
    method(s, "upgrade", body.upgrade());
    s.append('\n');
    method(s, "downgrade", body.downgrade());
    return s.append("}\n").toString();
  }

  private static void method(StringBuilder s, String name, List<String> lines) {
    s.append("  @Override\n  public void ").append(name).append("(MigrationContext ctx) {");
    if (!lines.isEmpty()) {
      s.append('\n');
      lines.forEach(l -> s.append(l).append('\n'));
      s.append("  ");
    }
    s.append("}\n");
  }

  private static void attribute(StringBuilder s, String name, List<String> values) {
    if (!values.isEmpty()) {
      s.append(",\n    ").append(name).append(" = {\"");
      s.append(String.join("\", \"", values)).append("\"}");
    }
  }
}
