package dev.plinth.db.core.dialect;

import dev.plinth.db.core.schema.SchemaIntrospector;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What every dialect holds the same way: its schema introspector and DDL renderer, built once, and
 * the driver properties a client-server backend needs (TCP keepalive, a connect timeout and the
 * configured socket timeout), in the time unit its driver reads.
 */
public abstract class BaseDialect implements Dialect {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final SchemaIntrospector introspector;
  private final DdlRenderer ddl;

  /**
   * Creates the dialect.
   *
   * @param introspector reads the live schema
   * @param ddl builds the DDL renderer from this dialect
   */
  protected BaseDialect(SchemaIntrospector introspector, Function<Dialect, DdlRenderer> ddl) {
    this.introspector = Objects.requireNonNull(introspector, "introspector");
    this.ddl = ddl.apply(this);
  }

  @Override
  public final SchemaIntrospector schemaIntrospector() {
    return introspector;
  }

  @Override
  public final DdlRenderer ddl() {
    return ddl;
  }

  /**
   * TCP keepalive, a 10 s connect timeout and {@code socketTimeout}, under the property names both
   * server drivers use, in {@code unit}; a fraction of a unit rounds up, so a short timeout never
   * becomes 0, which drivers read as "none".
   */
  protected static Properties serverConnectionProperties(Duration socketTimeout, TimeUnit unit) {
    Properties p = new Properties();
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectTimeout", Long.toString(wholeUnitsUp(CONNECT_TIMEOUT, unit)));
    p.setProperty("socketTimeout", Long.toString(wholeUnitsUp(socketTimeout, unit)));
    return p;
  }

  private static long wholeUnitsUp(Duration d, TimeUnit unit) {
    long whole = unit.convert(d);
    return unit.toNanos(whole) < d.toNanos() ? whole + 1 : whole;
  }
}
