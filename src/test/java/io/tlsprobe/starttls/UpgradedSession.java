package io.tlsprobe.starttls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A {@link StartTlsClient} driven over a real loopback socket the way the probe does: connect, the plain-text
 * exchange, a JSSE handshake over the same socket (trusting any certificate: these tests check the upgrade, not the
 * chain), then the dialect's epilogue inside TLS. {@link #close()} closes the TLS socket and the TCP one.
 *
 * <pre>{@code
 * StartTlsClient ftp = StartTlsClient.of(StartTls.FTP, "localhost");
 * try (UpgradedSession session = UpgradedSession.open(ftp, port, Duration.ofSeconds(5))) {
 *   session.session().getProtocol();   // TLSv1.3
 * }
 * }</pre>
 */
final class UpgradedSession implements AutoCloseable {
  private final Socket plain;
  private final SSLSocket tls;

  private UpgradedSession(Socket plain, SSLSocket tls) {
    this.plain = plain;
    this.tls = tls;
  }

  /**
   * Upgrades, handshakes and runs {@link StartTlsClient#afterTls}; the read timeout bounds every read.
   *
   * @throws StartTlsException when the plain-text phase fails (the socket is closed)
   * @throws IOException when the handshake fails (the socket is closed)
   */
  static UpgradedSession open(StartTlsClient client, int port, Duration readTimeout) throws IOException {
    Socket plain = connect(port, readTimeout);
    try {
      client.upgrade(PlainTextChannel.of(plain));
      SSLSocket tls = handshake(plain, port);
      client.afterTls(PlainTextChannel.of(tls));
      return new UpgradedSession(plain, tls);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** A TCP connection to {@code 127.0.0.1:port} with {@code readTimeout} as its {@code SO_TIMEOUT}. */
  static Socket connect(int port, Duration readTimeout) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    plain.setSoTimeout((int) readTimeout.toMillis());
    return plain;
  }

  /** A client-side JSSE handshake over {@code plain} (which stays open under the TLS socket). */
  static SSLSocket handshake(Socket plain, int port) throws IOException {
    SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, "localhost", port, true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    return tls;
  }

  /** The negotiated session. */
  SSLSession session() {
    return tls.getSession();
  }

  /** A context that trusts any server certificate. */
  static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      tls.close();
    } finally {
      plain.close();
    }
  }
}
