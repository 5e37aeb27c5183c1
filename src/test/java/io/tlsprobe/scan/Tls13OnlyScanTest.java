package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.Finding.Support;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.OpensslServer;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.daemons.NginxServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Servers that accept only TLS 1.3, whose features and chain the scan reads from the decrypted first flight of its
 * feature hello ({@link Tls13FeatureHello}, {@link Tls13FirstFlight}): real {@code openssl s_server}s with each AEAD
 * and both groups the scan has shares for, stapling a real OCSP response, nginx, a JSSE server, and the servers the
 * scan cannot open (CCM only, secp384r1 only), where it says why and falls back to a JSSE handshake for the chain.
 */
class Tls13OnlyScanTest {
  /** How long s_client stays after the handshake to read the server's tickets. */
  private static final Duration TICKET_WAIT = Duration.ofMillis(500);
  @TempDir static Path dir;
  static Path cert;
  static Path key;

  @BeforeAll
  static void pki() {
    ServerKeys keys = ServerKeys.write(dir);
    cert = keys.rsaCert();
    key = keys.rsaKey();
  }

  @Test
  void readsAlpnOcspStaplingAndTheChainFromTheEncryptedFlightAsSClientSeesThem() throws Exception {
    Path response = OcspFixture.make(dir);
    try (OpensslServer server = OpensslServer.www(dir, dir.resolve("leaf.pem"), dir.resolve("leaf.key"), "-tls1_3",
        "-alpn", "h2,http/1.1", "-status_file", response.toString());
        Relay relay = Relay.to(server.port())) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", relay.port()).build());
      OpensslClientView sClient = OpensslClientView.connectHoldingInput(TICKET_WAIT, server.port(), "-tls1_3",
          "-alpn", "h2,http/1.1", "-status", "-showcerts");
      ServerFeatures f = profile.features();

      assertThat(profile.isComplete()).as(profile.render()).isTrue();
      assertThat(profile.acceptedProtocols()).containsExactly(TlsProtocol.TLSv1_3);
      assertThat(sClient.alpn()).contains("h2");
      assertThat(f.alpn().evidence()).startsWith("application_layer_protocol_negotiation chose h2 in the TLSv1.3"
          + " EncryptedExtensions");
      assertThat(f.applicationProtocols()).containsExactly("h2", "http/1.1");
      assertThat(sClient.ocspStapled()).isTrue();
      // the CertificateEntry's status_request holds a CertificateStatus: type (1), uint24 length, the response
      assertThat(f.ocspStapling()).isEqualTo(Finding.yes("status_request in the leaf's CertificateEntry of the"
          + " TLSv1.3 Certificate, with " + (Files.size(response) + 4) + " bytes of CertificateStatus"));
      assertThat(f.heartbeat().support()).isEqualTo(Support.NO); // OpenSSL 3 has no heartbeat
      assertThat(ticketLifetimeHint(sClient.output())).as(sClient.output()).contains(7200L);
      assertThat(f.sessionTickets()).isEqualTo(Finding.yes("a TLSv1.3 NewSessionTicket after the handshake: lifetime"
          + " 7200 s, " + ticketLength(sClient.output()) + "-byte ticket"));
      assertThat(profile.certificates()).singleElement().satisfies(c -> {
        assertThat(c.protocol()).isEqualTo(TlsProtocol.TLSv1_3);
        assertThat(c.leaf().sha256Fingerprint()).isEqualTo(fingerprint(dir.resolve("leaf.pem")))
            .isEqualTo(firstShownCertificate(sClient.output()));
      });
      assertThat(profile.connections()).isEqualTo(relay.connections());
      System.out.println("TLS 1.3-only s_server with ALPN h2,http/1.1 and stapling: " + profile.connections()
          + " connections");
    }
  }

  @Test
  void findsNoSessionTicketsWhereTheServerSendsNoneAsSClientSees() throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, cert, key, "-tls1_3", "-num_tickets", "0");
        Relay relay = Relay.to(server.port())) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", relay.port()).build());
      OpensslClientView sClient = OpensslClientView.connectHoldingInput(TICKET_WAIT, server.port(), "-tls1_3");

      assertThat(sClient.protocol()).as(sClient.output()).contains(TlsProtocol.TLSv1_3);
      assertThat(sClient.output()).doesNotContain("Post-Handshake New Session Ticket arrived");
      Finding tickets = profile.features().sessionTickets();
      assertThat(tickets.support()).as(tickets.evidence()).isEqualTo(Support.NO);
      assertThat(tickets.evidence()).contains("our Finished and close_notify", "no NewSessionTicket");
      assertThat(profile.isComplete()).as(profile.render()).isTrue();
      assertThat(profile.connections()).isEqualTo(relay.connections());
    }
  }

  /** ChaCha20 with a real x25519 key pair; AES-256 (SHA-384 schedule) with the P-256 base point as share. */
  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
      "TLS_CHACHA20_POLY1305_SHA256, X25519",
      "TLS_AES_256_GCM_SHA384,       P-256",
  })
  void opensTheFlightWithEachAeadAndGroupTheScanHasAShareFor(String suite, String group) throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, cert, key, "-tls1_3", "-ciphersuites", suite, "-groups",
        group)) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", server.port()).build());

      assertReadWithoutJsse(profile, fingerprint(cert));
    }
  }

  @Test
  void readsTheAlpnOfATls13OnlyJsseServer() throws Exception {
    HeldCertificate leaf = TestCertificates.localhost(Certificates.KeyType.EC_P256);
    try (JsseTestServer server = JsseTestServer.builder(leaf).protocols("TLSv1.3").alpn("http/1.1", "h2").start()) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", server.port()).build());

      assertThat(profile.isComplete()).as(profile.render()).isTrue();
      assertThat(profile.features().applicationProtocols()).containsExactly("http/1.1", "h2");
      // JSSE's stateless tickets (jdk.tls.server.enableSessionTicketExtension) live as long as a session may
      int timeout = SSLContext.getInstance("TLS").getServerSessionContext().getSessionTimeout();
      assertThat(profile.features().sessionTickets().evidence())
          .startsWith("a TLSv1.3 NewSessionTicket after the handshake: lifetime " + timeout + " s, ");
      assertThat(profile.certificates()).singleElement()
          .satisfies(c -> assertThat(c.leaf().sha256Fingerprint()).isEqualTo(fingerprint(leaf.certificate())));
    }
  }

  @Test
  void readsTheFeaturesAndChainOfATls13OnlyNginx() throws Exception {
    HeldCertificate ec = TestCertificates.localhost(Certificates.KeyType.EC_P256);
    Path home = Files.createDirectories(dir.resolve("nginx"));
    try (NginxServer server = NginxServer.start(home, List.of(ec), "ssl_protocols TLSv1.3;\n");
        Relay relay = Relay.to(server.port())) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", relay.port()).build());
      OpensslClientView sClient = OpensslClientView.connectHoldingInput(TICKET_WAIT, server.port(), "-tls1_3",
          "-alpn", "http/0.9");

      assertThat(profile.isComplete()).as(profile.render()).isTrue();
      assertThat(profile.acceptedProtocols()).containsExactly(TlsProtocol.TLSv1_3);
      // nginx without HTTP/2 answers the three HTTP/1 IDs (ngx_http_ssl_alpn_select), as s_client sees for the last
      assertThat(profile.features().applicationProtocols()).containsExactly("http/1.1", "http/1.0", "http/0.9");
      assertThat(sClient.alpn()).contains("http/0.9");
      assertThat(profile.features().heartbeat().support()).isEqualTo(Support.NO);
      assertThat(profile.features().ocspStapling().support()).isEqualTo(Support.NO);
      // nginx's ssl_session_tickets is on by default; its ssl_session_timeout (5 min) is the lifetime
      assertThat(ticketLifetimeHint(sClient.output())).as(sClient.output()).contains(300L);
      assertThat(profile.features().sessionTickets().evidence())
          .startsWith("a TLSv1.3 NewSessionTicket after the handshake: lifetime 300 s, ");
      assertThat(profile.certificates()).singleElement().satisfies(c -> {
        assertThat(c.protocol()).isEqualTo(TlsProtocol.TLSv1_3);
        assertThat(c.leaf().sha256Fingerprint()).isEqualTo(fingerprint(ec.certificate()));
      });
      assertThat(profile.connections()).isEqualTo(relay.connections());
    }
  }

  @Test
  void fallsBackToAJsseHandshakeForTheChainWhenTheServerHasNoGroupTheScanHasAShareFor() throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, cert, key, "-tls1_3", "-groups", "secp384r1");
        Relay relay = Relay.to(server.port())) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", relay.port()).build());
      ServerFeatures f = profile.features();

      assertThat(f.alpn().support()).isEqualTo(Support.UNKNOWN);
      assertThat(f.alpn().evidence()).contains("could not be read", "handshake_failure");
      assertThat(profile.certificates()).singleElement()
          .satisfies(c -> assertThat(c.leaf().sha256Fingerprint()).isEqualTo(fingerprint(cert)));
      assertThat(profile.connections()).isEqualTo(relay.connections());
    }
  }

  @Test
  void saysWhyNeitherFeaturesNorChainCanBeReadFromACcmOnlyServer() throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, cert, key, "-tls1_3", "-ciphersuites",
        "TLS_AES_128_CCM_SHA256")) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", server.port()).build());
      ServerFeatures f = profile.features();

      assertThat(f.ocspStapling().support()).isEqualTo(Support.UNKNOWN);
      assertThat(f.ocspStapling().evidence()).contains("TLS_AES_128_CCM_SHA256", "no CCM cipher");
      assertThat(profile.certificates()).isEmpty();
      assertThat(profile.partialReason()).get().asString().contains("certificates:", "no CCM cipher",
          "a JSSE handshake gave none either");
    }
  }

  /** Features read (not unknown) and one TLS 1.3 chain, with no connection more than the feature questions'. */
  private static void assertReadWithoutJsse(ServerProfile profile, String leaf) throws Exception {
    ServerFeatures f = profile.features();
    assertThat(profile.isComplete()).as(profile.render()).isTrue();
    assertThat(f.alpn()).isEqualTo(Finding.no("no application_layer_protocol_negotiation in the TLSv1.3"
        + " EncryptedExtensions to a hello offering " + AlpnScan.CANDIDATES.size() + " protocols (h2, http/1.1, …)"));
    assertThat(f.ocspStapling().support()).isEqualTo(Support.NO);
    // the server took our Finished, sealed with the suite's keys: it sent its tickets
    assertThat(f.sessionTickets().isYes()).as(f.sessionTickets().evidence()).isTrue();
    assertThat(profile.certificates()).singleElement().satisfies(c -> {
      assertThat(c.protocol()).isEqualTo(TlsProtocol.TLSv1_3);
      assertThat(c.leaf().sha256Fingerprint()).isEqualTo(leaf);
    });
  }

  private static String fingerprint(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return fingerprint((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
  }

  private static String fingerprint(X509Certificate c) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
  }

  /** The lifetime of the first ticket s_client printed ({@code TLS session ticket lifetime hint: 7200 (seconds)}). */
  private static Optional<Long> ticketLifetimeHint(String sClientOutput) {
    Matcher m = Pattern.compile("TLS session ticket lifetime hint: (\\d+) \\(seconds\\)").matcher(sClientOutput);
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  /**
   * The length of the first ticket s_client printed: its hex dump's last line ({@code 00b0 - 4a 2b …}) gives the
   * offset of the last 16 bytes or fewer.
   */
  private static int ticketLength(String sClientOutput) {
    int start = sClientOutput.indexOf("TLS session ticket:");
    assertThat(start).as(sClientOutput).isNotNegative();
    Matcher line = Pattern.compile("(?m)^\\s*([0-9a-f]{4}) - ((?:[0-9a-f]{2}[ -]){0,16})").matcher(sClientOutput);
    int length = 0;
    int from = start;
    while (line.find(from) && line.start() - from <= 100) {
      length = Integer.parseInt(line.group(1), 16) + line.group(2).trim().split("[ -]").length;
      from = line.end();
    }
    return length;
  }

  /** The first certificate of the chain {@code s_client -showcerts} printed (after the OCSP response's). */
  private static String firstShownCertificate(String output) throws Exception {
    int from = output.indexOf("-----BEGIN CERTIFICATE-----", output.indexOf("Certificate chain"));
    int to = output.indexOf("-----END CERTIFICATE-----", from);
    assertThat(from).as(output).isNotNegative();
    Path pem = Files.writeString(dir.resolve("shown.pem"), output.substring(from, to + 25) + "\n");
    return fingerprint(pem);
  }

}
