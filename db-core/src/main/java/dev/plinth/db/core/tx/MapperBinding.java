package dev.plinth.db.core.tx;

import dev.plinth.db.core.StatementListener;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.managed.ManagedTransactionFactory;

/**
 * Runs MyBatis mappers on a Plinth transaction's own connection. MyBatis never commits, rolls back
 * or closes that connection (a managed transaction that does not close), and every persistence
 * exception a mapper throws is translated by the transaction like any other.
 *
 * <p>MyBatis is configured on the first mapper a transaction asks for, or by {@link #configure()}:
 * a service (or a migration run) that never uses a mapper never loads MyBatis's classes or builds
 * its configuration, which is a noticeable part of a short-lived process's start-up.
 */
public final class MapperBinding {
  private final DataSource dataSource;
  private final Consumer<Configuration> customizer;
  private StatementListener listener;
  private Configuration configuration;
  private volatile SqlSessionFactory factory;

  /**
   * Creates the binding; MyBatis is configured later (see the class description).
   *
   * @param dataSource the writer pool, recorded in MyBatis's environment
   * @param customizer adjusts the MyBatis configuration (type handlers, XML mappers, settings)
   */
  public MapperBinding(DataSource dataSource, Consumer<Configuration> customizer) {
    this.dataSource = dataSource;
    this.customizer = customizer;
  }

  /**
   * Builds MyBatis's configuration now, if it is not built yet, so that a mapper or customizer that
   * MyBatis refuses fails here rather than in the first transaction that uses a mapper.
   *
   * @throws RuntimeException whatever MyBatis or the customizer throws
   */
  public void configure() {
    if (factory == null) {
      build();
    }
  }

  /**
   * Reports every statement a mapper prepares to {@code listener}; called before the first
   * transaction, by the runner that owns this binding, whether MyBatis is configured yet or not.
   */
  synchronized void report(StatementListener listener) {
    this.listener = listener;
    if (configuration != null) {
      configuration.addInterceptor(new MapperStatements(listener));
    }
  }

  private synchronized void build() {
    if (factory != null) {
      return;
    }
    ManagedTransactionFactory transactions = new ManagedTransactionFactory();
    Properties p = new Properties();
    p.setProperty("closeConnection", "false");
    transactions.setProperties(p);
    Configuration built = new Configuration(new Environment("plinth", transactions, dataSource));
    customizer.accept(built);
    if (listener != null) {
      built.addInterceptor(new MapperStatements(listener));
    }
    this.configuration = built;
    this.factory = new SqlSessionFactoryBuilder().build(built);
  }

  SqlSession openSession(Connection connection) {
    configure();
    return factory.openSession(connection);
  }

  /**
   * A mapper of {@code type} on {@code session} whose exceptions pass through {@code translate}.
   */
  <M> M mapper(Class<M> type, SqlSession session, UnaryOperator<Throwable> translate) {
    register(type);
    M target = session.getMapper(type);
    InvocationHandler translating =
        (proxy, method, args) -> {
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw translate.apply(e.getCause());
          }
        };
    return type.cast(
        Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, translating));
  }

  private synchronized void register(Class<?> type) {
    if (!configuration.hasMapper(type)) {
      configuration.addMapper(type);
    }
  }
}
