package dev.plinth.db.migrate.models;

import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SchemaDiff;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.ModelsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The models a service registered, merged from its {@link ModelsProvider}s into one schema, and
 * their comparison with the live schema as {@code alembic check} makes it: every model table and
 * every database table is compared, so a table the database has and no model declares is reported
 * (Alembic's {@code remove_table}), unless the migrator owns it or a provider excludes it.
 */
public final class RegisteredModels {
  private static final String SERVICES_FILE = "META-INF/services/" + ModelsProvider.class.getName();

  private final List<ModelsProvider> providers;
  private final Schema schema;

  private RegisteredModels(List<ModelsProvider> providers) {
    this.providers = List.copyOf(providers);
    Map<String, Table> tables = new TreeMap<>();
    Map<String, ModelsProvider> declaredBy = new TreeMap<>();
    for (ModelsProvider provider : providers) {
      for (Table table : modelsOf(provider).tables().values()) {
        ModelsProvider other = declaredBy.putIfAbsent(table.name(), provider);
        if (other != null) {
          throw new MigrationException(
              "table "
                  + table.name()
                  + " is declared by two models providers, "
                  + other.getClass().getName()
                  + " and "
                  + provider.getClass().getName()
                  + ": declare each table in one of them");
        }
        tables.put(table.name(), table);
      }
    }
    this.schema = new Schema(tables);
  }

  /** The models {@code provider} gives, as the only registered ones. */
  public static RegisteredModels of(ModelsProvider provider) {
    return new RegisteredModels(List.of(provider));
  }

  /**
   * The models of the providers {@code loader} lists in {@code
   * META-INF/services/dev.plinth.db.migrate.ModelsProvider}; empty when it lists none.
   *
   * @throws MigrationException if a listed provider cannot be loaded or its models cannot be built,
   *     or two providers declare the same table; the message names the class or table
   */
  public static Optional<RegisteredModels> load(ClassLoader loader) {
    List<ModelsProvider> providers = new ArrayList<>();
    try {
      ServiceLoader.load(ModelsProvider.class, loader).forEach(providers::add);
    } catch (ServiceConfigurationError e) {
      throw new MigrationException(
          "cannot load the models listed in " + SERVICES_FILE + ": " + e.getMessage(), e);
    }
    return providers.isEmpty() ? Optional.empty() : Optional.of(new RegisteredModels(providers));
  }

  /** The tables of every provider. */
  public Schema schema() {
    return schema;
  }

  /**
   * Compares the models with {@code database}, the live schema, leaving out the tables in {@code
   * own} (the migrator's version and history tables) and the database tables no model declares that
   * a provider excludes.
   */
  public SchemaDiff compare(Schema database, Set<String> own) {
    return comparison(database, own).diff();
  }

  /**
   * The models, the part of {@code database} that {@link #compare} compares them with, and the
   * differences: what {@code revision --autogenerate} turns into operations.
   */
  public ModelComparison comparison(Schema database, Set<String> own) {
    Map<String, Table> compared = new TreeMap<>();
    database
        .tables()
        .forEach(
            (name, table) -> {
              if (schema.tables().containsKey(name) || (!own.contains(name) && included(name))) {
                compared.put(name, table);
              }
            });
    Schema part = new Schema(compared);
    return new ModelComparison(schema, part, schema.diff(part));
  }

  private boolean included(String table) {
    return providers.stream().allMatch(p -> p.includeTable(table));
  }

  private static Schema modelsOf(ModelsProvider provider) {
    try {
      return provider.models();
    } catch (RuntimeException e) {
      throw new MigrationException(
          "models provider " + provider.getClass().getName() + " failed: " + e.getMessage(), e);
    }
  }
}
