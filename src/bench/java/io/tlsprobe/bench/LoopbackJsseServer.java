package io.tlsprobe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An in-process JSSE server on 127.0.0.1 and an ephemeral port that completes one handshake per connection, reads
 * until the client closes, and counts the handshakes that completed and failed. Connections are served one at a
 * time on one daemon thread, as {@code openssl s_server} serves them, so client and server never compete with a
 * second connection. {@code TCP_NODELAY} is set, as servers do (and openssl always does): without it, the JSSE
 * server's flight of several small writes meets the client's delayed ACK and every handshake waits 40 ms.
 *
 * <pre>{@code
 * try (LoopbackJsseServer server = LoopbackJsseServer.start(serverContext, "TLSv1.3")) {
 *   TlsProbes.probe("127.0.0.1", server.port());
 *   server.completed();  // 1
 * }
 * }</pre>
 */
public final class LoopbackJsseServer implements AutoCloseable {
  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private final SSLServerSocket serverSocket;
  private final Thread acceptor;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private LoopbackJsseServer(SSLServerSocket serverSocket) {
    this.serverSocket = serverSocket;
    this.acceptor = new Thread(this::acceptLoop, "bench-jsse-server-" + serverSocket.getLocalPort());
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  /** Starts a server presenting {@code context}'s key and enabling exactly {@code protocol}. */
  public static LoopbackJsseServer start(SSLContext context, String protocol) throws IOException {
    SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    SSLParameters params = socket.getSSLParameters();
    params.setProtocols(new String[] {protocol});
    socket.setSSLParameters(params);
    return new LoopbackJsseServer(socket);
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  /** How many handshakes completed on the server's side. */
  public long completed() {
    return completed.get();
  }

  /**
   * Waits until at least {@code count} handshakes completed on the server's side (its handshake ends after the
   * client's, so a client that wants the server's work counted waits here); false when {@code timeoutMillis} ran out.
   */
  public boolean awaitCompleted(long count, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    synchronized (completed) {
      while (completed.get() < count) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return false;
        }
        completed.wait(left);
      }
      return true;
    }
  }

  /** How many connections ended without a completed handshake. */
  public long failed() {
    return failed.get();
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        serve(socket);
      } catch (IOException e) {
        if (serverSocket.isClosed()) {
          return;
        }
      }
    }
  }

  private void serve(SSLSocket socket) {
    try {
      socket.startHandshake();
      synchronized (completed) {
        completed.incrementAndGet();
        completed.notifyAll();
      }
    } catch (IOException | RuntimeException e) {
      failed.incrementAndGet();
      return;
    }
    drain(socket);
  }

  /** Reads until the client closes, so its close_notify is consumed and the socket closes cleanly. */
  private static void drain(SSLSocket socket) {
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[1024];
      while (in.read(buffer) >= 0) {
        // discard
      }
    } catch (SocketException ignored) {
      // the client reset or closed without close_notify
    } catch (IOException ignored) {
      // the client went away
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
    acceptor.join(5_000);
  }

  @Override
  public String toString() {
    return "LoopbackJsseServer[127.0.0.1:" + port() + ", completed=" + completed() + ", failed=" + failed() + "]";
  }
}
