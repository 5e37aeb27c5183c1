package io.tlsprobe.scan;

import io.tlsprobe.testing.HostilePeer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a server that counts the connections a client opens through it, so the count of
 * any tool (ours, sslscan) can be read exactly; optionally it relays only the first connections and then accepts
 * and stays silent, like a server that stops answering midway.
 *
 * <pre>{@code
 * try (Relay relay = Relay.to(server.port())) {
 *   Interop.run(timeout, "sslscan", "127.0.0.1:" + relay.port());
 *   relay.connections(); // 184
 * }
 * }</pre>
 */
final class Relay implements AutoCloseable {
  private final HostilePeer peer;

  private Relay(HostilePeer peer) {
    this.peer = peer;
  }

  /** A relay to 127.0.0.1:{@code port} for every connection. */
  static Relay to(int port) throws IOException {
    return to(port, Integer.MAX_VALUE);
  }

  /** A relay to 127.0.0.1:{@code port} for the first {@code answered} connections; later ones get silence. */
  static Relay to(int port, int answered) throws IOException {
    AtomicInteger seen = new AtomicInteger();
    return new Relay(HostilePeer.start(client -> {
      if (seen.incrementAndGet() > answered) {
        HostilePeer.staySilent(client);
        return;
      }
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
        upstream.setTcpNoDelay(true);
        client.setTcpNoDelay(true);
        Thread back = new Thread(() -> pump(upstream, client), "relay-back-" + port);
        back.setDaemon(true);
        back.start();
        pump(client, upstream);
        back.join(2000);
      } finally {
        client.close();
      }
    }));
  }

  /**
   * Copies until {@code from} ends, then closes both sockets, as a direct peer's close would end the connection:
   * a half-close instead would leave a server that waits for the client (s_server) waiting.
   */
  private static void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  int port() {
    return peer.port();
  }

  /** Connections accepted so far. */
  int connections() {
    return peer.connections();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    peer.close();
  }
}
