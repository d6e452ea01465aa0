package dev.plinth.db.it.archive;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fills {@link NovaSchema} with rows, a fixed seed making every run alike: half the instances
 * soft-deleted (a quarter of those recently), most of their children deleted too but some left live
 * (residue), some children deleted under live instances, and a forest of networks with deleted
 * inner nodes.
 */
final class NovaData {
  static final LocalDateTime OLD = LocalDateTime.of(2020, 1, 1, 0, 0);
  static final LocalDateTime RECENT = LocalDateTime.of(2030, 1, 1, 0, 0);
  private static final String[] CHILDREN = {
    "instance_metadata", "instance_faults", "block_device_mapping"
  };

  private final Random random;
  private final List<Object[]> instances = new ArrayList<>();
  private final List<List<Object[]>> children = new ArrayList<>();
  private final List<Object[]> actions = new ArrayList<>();
  private final List<Object[]> events = new ArrayList<>();
  private final List<Object[]> networks = new ArrayList<>();
  private int nextChildId = 1;

  private NovaData(long seed) {
    this.random = new Random(seed);
    for (int i = 0; i < CHILDREN.length; i++) {
      children.add(new ArrayList<>());
    }
  }

  /**
   * Creates {@link NovaSchema} and inserts {@code count} instances with their families, 20 services
   * and count/5 networks.
   */
  static void createFilled(Database db, int count, long seed) {
    NovaSchema.create(db);
    populate(db, count, seed);
  }

  private static void populate(Database db, int count, long seed) {
    NovaData data = new NovaData(seed);
    for (int i = 1; i <= count; i++) {
      data.instance(i);
    }
    for (int i = 1; i <= Math.max(10, count / 5); i++) {
      data.network(i);
    }
    db.writer().run(data::insert);
  }

  private void instance(int id) {
    boolean deleted = random.nextBoolean();
    LocalDateTime when = random.nextInt(4) == 0 ? RECENT : OLD;
    String uuid = String.format("00000000-0000-0000-0000-%012d", id);
    instances.add(row(id, deleted, when, uuid));
    for (List<Object[]> rows : children) {
      for (int n = random.nextInt(3); n > 0; n--) {
        rows.add(row(nextChildId++, childDeleted(deleted), when, uuid, "v" + id));
      }
    }
    for (int n = random.nextInt(3); n > 0; n--) {
      int actionId = nextChildId++;
      actions.add(row(actionId, childDeleted(deleted), when, uuid, "boot"));
      for (int e = random.nextInt(3); e > 0; e--) {
        events.add(row(nextChildId++, childDeleted(deleted), when, actionId, "start"));
      }
    }
  }

  private void network(int id) {
    Integer parent = id <= 5 ? null : 1 + random.nextInt(id - 1);
    networks.add(row(id, random.nextInt(10) < 3, OLD, parent, "net" + id));
  }

  private boolean childDeleted(boolean parentDeleted) {
    return random.nextInt(10) < (parentDeleted ? 7 : 2);
  }

  /** id, created_at, the given columns, updated_at, deleted_at, deleted. */
  private static Object[] row(int id, boolean deleted, LocalDateTime when, Object... middle) {
    Object[] row = new Object[middle.length + 5];
    row[0] = id;
    row[1] = Timestamp.valueOf(OLD.minusDays(30));
    System.arraycopy(middle, 0, row, 2, middle.length);
    row[middle.length + 2] = Timestamp.valueOf(OLD.minusDays(1));
    row[middle.length + 3] = deleted ? Timestamp.valueOf(when) : null;
    row[middle.length + 4] = deleted ? id : 0;
    return row;
  }

  private void insert(Tx tx) {
    tx.batch(insertSql("instances", "uuid"), instances);
    for (int i = 0; i < CHILDREN.length; i++) {
      String payload = i == 0 ? "meta_value" : i == 1 ? "message" : "device_name";
      tx.batch(insertSql(CHILDREN[i], "instance_uuid, " + payload), children.get(i));
    }
    tx.batch(insertSql("instance_actions", "instance_uuid, action"), actions);
    tx.batch(insertSql("instance_actions_events", "action_id, event"), events);
    tx.batch(insertSql("networks", "parent_id, label"), networks);
    List<Object[]> services = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      services.add(new Object[] {i, Timestamp.valueOf(OLD), "host" + i});
    }
    tx.batch("INSERT INTO services (id, created_at, host) VALUES (?, ?, ?)", services);
  }

  private static String insertSql(String table, String middle) {
    int marks = middle.split(",").length + 5;
    return "INSERT INTO "
        + table
        + " (id, created_at, "
        + middle
        + ", updated_at, deleted_at, deleted) VALUES ("
        + "?, ".repeat(marks - 1)
        + "?)";
  }
}
