package io.tlsprobe.bench;

import io.tlsprobe.testing.LoopbackRelay;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback TCP relay that counts the connections a tool opens, for the scan benchmark ({@code src/bench/scan.sh}):
 * it listens on 127.0.0.1 and a port of the kernel's choosing, prints {@code RELAY <port>}, relays every accepted
 * connection to 127.0.0.1:{@code --to} and prints one line {@code +} per connection, so that the script reads a
 * tool's count as the lines added while it ran. Runs until killed (or {@code --seconds} pass).
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *     io.tlsprobe.bench.CountingRelay --to 8443 > relay.log &
 * sslscan 127.0.0.1:$(sed -n 's/^RELAY //p' relay.log); grep -c '^+' relay.log   # 184
 * }</pre>
 *
 * <p>Each connection is relayed by {@link LoopbackRelay}, as in the tests' {@code io.tlsprobe.scan.Relay}: when either
 * side ends, both sockets are closed (a half-close would leave {@code s_server} waiting for the client).
 */
public final class CountingRelay {
  private CountingRelay() {}

  public static void main(String[] args) throws IOException {
    int to = 0;
    long seconds = 1200;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--to" -> to = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --to PORT [--seconds S])");
      }
    }
    if (to < 1 || to > 0xffff) {
      throw new IllegalArgumentException("--to PORT is required");
    }
    int target = to;
    long lifetime = seconds;
    PrintStream out = System.out;
    ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    out.println("RELAY " + server.getLocalPort());
    out.flush();
    Thread limit = new Thread(() -> {
      try {
        Thread.sleep(lifetime * 1000);
      } catch (InterruptedException e) {
        return;
      }
      System.exit(0);
    }, "relay-lifetime");
    limit.setDaemon(true);
    limit.start();
    while (true) {
      Socket client = server.accept();
      synchronized (out) {
        out.println("+");
        out.flush();
      }
      Thread relay = new Thread(() -> relay(client, target), "relay-" + client.getPort());
      relay.setDaemon(true);
      relay.start();
    }
  }

  private static void relay(Socket client, int port) {
    try {
      LoopbackRelay.relay(client, port);
    } catch (IOException e) {
      // the server refused: the client sees its connection closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
