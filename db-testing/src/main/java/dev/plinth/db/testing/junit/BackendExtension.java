package dev.plinth.db.testing.junit;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.AvailableBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.DatabaseInitializer;
import dev.plinth.db.testing.Migrated;
import dev.plinth.db.testing.MigratedDatabases;
import dev.plinth.db.testing.TestDatabase;
import dev.plinth.db.testing.TestDatabases;
import dev.plinth.db.testing.provision.BackendDiscovery;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The engine behind {@link AllBackends}: one invocation per selected backend, each resolving {@link
 * TestDatabase} and {@link Database} parameters to a database provisioned for that invocation (an
 * empty one, or under {@link Migrated} a copy of a template migrated once per test run), and {@link
 * AvailableBackends} to the reachable backends, for tests that compare them. A test class that is a
 * {@link DatabaseInitializer} prepares each database before its test receives it.
 */
public final class BackendExtension implements TestTemplateInvocationContextProvider {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(BackendExtension.class);

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return AnnotationSupport.isAnnotated(context.getTestMethod(), AllBackends.class);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Backend[] wanted =
        AnnotationSupport.findAnnotation(context.getTestMethod(), AllBackends.class)
            .map(AllBackends::value)
            .orElse(Backend.values());
    BackendDiscovery discovery = discovery(context);
    String method = context.getRequiredTestMethod().getName();
    return Arrays.stream(wanted)
        .filter(b -> discovery.selected().contains(b))
        .map(b -> new Invocation(b, method, discovery));
  }

  private static BackendDiscovery discovery(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent(
            BackendDiscovery.class,
            k -> new BackendDiscovery(System.getenv()),
            BackendDiscovery.class);
  }

  /** One per test run, so templates are migrated once and dropped when the run ends. */
  private static MigratedDatabases migratedDatabases(
      ExtensionContext context, BackendDiscovery discovery) {
    return context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent(
            MigratedDatabases.class,
            k -> MigratedDatabases.create(discovery),
            MigratedDatabases.class);
  }

  private record Invocation(Backend backend, String method, BackendDiscovery discovery)
      implements TestTemplateInvocationContext {

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + backend.id() + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new Availability(this), new Resolver(this));
    }
  }

  /** Skips, or under {@code PLINTH_TEST_REQUIRE} fails, an invocation whose server is missing. */
  private record Availability(Invocation invocation) implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Backend backend = invocation.backend();
      BackendDiscovery.Availability found = invocation.discovery().find(backend);
      if (found.available() || backend == Backend.SQLITE) {
        return ConditionEvaluationResult.enabled(backend.id() + " via " + found.reason());
      }
      if (invocation.discovery().required().contains(backend)) {
        throw new IllegalStateException(
            backend.id()
                + " is required ("
                + BackendDiscovery.REQUIRE
                + ") but not reachable: "
                + found.reason());
      }
      return ConditionEvaluationResult.disabled(backend.id() + " not reachable: " + found.reason());
    }
  }

  private static AvailableBackends available(BackendDiscovery discovery) {
    List<Backend> reachable =
        Arrays.stream(Backend.values())
            .filter(b -> discovery.selected().contains(b))
            .filter(b -> b == Backend.SQLITE || discovery.find(b).available())
            .toList();
    Provisioner provisioner = new Provisioner(discovery);
    return TestDatabases.available(reachable, provisioner::provision);
  }

  /** Provisions the invocation's database on first use and drops it when the invocation ends. */
  private record Resolver(Invocation invocation) implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      Class<?> type = p.getParameter().getType();
      return type == TestDatabase.class
          || type == Database.class
          || type == Backend.class
          || type == AvailableBackends.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      Class<?> type = p.getParameter().getType();
      if (type == Backend.class) {
        return invocation.backend();
      }
      ExtensionContext.Store store = c.getStore(NS);
      if (type == AvailableBackends.class) {
        return store.getOrComputeIfAbsent(
            AvailableBackends.class,
            k -> available(invocation.discovery()),
            AvailableBackends.class);
      }
      TestDatabase db =
          store.getOrComputeIfAbsent(TestDatabase.class, k -> provision(c), TestDatabase.class);
      if (type == TestDatabase.class) {
        return db;
      }
      return store.getOrComputeIfAbsent(Database.class, k -> db.open(), Database.class);
    }

    /** A copy of a migrated template when {@link Migrated} applies, else an empty database. */
    private TestDatabase provision(ExtensionContext c) {
      Backend backend = invocation.backend();
      TestDatabase database =
          MigratedLookup.find(c)
              .map(set -> migratedDatabases(c, invocation.discovery()).copy(backend, set))
              .orElseGet(() -> new Provisioner(invocation.discovery()).provision(backend));
      if (c.getRequiredTestInstance() instanceof DatabaseInitializer initializer) {
        try {
          initializer.initialize(database);
        } catch (RuntimeException | Error e) {
          database.close();
          throw e;
        }
      }
      return database;
    }
  }
}
