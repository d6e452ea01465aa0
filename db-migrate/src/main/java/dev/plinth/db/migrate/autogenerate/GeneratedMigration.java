package dev.plinth.db.migrate.autogenerate;

import java.util.List;
import java.util.Set;

/**
 * The generated parts of a migration class, for the revision writer to put under its
 * {@code @Revision}.
 *
 * @param imports the fully qualified types the bodies use, sorted
 * @param upgrade the lines of {@code upgrade(ctx)}, indented as a method body; the notes come
 *     first, as comments
 * @param downgrade the lines of {@code downgrade(ctx)}, indented as a method body
 * @param warnings what autogenerate could not infer safely, one sentence each, for stderr
 */
public record GeneratedMigration(
    Set<String> imports, List<String> upgrade, List<String> downgrade, List<String> warnings) {

  /** Copies the collections. */
  public GeneratedMigration {
    imports = Set.copyOf(imports);
    upgrade = List.copyOf(upgrade);
    downgrade = List.copyOf(downgrade);
    warnings = List.copyOf(warnings);
  }

  /** Whether the models and the database matched, leaving both methods empty. */
  public boolean isEmpty() {
    return upgrade.isEmpty() && downgrade.isEmpty();
  }
}
