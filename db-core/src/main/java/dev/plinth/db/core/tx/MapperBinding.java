package dev.plinth.db.core.tx;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.DbException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.managed.ManagedTransactionFactory;

/**
 * Runs MyBatis mappers on a Plinth transaction's own connection. MyBatis never commits, rolls back
 * or closes that connection (a managed transaction that does not close), and every persistence
 * exception a mapper throws is translated by the dialect like any other.
 */
public final class MapperBinding {
  private final Configuration configuration;
  private final SqlSessionFactory factory;
  private final Dialect dialect;

  /**
   * Creates the binding.
   *
   * @param dataSource the writer pool, recorded in MyBatis's environment
   * @param dialect translates mapper exceptions
   * @param customizer adjusts the MyBatis configuration (type handlers, XML mappers, settings)
   */
  public MapperBinding(DataSource dataSource, Dialect dialect, Consumer<Configuration> customizer) {
    ManagedTransactionFactory transactions = new ManagedTransactionFactory();
    Properties p = new Properties();
    p.setProperty("closeConnection", "false");
    transactions.setProperties(p);
    this.configuration = new Configuration(new Environment("plinth", transactions, dataSource));
    customizer.accept(configuration);
    this.factory = new SqlSessionFactoryBuilder().build(configuration);
    this.dialect = dialect;
  }

  SqlSession openSession(Connection connection) {
    return factory.openSession(connection);
  }

  <M> M mapper(Class<M> type, SqlSession session) {
    register(type);
    M target = session.getMapper(type);
    InvocationHandler translating =
        (proxy, method, args) -> {
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw translate(e.getCause());
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

  private Throwable translate(Throwable t) {
    if (t instanceof PersistenceException) {
      for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
        if (c instanceof DbException) {
          return c;
        }
        if (c instanceof SQLException) {
          return dialect.translate((SQLException) c);
        }
      }
      return new DbException(String.valueOf(t.getMessage()), t);
    }
    return t;
  }
}
