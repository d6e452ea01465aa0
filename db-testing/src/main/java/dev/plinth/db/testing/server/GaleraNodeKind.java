package dev.plinth.db.testing.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of a MariaDB Galera cluster on loopback: MariaDB as {@link MariaDbKind} runs it, plus
 * Debian's galera-4 provider with its group, incremental (IST) and full (rsync SST) state transfer
 * ports of its own. The first node initializes a data directory and bootstraps the cluster; the
 * others start from an empty directory and receive the first node's data by state transfer. Failure
 * detection is quicker than Galera's defaults, so that a killed node leaves the cluster in seconds.
 */
final class GaleraNodeKind implements ServerKind {
  private static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
  private static final Path RSYNC = Path.of("/usr/bin/rsync");
  private static final Path SST_SCRIPT = Path.of("/usr/bin/wsrep_sst_rsync");

  /** The ports a node listens on besides its SQL port. */
  record Ports(int group, int incremental, int full) {}

  private final MariaDbKind mariadb = new MariaDbKind("mysql");
  private final String cluster;
  private final String name;
  private final Ports ports;
  private final List<Ports> members;
  private volatile boolean bootstrap;

  /**
   * A node called {@code name} of cluster {@code cluster}, whose members (this one among them)
   * listen on {@code members}.
   *
   * @param bootstrap whether this node makes a new cluster when it starts, rather than joining
   */
  GaleraNodeKind(String cluster, String name, Ports ports, List<Ports> members, boolean bootstrap) {
    this.cluster = cluster;
    this.name = name;
    this.ports = ports;
    this.members = List.copyOf(members);
    this.bootstrap = bootstrap;
  }

  /** From now on the node joins the cluster when it starts (it stays the first to have started). */
  void joinFromNowOn() {
    bootstrap = false;
  }

  @Override
  public String name() {
    return "MariaDB Galera node " + name + " (" + PROVIDER + ", " + RSYNC + ")";
  }

  @Override
  public boolean installed() {
    return mariadb.installed()
        && Files.exists(PROVIDER)
        && Files.isExecutable(RSYNC)
        && Files.isExecutable(SST_SCRIPT);
  }

  /** The bootstrapping node gets a fresh data directory; a joiner an empty one to receive into. */
  @Override
  public List<String> initialize(Path data) {
    return bootstrap ? mariadb.initialize(data) : List.of("mkdir", data.toString());
  }

  @Override
  public List<String> serve(Path directory, Path data, int port) {
    List<String> command = new ArrayList<>(mariadb.serve(directory, data, port));
    List<String> addresses = members.stream().map(member -> "127.0.0.1:" + member.group()).toList();
    command.addAll(
        List.of(
            "--innodb-log-file-size=4M",
            "--binlog-format=ROW",
            "--innodb-autoinc-lock-mode=2",
            "--wsrep-on=ON",
            "--wsrep-provider=" + PROVIDER,
            "--wsrep-cluster-name=" + cluster,
            "--wsrep-cluster-address=gcomm://" + String.join(",", addresses),
            "--wsrep-node-name=" + name,
            "--wsrep-node-address=127.0.0.1:" + ports.group(),
            "--wsrep-provider-options="
                + "gmcast.listen_addr=tcp://127.0.0.1:"
                + ports.group()
                + ";ist.recv_addr=127.0.0.1:"
                + ports.incremental()
                + ";gcache.size=32M"
                + ";evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT4S",
            "--wsrep-sst-method=rsync",
            "--wsrep-sst-receive-address=127.0.0.1:" + ports.full(),
            "--wsrep-slave-threads=1"));
    if (bootstrap) {
      command.add("--wsrep-new-cluster");
    }
    return command;
  }

  @Override
  public String stopSignal() {
    return mariadb.stopSignal();
  }

  @Override
  public String adminUrl(int port) {
    return mariadb.adminUrl(port);
  }

  @Override
  public String url(int port, String name) {
    return mariadb.url(port, name);
  }

  @Override
  public String unprivilegedUser() {
    return mariadb.unprivilegedUser();
  }
}
