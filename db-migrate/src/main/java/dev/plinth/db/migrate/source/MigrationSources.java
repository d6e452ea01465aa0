package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.Migration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Loads every migration a service ships: the SQL files under its locations and the Java migrations
 * its class loader lists in {@code META-INF/services/dev.plinth.db.migrate.Migration}.
 *
 * <p>The returned list is in <em>declaration order</em>, which the revision graph uses wherever it
 * needs a stable order among siblings: for each location in the order given, its {@code *.sql}
 * files sorted by their path relative to the location ({@code /}-separated, compared as strings, so
 * {@code a/z.sql} comes before {@code b.sql}); then all Java migrations, sorted by class name. The
 * order never depends on the file system's listing order or on which jar comes first.
 */
public final class MigrationSources {

  private MigrationSources() {}

  /**
   * Loads the SQL migrations under the locations and the Java migrations the loader lists.
   *
   * @param locations where to look for {@code *.sql} files, in declaration order
   * @param loader the class loader for {@code classpath:} locations and for ServiceLoader
   * @return the migrations in declaration order (see the class comment)
   * @throws InvalidMigrationException naming the location, file (and line) or class at fault: a
   *     missing directory or resource folder, an unreadable file, a bad header, a Java migration
   *     without {@code @Revision} or that cannot be instantiated
   */
  public static List<MigrationScript> load(List<Location> locations, ClassLoader loader) {
    List<MigrationScript> scripts = new ArrayList<>(loadSql(locations, loader));
    scripts.addAll(loadJava(loader));
    return List.copyOf(scripts);
  }

  /**
   * Loads the SQL migrations under the locations only, in declaration order.
   *
   * @throws InvalidMigrationException as {@link #load(List, ClassLoader)}
   */
  public static List<SqlMigration> loadSql(List<Location> locations, ClassLoader loader) {
    List<SqlMigration> scripts = new ArrayList<>();
    for (Location location : locations) {
      for (SqlFile file : LocationScanner.scan(location, loader)) {
        scripts.add(SqlMigration.parse(file.origin(), file.content()));
      }
    }
    return List.copyOf(scripts);
  }

  /**
   * The sources of a set of migrations as text, without parsing or instantiating anything: for each
   * SQL file under the locations its origin and content, for each Java migration the loader lists
   * its class name and revision id. Cheap enough to tell, before every test, whether any migration
   * changed.
   *
   * @throws InvalidMigrationException as {@link #load(List, ClassLoader)}
   */
  public static List<String> sourceTexts(List<Location> locations, ClassLoader loader) {
    List<String> texts = new ArrayList<>();
    for (Location location : locations) {
      for (SqlFile file : LocationScanner.scan(location, loader)) {
        texts.add(file.origin());
        texts.add(file.content());
      }
    }
    try {
      ServiceLoader.load(Migration.class, loader).stream()
          .map(ServiceLoader.Provider::type)
          .sorted(Comparator.comparing(Class::getName))
          .forEach(type -> texts.add(type.getName() + "@" + JavaMigration.infoOf(type).id()));
    } catch (ServiceConfigurationError e) {
      throw unloadable(e);
    }
    return texts;
  }

  /**
   * Loads the Java migrations listed for ServiceLoader, sorted by class name.
   *
   * @throws InvalidMigrationException naming the class that has no {@code @Revision} or cannot be
   *     instantiated
   */
  public static List<JavaMigration> loadJava(ClassLoader loader) {
    List<JavaMigration> migrations = new ArrayList<>();
    try {
      for (ServiceLoader.Provider<Migration> provider :
          ServiceLoader.load(Migration.class, loader).stream().toList()) {
        // read the annotation first, so a class without one is refused before it is instantiated
        JavaMigration.infoOf(provider.type());
        migrations.add(JavaMigration.of(provider.get()));
      }
    } catch (ServiceConfigurationError e) {
      throw unloadable(e);
    }
    migrations.sort(Comparator.comparing(m -> m.migration().getClass().getName()));
    return List.copyOf(migrations);
  }

  private static InvalidMigrationException unloadable(ServiceConfigurationError e) {
    return new InvalidMigrationException(
        "cannot load a Java migration listed in META-INF/services/"
            + Migration.class.getName()
            + ": "
            + e.getMessage(),
        e);
  }
}
