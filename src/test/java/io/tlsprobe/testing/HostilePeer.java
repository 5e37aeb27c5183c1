package io.tlsprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server that misbehaves as told: each accepted connection runs {@link Behaviour} on its own thread.
 * {@link #close()} closes the listening socket and every accepted one and joins every thread.
 *
 * <pre>{@code
 * try (HostilePeer peer = HostilePeer.start(HostilePeer::staySilent)) {
 *   TlsProbes.probe("127.0.0.1", peer.port());
 * }
 * }</pre>
 */
public final class HostilePeer implements AutoCloseable {

  /** What the peer does with one accepted connection; it may block until the socket is closed. */
  @FunctionalInterface
  public interface Behaviour {
    void serve(Socket socket) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  private HostilePeer(ServerSocket server, Behaviour behaviour) {
    this.server = server;
    this.behaviour = behaviour;
  }

  public static HostilePeer start(Behaviour behaviour) throws IOException {
    HostilePeer peer = new HostilePeer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour);
    peer.spawn(peer::acceptLoop, "hostile-accept");
    return peer;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** How many connections were accepted. */
  public int connections() {
    return sockets.size();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        spawn(() -> {
          try {
            behaviour.serve(socket);
          } catch (IOException | InterruptedException ignored) {
            // the probe went away or the test is over
          }
        }, "hostile-peer");
      } catch (IOException e) {
        return;
      }
    }
  }

  private void spawn(Runnable task, String name) {
    Thread thread = new Thread(task, name + "-" + server.getLocalPort());
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
    for (Thread t : threads) {
      t.interrupt();
      t.join(5000);
    }
  }

  /** Reads and discards until the other side or the test closes. */
  public static void drain(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    while (in.read(buffer) >= 0) {
      // discard
    }
  }

  /** Reads until at least {@code count} bytes arrived (or the stream ends). */
  public static void readAtLeast(Socket socket, int count) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    int total = 0;
    while (total < count) {
      int n = in.read(buffer);
      if (n < 0) {
        return;
      }
      total += n;
    }
  }

  /** Accepts and never answers. */
  public static void staySilent(Socket socket) throws IOException {
    drain(socket);
  }
}
