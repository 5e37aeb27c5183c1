package io.tlsprobe.testing;

import io.tlsprobe.cert.HeldCertificate;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The JSSE contexts and upgrades STARTTLS tests keep building: a server context holding a test certificate, a client
 * context that trusts any certificate (the tests compare handshakes, not trust) or exactly one, and the two ends of a
 * TLS upgrade over an already connected plain socket.
 *
 * <pre>{@code
 * SSLContext server = TestTls.serverContext(TestCertificates.localhost());
 * SSLSocket tls = TestTls.acceptTls(server, socket);           // a front after its go-ahead
 * SSLSocket client = TestTls.startTls(TestTls.trustAll(), plain, "localhost", port);
 * }</pre>
 */
public final class TestTls {
  private TestTls() {}

  /** A server context presenting {@code certificate}. */
  public static SSLContext serverContext(HeldCertificate certificate) {
    return context(new KeyManager[] {certificate.keyManager()}, null);
  }

  /** A client context that accepts any server certificate. */
  public static SSLContext trustAll() {
    return context(null, new TrustManager[] {new TrustAll()});
  }

  /** A client context that trusts {@code certificate} alone. */
  public static SSLContext trusting(HeldCertificate certificate) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("trusted", certificate.certificate());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      return context(null, tmf.getTrustManagers());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a context trusting " + certificate, e);
    }
  }

  /** Upgrades {@code plain} to TLS as the server (after a go-ahead) and completes the handshake. */
  public static SSLSocket acceptTls(SSLContext server, Socket plain) throws IOException {
    SSLSocket tls = (SSLSocket) server.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
    tls.setUseClientMode(false);
    tls.startHandshake();
    return tls;
  }

  /**
   * Upgrades {@code plain} to TLS as the client, naming {@code host} (SNI) and {@code port}, and completes the
   * handshake; closing the TLS socket closes {@code plain}.
   */
  public static SSLSocket startTls(SSLContext client, Socket plain, String host, int port) throws IOException {
    SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(plain, host, port, true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    return tls;
  }

  private static SSLContext context(KeyManager @Nullable [] keys,
      TrustManager @Nullable [] trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context", e);
    }
  }

  /** Accepts any server certificate. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
