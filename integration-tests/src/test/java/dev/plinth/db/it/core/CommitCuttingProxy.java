package dev.plinth.db.it.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy between a database client and its server that can, once, cut a connection at its
 * COMMIT: either after the server received the COMMIT and answered (the client never sees the
 * answer, so the commit is real but its acknowledgement is lost), or before the COMMIT reaches the
 * server (the transaction never commits). A COMMIT is recognised as the bytes {@code COMMIT} in
 * what the client sends; the tests' own statements never contain them.
 */
final class CommitCuttingProxy implements AutoCloseable {
  private static final Pattern AUTHORITY = Pattern.compile("^(jdbc:[a-z]+://)([^/?]*)(.*)$");
  private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

  /** What the proxy does to the next COMMIT. */
  enum Cut {
    /** Forwards everything. */
    NONE,
    /** Forwards the COMMIT, waits for the server's answer, drops it and closes the connection. */
    AFTER_COMMIT,
    /** Closes the connection instead of forwarding the COMMIT. */
    BEFORE_COMMIT
  }

  private final ServerSocket listener;
  private final String targetHost;
  private final int targetPort;
  private final String url;
  private final AtomicReference<Cut> armed = new AtomicReference<>(Cut.NONE);
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile Cut fired = Cut.NONE;
  private volatile boolean refusing;

  /** Starts a proxy in front of the server of {@code url}, on a free local port. */
  CommitCuttingProxy(String url, int defaultPort) throws IOException {
    Matcher m = AUTHORITY.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a server URL: " + url);
    }
    String authority = m.group(2);
    int colon = authority.lastIndexOf(':');
    targetHost = colon < 0 ? authority : authority.substring(0, colon);
    targetPort = colon < 0 ? defaultPort : Integer.parseInt(authority.substring(colon + 1));
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.url = m.group(1) + "127.0.0.1:" + listener.getLocalPort() + m.group(3);
    Thread acceptor = new Thread(this::accept, "commit-cutting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The URL that reaches the server through this proxy. */
  String url() {
    return url;
  }

  /** Makes the next COMMIT that passes be cut as {@code cut}. */
  void arm(Cut cut) {
    fired = Cut.NONE;
    armed.set(cut);
  }

  /** From now on, closes every new connection at once, as a server that does not answer. */
  void refuseNewConnections() {
    refusing = true;
  }

  /** The cut that happened since the last {@link #arm}; {@link Cut#NONE} if none did. */
  Cut fired() {
    return fired;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          client.close();
          continue;
        }
        Socket server = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(server);
        new Connection(client, server).start();
      } catch (IOException e) {
        // The listener was closed, or the server refused: the client sees its connection fail.
      }
    }
  }

  /** One client connection and its two pumps. */
  private final class Connection {
    private final Socket client;
    private final Socket server;
    private volatile boolean swallowReplies;

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start() {
      daemon(this::clientToServer);
      daemon(this::serverToClient);
    }

    private void daemon(Runnable pump) {
      Thread t = new Thread(pump, "commit-cutting-proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    private void clientToServer() {
      try {
        InputStream in = client.getInputStream();
        OutputStream out = server.getOutputStream();
        byte[] buf = new byte[65_536];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          Cut cut = contains(buf, n, COMMIT) ? armed.getAndSet(Cut.NONE) : Cut.NONE;
          if (cut == Cut.BEFORE_COMMIT) {
            fired = cut;
            break;
          }
          if (cut == Cut.AFTER_COMMIT) {
            swallowReplies = true;
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // The client or the server went away; end both sides below.
      }
      if (!swallowReplies) {
        closeQuietly(client);
        closeQuietly(server);
      }
    }

    /**
     * Forwards the server's answers; once the COMMIT is forwarded, closes the client's side at the
     * first answer and drains the rest, leaving the server's session open and idle, so the server
     * finishes all it received.
     */
    private void serverToClient() {
      try {
        InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] buf = new byte[65_536];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          if (swallowReplies) {
            if (fired != Cut.AFTER_COMMIT) {
              fired = Cut.AFTER_COMMIT;
              closeQuietly(client);
            }
          } else {
            out.write(buf, 0, n);
            out.flush();
          }
        }
      } catch (IOException e) {
        // The server's side was closed.
      }
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  private static boolean contains(byte[] buf, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buf[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already broken; closed either way.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
