package io.tlsprobe.assertj;

import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.TlsCaptureServer;
import io.tlsprobe.wire.ClientHello;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocket;

/**
 * Client offers the client-offer tests share: hand-built ones for what the JDK will not send, and real reports a
 * {@link TlsCaptureServer} recorded of a JSSE client.
 *
 * <pre>{@code
 * TlsConnectionReport report = ClientOffers.capture(CertificateScenario.VALID, "localhost", socket -> {});
 * }</pre>
 */
public final class ClientOffers {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private ClientOffers() {}

  /**
   * A TLS 1.0 offer of RC4, 3DES, one GCM suite and the renegotiation SCSV, with DEFLATE and SNI localhost. One line:
   * {@value #LEGACY_LINE}.
   */
  public static ClientOffer legacy() {
    return ClientOffer.of(ClientHello.builder().legacyVersion(0x0301).cipherSuites(0x0005, 0x000a, 0xc02f, 0x00ff)
        .compressionMethods(1, 0).serverName("localhost").build());
  }

  public static final String LEGACY_LINE = "TLSv1, 4 suites, SNI localhost, JA4 t10d040100_c106c9302160_000000000000";

  /**
   * A TLS 1.3/1.2 offer of TLS_AES_128_GCM_SHA256 and ECDHE-RSA-AES128-GCM, x25519 and secp256r1, ALPN h2 and
   * http/1.1, no SNI. One line: {@value #MODERN_LINE}.
   */
  public static ClientOffer modern() {
    return ClientOffer.of(ClientHello.builder().cipherSuites(0x1301, 0xc02f).supportedGroups(0x001d, 0x0017)
        .supportedVersions(0x0304, 0x0303).alpn("h2", "http/1.1").build());
  }

  public static final String MODERN_LINE =
      "TLSv1.3/TLSv1.2, 2 suites, ALPN [h2, http/1.1], JA4 t13i0203h2_c1929292aa6b_b0ac53b37fa7";

  /**
   * Connects a JSSE client given the server's {@code clientSslContext()} to a capture server presenting {@code
   * scenario}, via {@code host} (a name sends SNI, an IP literal does not), configured by {@code configure}; after
   * the handshake it sends one HTTP request and reads the answer, as an HTTP client does. Returns the server's
   * report. A failed handshake is part of the report, not an error.
   */
  public static TlsConnectionReport capture(CertificateScenario scenario, String host, Consumer<SSLSocket> configure)
      throws IOException {
    return capture(scenario, host, configure, true);
  }

  /**
   * Like {@link #capture(CertificateScenario, String, Consumer)}, but the client closes right after the handshake
   * (close_notify) without sending anything, as a client that refuses the server after the handshake does.
   */
  public static TlsConnectionReport captureClosingAfterHandshake(CertificateScenario scenario) throws IOException {
    return capture(scenario, "localhost", s -> {}, false);
  }

  private static TlsConnectionReport capture(CertificateScenario scenario, String host, Consumer<SSLSocket> configure,
      boolean request) throws IOException {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      try (SSLSocket socket = (SSLSocket) server.clientSslSocketFactory().createSocket(host, server.port())) {
        configure.accept(socket);
        socket.startHandshake();
        if (request) {
          socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          socket.getInputStream().readAllBytes();
        }
      } catch (IOException handshakeFailed) {
        // the report says how it ended
      }
      return server.awaitConnection(WAIT);
    }
  }

  /**
   * Fetches {@code /} with an {@code HttpsURLConnection} given the server's socket factory from a capture server
   * presenting {@code scenario}; returns the server's report. A refused connection is part of the report.
   */
  public static TlsConnectionReport captureUrlConnection(CertificateScenario scenario) throws IOException {
    try (TlsCaptureServer server = TlsCaptureServer.builder().identity(scenario.identity()).build().start()) {
      HttpsURLConnection connection = (HttpsURLConnection) server.url("/").toURL().openConnection();
      connection.setSSLSocketFactory(server.clientSslSocketFactory());
      try {
        connection.getResponseCode();
        connection.getInputStream().readAllBytes();
      } catch (IOException refused) {
        // the report says how it ended
      } finally {
        connection.disconnect();
      }
      return server.awaitConnection(WAIT);
    }
  }
}
