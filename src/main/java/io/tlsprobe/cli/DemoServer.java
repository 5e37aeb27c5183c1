package io.tlsprobe.cli;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * The embedded server that {@code tlsprobe probe} (or {@code tlsprobe demo}) probes when given no target: TLS on
 * 127.0.0.1 and an ephemeral port, with an EC P-256 certificate for {@code localhost} / {@code 127.0.0.1} issued
 * by a CA generated on the spot, answering each HTTP request with a minimal HTTP/1.1 response (and ALPN
 * {@code http/1.1} when offered). One platform thread accepts and serves connections one at a time; every wait is
 * bounded, and {@link #close()} stops the thread and waits for it, so nothing outlives the command.
 *
 * <pre>{@code
 * try (DemoServer demo = DemoServer.start()) {
 *   TlsConnectionReport report = TlsProbes.probe(
 *       ProbeOptions.builder(demo.host(), demo.port()).trustStore(demo.trustStore()).build());
 * }
 * }</pre>
 */
final class DemoServer implements AutoCloseable {
  /** The loopback address the server listens on. */
  static final String HOST = "127.0.0.1";
  /** The thread's name, so a test can check that it is gone. */
  static final String THREAD_NAME = "tlsprobe-demo-server";
  /** The body of every response. */
  static final String BODY = "tlsprobe demo server: TLS works.\n";

  private static final int ACCEPT_POLL_MILLIS = 100;
  private static final int READ_TIMEOUT_MILLIS = 2_000;
  private static final int MAX_REQUEST_BYTES = 8 * 1024;
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final HeldCertificate ca;
  private final HeldCertificate leaf;
  private final SSLServerSocket serverSocket;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile @Nullable Socket current;

  private DemoServer(HeldCertificate ca, HeldCertificate leaf, SSLServerSocket serverSocket) {
    this.ca = ca;
    this.leaf = leaf;
    this.serverSocket = serverSocket;
    this.thread = new Thread(this::serve, THREAD_NAME);
    this.thread.setDaemon(true);
  }

  /** Generates the CA and the server certificate, binds 127.0.0.1:0 and starts serving. */
  static DemoServer start() {
    return start(List.of());
  }

  /**
   * {@link #start()}, accepting only the given protocol versions ({@code "TLSv1.3"}…), or the JDK's defaults when the
   * list is empty.
   */
  static DemoServer start(List<String> protocols) {
    HeldCertificate ca = Certificates.certificate().subject("CN=tlsprobe demo CA,O=tlsprobe").ca(0).build();
    HeldCertificate leaf = Certificates.certificate()
        .subject("CN=localhost,O=tlsprobe demo")
        .dns("localhost")
        .ip(HOST)
        .key(Certificates.KeyType.EC_P256)
        .extendedKeyUsage("1.3.6.1.5.5.7.3.1") // serverAuth
        .issuedBy(ca)
        .build();
    SSLServerSocket socket;
    try {
      socket = (SSLServerSocket) Certificates.sslContext(leaf).getServerSocketFactory()
          .createServerSocket(0, 16, InetAddress.getByName(HOST));
      socket.setSoTimeout(ACCEPT_POLL_MILLIS);
      if (!protocols.isEmpty()) {
        socket.setEnabledProtocols(protocols.toArray(String[]::new));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + HOST + " for the demo server", e);
    }
    DemoServer server = new DemoServer(ca, leaf, socket);
    server.thread.start();
    return server;
  }

  String host() {
    return HOST;
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  /** The generated CA that issued the server certificate. */
  HeldCertificate ca() {
    return ca;
  }

  /** The server certificate, issued by {@link #ca()}. */
  HeldCertificate certificate() {
    return leaf;
  }

  /** A trust store holding only {@link #ca()}: what a probe of this server should trust. */
  KeyStore trustStore() {
    return Certificates.trustStore(ca.certificate());
  }

  private void serve() {
    while (!stopping) {
      try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
        current = socket;
        if (stopping) {
          return;
        }
        answer(socket);
      } catch (SocketTimeoutException e) {
        // no connection this poll: look at the stop flag again
      } catch (IOException | RuntimeException e) {
        // a client that fails its handshake or hangs up only ends its own connection
      } finally {
        current = null;
      }
    }
  }

  private static void answer(SSLSocket socket) throws IOException {
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    socket.setHandshakeApplicationProtocolSelector(
        (s, offered) -> offered.contains("http/1.1") ? "http/1.1" : "");
    socket.startHandshake();
    if (readRequestHead(socket.getInputStream())) {
      byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
      String head = "HTTP/1.1 200 OK\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n"
          + "Content-Length: " + body.length + "\r\n"
          + "Connection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    }
  }

  /** Reads up to the blank line ending a request head; false when the client sent none (a probe sends none). */
  private static boolean readRequestHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (head.size() < MAX_REQUEST_BYTES) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == end.length) {
        return true;
      }
    }
    return false;
  }

  /** Stops accepting, ends any connection being served, and waits for the thread to finish. */
  @Override
  public void close() {
    stopping = true;
    closeQuietly(serverSocket);
    Socket socket = current;
    if (socket != null) {
      closeQuietly(socket);
    }
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
  }

  /** {@code DemoServer[127.0.0.1:40123, CN=localhost,O=tlsprobe demo issued by CN=tlsprobe demo CA,O=tlsprobe]}. */
  @Override
  public String toString() {
    return "DemoServer[" + HOST + ":" + port() + ", " + leaf + (stopping ? ", stopped" : "") + "]";
  }
}
