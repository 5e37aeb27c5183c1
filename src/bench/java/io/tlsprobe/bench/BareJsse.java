package io.tlsprobe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The baseline the probe is measured against: one plain JSSE client handshake with the settings the probe uses, as
 * a user would write it without tlsprobe. Like the probe it makes a fresh {@link SSLContext} (or reuses one, in the
 * shared variant), trusts exactly the given store through the JDK's default {@link TrustManagerFactory}, enables
 * only the given protocol, sends no SNI for an IP literal, sets {@code TCP_NODELAY}, checks the host name (the probe
 * does in its verdict; here JSSE's {@code HTTPS} endpoint identification does), and closes right after the
 * handshake. It never resumes a session: the shared variant invalidates each session after its handshake.
 *
 * <pre>{@code
 * SSLContext context = BareJsse.context(trustStore);
 * SSLSession session = BareJsse.handshake(context, port, "TLSv1.3");
 * session.getProtocol();  // "TLSv1.3"
 * }</pre>
 */
public final class BareJsse {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private BareJsse() {}

  /** A fresh client context trusting exactly {@code trustStore}, as the probe's verdict does. */
  public static SSLContext context(KeyStore trustStore) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a client context: " + e.getMessage(), e);
    }
  }

  /**
   * One full handshake with 127.0.0.1:{@code port} offering only {@code protocol}; the socket is closed (with
   * close_notify) before this returns.
   *
   * @throws UncheckedIOException when the handshake fails, the certificate is not trusted included
   */
  public static SSLSession handshake(SSLContext context, int port, String protocol) {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      SSLParameters params = socket.getSSLParameters();
      params.setProtocols(new String[] {protocol});
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      socket.startHandshake();
      SSLSession session = socket.getSession();
      if (!protocol.equals(session.getProtocol())) {
        throw new IllegalStateException("negotiated " + session.getProtocol() + ", wanted " + protocol);
      }
      return session;
    } catch (IOException e) {
      throw new UncheckedIOException("handshake with 127.0.0.1:" + port + " failed: " + e.getMessage(), e);
    }
  }
}
