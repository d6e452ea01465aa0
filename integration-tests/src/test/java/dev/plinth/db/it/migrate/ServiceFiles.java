package dev.plinth.db.it.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code META-INF/services} files, as a service's jar holds them. */
public final class ServiceFiles {
  private ServiceFiles() {}

  /**
   * Writes {@code root/META-INF/services/<service>} listing {@code implementations}, for a class
   * path or class loader rooted at {@code root}.
   *
   * @return {@code root}
   */
  public static Path list(Path root, Class<?> service, Class<?>... implementations)
      throws IOException {
    Path file = root.resolve("META-INF/services/" + service.getName());
    Files.createDirectories(file.getParent());
    StringBuilder lines = new StringBuilder();
    for (Class<?> implementation : implementations) {
      lines.append(implementation.getName()).append('\n');
    }
    Files.writeString(file, lines);
    return root;
  }
}
