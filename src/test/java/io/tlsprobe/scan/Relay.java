package io.tlsprobe.scan;

import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.LoopbackRelay;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a server that counts the connections a client opens through it, so the count of
 * any tool (ours, sslscan) can be read exactly; optionally it relays only the first connections and then accepts
 * and stays silent, like a server that stops answering midway. Each connection is relayed by {@link LoopbackRelay}.
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
      LoopbackRelay.relay(client, port);
    }));
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
