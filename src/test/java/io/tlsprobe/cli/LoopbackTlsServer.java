package io.tlsprobe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An in-process JSSE server on 127.0.0.1 and an ephemeral port for CLI tests: it completes each handshake with the
 * given context and protocols, reads until the client leaves, and counts the handshakes it completed.
 *
 * <pre>{@code
 * try (LoopbackTlsServer server = LoopbackTlsServer.start(Certificates.sslContext(leaf), "TLSv1.3")) {
 *   Main.run(new String[] {"probe", "127.0.0.1:" + server.port()}, out, err, stdin);
 * }
 * }</pre>
 */
final class LoopbackTlsServer implements AutoCloseable {
  private final SSLServerSocket serverSocket;
  private final Thread thread;
  private final AtomicInteger handshakes = new AtomicInteger();
  private volatile boolean stopping;

  private LoopbackTlsServer(SSLServerSocket serverSocket) {
    this.serverSocket = serverSocket;
    this.thread = new Thread(this::serve, "loopback-tls-server");
    this.thread.setDaemon(true);
  }

  static LoopbackTlsServer start(SSLContext context, String... protocols) throws IOException {
    SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
    if (protocols.length > 0) {
      socket.setEnabledProtocols(protocols);
    }
    socket.setSoTimeout(100);
    LoopbackTlsServer server = new LoopbackTlsServer(socket);
    server.thread.start();
    return server;
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  int handshakes() {
    return handshakes.get();
  }

  private void serve() {
    while (!stopping) {
      try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
        socket.setSoTimeout(2_000);
        socket.startHandshake();
        handshakes.incrementAndGet();
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
          // drain until the client leaves
        }
      } catch (SocketTimeoutException e) {
        // poll the stop flag
      } catch (IOException e) {
        // a client that leaves mid-handshake ends only its connection
      }
    }
  }

  @Override
  public void close() throws InterruptedException, IOException {
    stopping = true;
    serverSocket.close();
    thread.join(5_000);
  }
}
