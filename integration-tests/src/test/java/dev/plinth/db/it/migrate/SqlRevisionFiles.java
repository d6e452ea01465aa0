package dev.plinth.db.it.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes SQL revision files for tests that load revisions from a directory. */
public final class SqlRevisionFiles {
  private SqlRevisionFiles() {}

  /**
   * Writes {@code dir/file}, a revision {@code id} after {@code down} (empty for a base), with the
   * message {@code revision <id>} and the given sections.
   */
  public static Path write(
      Path dir, String file, String id, String down, String upgrade, String downgrade)
      throws IOException {
    Path path = dir.resolve(file);
    Files.writeString(
        path,
        "-- revision: "
            + id
            + "\n"
            + (down.isEmpty() ? "" : "-- down_revision: " + down + "\n")
            + "-- message: revision "
            + id
            + "\n\n-- +upgrade\n"
            + upgrade
            + "\n-- +downgrade\n"
            + downgrade
            + "\n");
    return path;
  }
}
