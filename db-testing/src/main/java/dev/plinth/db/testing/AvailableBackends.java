package dev.plinth.db.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The backends a test run can reach, and fresh databases on any of them during a test: for a test
 * that compares backends with each other. Every database it provisions is dropped when the test
 * ends. Declare a parameter of this type in an {@link AllBackends} test.
 */
public final class AvailableBackends implements AutoCloseable {
  private final List<Backend> backends;
  private final Function<Backend, TestDatabase> provisioner;
  private final List<TestDatabase> provisioned = new ArrayList<>();

  AvailableBackends(List<Backend> backends, Function<Backend, TestDatabase> provisioner) {
    this.backends = List.copyOf(backends);
    this.provisioner = provisioner;
  }

  /** The backends selected for this run whose server answers, SQLite always among them. */
  public List<Backend> list() {
    return backends;
  }

  /**
   * A freshly provisioned database on {@code backend}, dropped when the test ends.
   *
   * @throws IllegalArgumentException if {@code backend} is not available
   */
  public synchronized TestDatabase provision(Backend backend) {
    if (!backends.contains(backend)) {
      throw new IllegalArgumentException(
          backend.id() + " is not available in this run; available: " + backends);
    }
    TestDatabase db = provisioner.apply(backend);
    provisioned.add(db);
    return db;
  }

  /** Drops every database provisioned through this object. */
  @Override
  public synchronized void close() {
    provisioned.forEach(TestDatabase::close);
    provisioned.clear();
  }
}
