package io.tlsprobe.starttls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS half of a STARTTLS test without the probe: a JSSE client handshake over the upgraded socket that trusts any
 * certificate (these tests compare negotiated parameters and the plain-text phase, not trust).
 *
 * <pre>{@code
 * client.upgrade(PlainTextChannel.of(socket));
 * try (SSLSocket tls = TrustingJsseClient.handshake(socket, port)) {
 *   client.afterTls(PlainTextChannel.of(tls));
 * }
 * }</pre>
 */
final class TrustingJsseClient {
  private TrustingJsseClient() {}

  /** Wraps {@code socket} (closing it with the TLS socket) and completes the handshake; no SNI for 127.0.0.1. */
  static SSLSocket handshake(Socket socket, int port) throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustingEveryone()}, null);
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", port, true);
    tls.startHandshake();
    return tls;
  }

  private static final class TrustingEveryone implements X509TrustManager {
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
