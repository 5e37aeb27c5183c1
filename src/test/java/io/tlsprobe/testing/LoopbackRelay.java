package io.tlsprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Relays one accepted loopback connection to a server on 127.0.0.1, byte for byte both ways, for the counting relays
 * of the scan tests ({@code io.tlsprobe.scan.Relay}) and the scan benchmark ({@code io.tlsprobe.bench.CountingRelay}).
 * When either side ends, both sockets are closed, as a direct peer's close would end the connection: a half-close
 * instead would leave a server that waits for the client ({@code s_server}) waiting.
 *
 * <pre>{@code
 * HostilePeer.start(client -> LoopbackRelay.relay(client, server.port()));
 * }</pre>
 */
public final class LoopbackRelay {
  /** Changes the server's bytes in place on their way to the client (a chunk at a time, as they arrive). */
  @FunctionalInterface
  public interface Tamper {
    void apply(byte[] buffer, int length);
  }

  /** Leaves the bytes as they are. */
  public static final Tamper NONE = (buffer, length) -> {};

  private LoopbackRelay() {}

  /**
   * Connects to 127.0.0.1:{@code port} and copies between it and {@code client} until one side ends; closes
   * {@code client} in any case.
   *
   * @throws IOException when the server cannot be reached
   */
  public static void relay(Socket client, int port) throws IOException, InterruptedException {
    relay(client, port, NONE);
  }

  /**
   * As {@link #relay(Socket, int)}, passing what the server sends through {@code fromServer} first.
   *
   * @throws IOException when the server cannot be reached
   */
  public static void relay(Socket client, int port, Tamper fromServer) throws IOException, InterruptedException {
    relay(client, port, NONE, fromServer);
  }

  /**
   * As {@link #relay(Socket, int)}, passing what the client sends through {@code fromClient} and what the server
   * sends through {@code fromServer} first.
   *
   * @throws IOException when the server cannot be reached
   */
  public static void relay(Socket client, int port, Tamper fromClient, Tamper fromServer)
      throws IOException, InterruptedException {
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
      upstream.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
      Thread back = new Thread(() -> pump(upstream, client, fromServer), "relay-back-" + port);
      back.setDaemon(true);
      back.start();
      pump(client, upstream, fromClient);
      back.join(2000);
    } finally {
      client.close();
    }
  }

  /** Copies until {@code from} ends, then closes both sockets. */
  private static void pump(Socket from, Socket to, Tamper tamper) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        tamper.apply(buffer, n);
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
}
