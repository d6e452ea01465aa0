package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the {@code *.sql} files below a {@link Location}: in a directory, or in every class path
 * root (directory or jar) that holds the resource folder. Files are returned sorted by their path
 * relative to the location; for the class path, several roots holding the same folder are merged.
 */
final class LocationScanner {
  private static final String SUFFIX = ".sql";

  private LocationScanner() {}

  static List<SqlFile> scan(Location location, ClassLoader loader) {
    List<SqlFile> files =
        switch (location.kind()) {
          case FILESYSTEM -> scanDirectory(location, Path.of(location.path()));
          case CLASSPATH -> scanClasspath(location, loader);
        };
    List<SqlFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(SqlFile::relativePath));
    return sorted;
  }

  private static List<SqlFile> scanDirectory(Location location, Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new InvalidMigrationException(
          "migration location "
              + location
              + ": directory "
              + directory.toAbsolutePath()
              + " does not exist or is not a directory");
    }
    List<SqlFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.filter(LocationScanner::isSqlFile).toList()) {
        String relative = relativePath(directory, path);
        files.add(new SqlFile(relative, path.toString(), decode(path.toString(), read(path))));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidMigrationException(
          "migration location " + location + ": cannot read " + directory + ": " + e, e);
    }
    return files;
  }

  private static List<SqlFile> scanClasspath(Location location, ClassLoader loader) {
    List<URL> roots = resources(location, loader);
    if (roots.isEmpty()) {
      throw new InvalidMigrationException(
          "migration location "
              + location
              + ": no resource folder '"
              + location.path()
              + "' on the class path");
    }
    List<SqlFile> files = new ArrayList<>();
    for (URL root : roots) {
      files.addAll(scanRoot(location, root));
    }
    return files;
  }

  private static List<URL> resources(Location location, ClassLoader loader) {
    try {
      return Collections.list(loader.getResources(location.path()));
    } catch (IOException e) {
      throw new InvalidMigrationException(
          "migration location " + location + ": cannot list resources: " + e, e);
    }
  }

  private static List<SqlFile> scanRoot(Location location, URL root) {
    switch (root.getProtocol()) {
      case "file":
        try {
          return scanDirectory(location, Path.of(root.toURI())).stream()
              .map(f -> classpathFile(location, f.relativePath(), f.content()))
              .toList();
        } catch (URISyntaxException e) {
          throw new InvalidMigrationException(
              "migration location " + location + ": bad resource URL " + root, e);
        }
      case "jar":
        return scanJar(location, root);
      default:
        throw new InvalidMigrationException(
            "migration location "
                + location
                + ": resources at "
                + root
                + " cannot be listed (only directories and jar files can)");
    }
  }

  private static List<SqlFile> scanJar(Location location, URL root) {
    try {
      JarURLConnection connection = (JarURLConnection) root.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        String prefix = connection.getEntryName() == null ? "" : connection.getEntryName();
        prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        List<SqlFile> files = new ArrayList<>();
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          JarEntry entry = entries.nextElement();
          String name = entry.getName();
          if (!entry.isDirectory() && name.startsWith(prefix) && name.endsWith(SUFFIX)) {
            try (InputStream in = jar.getInputStream(entry)) {
              String relative = name.substring(prefix.length());
              String origin = location + "/" + relative;
              files.add(classpathFile(location, relative, decode(origin, in.readAllBytes())));
            }
          }
        }
        return files;
      }
    } catch (IOException e) {
      throw new InvalidMigrationException(
          "migration location " + location + ": cannot read jar " + root + ": " + e, e);
    }
  }

  private static SqlFile classpathFile(Location location, String relative, String content) {
    String origin = location.path().isEmpty() ? relative : location.path() + "/" + relative;
    return new SqlFile(relative, "classpath:" + origin, content);
  }

  private static boolean isSqlFile(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().endsWith(SUFFIX);
  }

  private static String relativePath(Path directory, Path file) {
    return directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String decode(String origin, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidMigrationException(origin + ": not valid UTF-8 text", e);
    }
  }
}
