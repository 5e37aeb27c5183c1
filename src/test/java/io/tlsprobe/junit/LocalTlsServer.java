package io.tlsprobe.junit;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A JSSE TLS server on 127.0.0.1 and an ephemeral port, with a leaf certificate for {@code localhost},
 * {@code 127.0.0.1} and the SNI names the tests send ({@code gateway.test}, {@code default.test},
 * {@code field.test}), issued by a CA of its own ({@link Certificates}), offering ALPN {@code h2} and {@code http/1.1}. Every completed
 * or failed handshake is queued, so tests can count probes and see the SNI and ALPN the client sent.
 *
 * <pre>{@code
 * try (LocalTlsServer server = LocalTlsServer.start()) {
 *   TlsProbes.probe("localhost", server.port());
 *   server.takeHandshake().serverNames();  // []
 *   server.takeHandshakes(Duration.ofMillis(300));  // 0: no other handshake
 * }
 * }</pre>
 */
final class LocalTlsServer implements AutoCloseable {
  static final char[] PASSWORD = "changeit".toCharArray();

  /**
   * One handshake as the server saw it.
   *
   * @param serverNames the SNI host names sent
   * @param applicationProtocol the ALPN protocol agreed, or null
   * @param failure why the handshake failed, or null
   */
  record Handshake(List<String> serverNames, @Nullable String applicationProtocol, @Nullable Exception failure) {}

  private final X509Certificate ca;
  private final SSLServerSocket socket;
  private final LinkedBlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();
  private final Thread acceptor;

  private LocalTlsServer(X509Certificate ca, SSLServerSocket socket) {
    this.ca = ca;
    this.socket = socket;
    this.acceptor = new Thread(this::acceptLoop, "local-tls-server-" + socket.getLocalPort());
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  static LocalTlsServer start() {
    HeldCertificate ca = Certificates.certificate().subject("CN=tlsprobe junit test CA").ca().build();
    HeldCertificate leaf = Certificates.certificate()
        .subject("CN=localhost")
        .dns("localhost", "gateway.test", "default.test", "field.test")
        .ip("127.0.0.1")
        .issuedBy(ca)
        .build();
    try {
      SSLContext context = Certificates.sslContext(leaf);
      SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
          .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      SSLParameters params = socket.getSSLParameters();
      params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      socket.setSSLParameters(params);
      return new LocalTlsServer(ca.certificate(), socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a local TLS server", e);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  /** A PKCS12 trust store holding this server's CA. */
  KeyStore trustStore() {
    return Certificates.trustStore(ca);
  }

  /** Writes {@link #trustStore()} to {@code file}, password {@link #PASSWORD}, and returns it. */
  Path writeTrustStore(Path file) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      trustStore().store(out, PASSWORD);
    }
    return file;
  }

  /** The next handshake, waiting at most 5 s. */
  Handshake takeHandshake() throws InterruptedException {
    Handshake handshake = handshakes.poll(5, TimeUnit.SECONDS);
    if (handshake == null) {
      throw new AssertionError("the server saw no handshake within 5 s");
    }
    return handshake;
  }

  /**
   * Takes every handshake that arrives until none has for {@code quiet}, and counts them: the probes a fixture made,
   * once its last probe has returned.
   */
  int takeHandshakes(Duration quiet) throws InterruptedException {
    int count = 0;
    while (handshakes.poll(quiet.toMillis(), TimeUnit.MILLISECONDS) != null) {
      count++;
    }
    return count;
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try (SSLSocket client = (SSLSocket) socket.accept()) {
        client.setSoTimeout(5000);
        handshakes.add(handshake(client));
        drain(client);
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  private static Handshake handshake(SSLSocket client) {
    try {
      client.startHandshake();
      List<String> names = new ArrayList<>();
      if (client.getSession() instanceof ExtendedSSLSession session) {
        for (SNIServerName name : session.getRequestedServerNames()) {
          if (name instanceof SNIHostName host) {
            names.add(host.getAsciiName());
          }
        }
      }
      String alpn = client.getApplicationProtocol();
      return new Handshake(List.copyOf(names), alpn == null || alpn.isEmpty() ? null : alpn, null);
    } catch (IOException | RuntimeException e) {
      return new Handshake(List.of(), null, e);
    }
  }

  private static void drain(SSLSocket client) {
    try {
      InputStream in = client.getInputStream();
      byte[] buffer = new byte[1024];
      while (in.read(buffer) >= 0) {
        // the probe closes after its handshake
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      acceptor.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
