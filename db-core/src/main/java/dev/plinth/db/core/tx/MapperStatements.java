package dev.plinth.db.core.tx;

import dev.plinth.db.core.StatementListener;
import java.sql.Connection;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;

/**
 * Tells a {@link StatementListener} about each statement a MyBatis mapper prepares, through
 * MyBatis's plugin hook; installed only when a listener is registered. Results MyBatis serves from
 * its session cache issue no statement and are not reported.
 */
@Intercepts(
    @Signature(
        type = StatementHandler.class,
        method = "prepare",
        args = {Connection.class, Integer.class}))
final class MapperStatements implements Interceptor {
  private final StatementListener listener;

  MapperStatements(StatementListener listener) {
    this.listener = listener;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    listener.statement(((StatementHandler) invocation.getTarget()).getBoundSql().getSql());
    return invocation.proceed();
  }
}
