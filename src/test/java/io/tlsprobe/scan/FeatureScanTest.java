package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.Finding.Support;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.OpensslServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature findings against real {@code openssl s_server}s (OpenSSL 3.0: no compression without zlib, which
 * Debian leaves out, and no heartbeat since 1.1.0), next to sslscan's renegotiation and TLS Fallback SCSV verdicts.
 */
class FeatureScanTest {
  @TempDir static Path dir;
  static Path cert;
  static Path key;
  static Path ocspResponse;

  @BeforeAll
  static void pki() {
    ServerKeys keys = ServerKeys.write(dir);
    cert = keys.rsaCert();
    key = keys.rsaKey();
  }

  @Test
  void findsRenegotiationEmsTicketsEtmAndFallbackScsvOnATls12And13Server() throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, cert, key)) {
      Versus v = Versus.run("TLS 1.2 + 1.3, defaults", server.port(), b -> b);
      ServerFeatures f = v.ours().features();

      assertThat(f.compression()).isEqualTo(Finding.no("compression method null (0) in the TLSv1.2 ServerHello,"
          + " though DEFLATE (1) was offered first"));
      assertThat(f.secureRenegotiation()).isEqualTo(Finding.yes("renegotiation_info in the TLSv1.2 ServerHello"));
      assertThat(f.fallbackScsv()).isEqualTo(Finding.yes("alert inappropriate_fallback to a TLSv1.2 hello with"
          + " TLS_FALLBACK_SCSV (the server accepts TLSv1.3)"));
      assertThat(f.extendedMasterSecret().support()).isEqualTo(Support.YES);
      assertThat(f.encryptThenMac().support()).isEqualTo(Support.YES);
      assertThat(f.encryptThenMac().evidence()).contains("CBC");
      assertThat(f.sessionTickets()).isEqualTo(Finding.yes("session_ticket in the TLSv1.2 ServerHello"));
      assertThat(f.ocspStapling().support()).isEqualTo(Support.NO);
      assertThat(f.heartbeat().support()).isEqualTo(Support.NO);
      assertThat(f.alpn().support()).isEqualTo(Support.NO);
      assertThat(f.applicationProtocols()).isEmpty();
      // sslscan negotiates TLS 1.3 for its renegotiation test, where RFC 5746 does not apply, so it says no
      assertThat(v.theirs().feature("renegotiation.secure")).as(v.theirs().xml()).contains("0");
      assertThat(v.theirs().feature("fallback.supported")).contains("1");
      assertThat(v.theirs().feature("heartbleed.vulnerable")).contains("0");
    }
  }

  @Test
  void findsNoSessionTicketsWhenTheServerIssuesNone() {
    try (OpensslServer server = OpensslServer.www(dir, cert, key, "-no_ticket")) {
      ServerFeatures f = scan(server).features();

      assertThat(f.sessionTickets()).isEqualTo(Finding.no("no session_ticket in the TLSv1.2 ServerHello to a hello"
          + " offering it"));
      assertThat(f.extendedMasterSecret().isYes()).isTrue();
    }
  }

  @Test
  void findsOcspStaplingWhenTheServerStaplesARealOcspResponse() throws Exception {
    Path response = ocspResponse();
    try (OpensslServer server = OpensslServer.www(dir, dir.resolve("leaf.pem"), dir.resolve("leaf.key"),
        "-status_file", response.toString())) {
      Finding stapling = scan(server).features().ocspStapling();

      assertThat(stapling).isEqualTo(Finding.yes("status_request in the TLSv1.2 ServerHello, then a"
          + " CertificateStatus with a " + Files.size(response) + "-byte OCSP response"));
    }
  }

  @Test
  void findsTheApplicationProtocolsInTheServersOrder() throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, cert, key, "-alpn", "h2,http/1.1");
        Relay relay = Relay.to(server.port())) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", relay.port()).build());

      assertThat(profile.features().applicationProtocols()).containsExactly("h2", "http/1.1");
      assertThat(profile.features().alpn()).isEqualTo(Finding.yes("application_layer_protocol_negotiation chose h2"
          + " in the TLSv1.2 ServerHello; by elimination over " + AlpnScan.CANDIDATES.size() + " candidates it"
          + " accepts h2, http/1.1, in its own order"));
      assertThat(profile.connections()).isEqualTo(relay.connections());
    }
  }

  @Test
  void findsTheServersOrderEvenWhenItIsNotTheCandidatesOrder() {
    try (OpensslServer server = OpensslServer.www(dir, cert, key, "-alpn", "http/1.1,acme-tls/1,h2")) {
      ServerFeatures f = scan(server).features();

      assertThat(f.applicationProtocols()).containsExactly("http/1.1", "acme-tls/1", "h2");
      assertThat(f.alpn().evidence()).endsWith("in its own order");
    }
  }

  @Test
  void findsEncryptThenMacAndFallbackScsvOnALegacyCbcServerAsSslscanFindsFallbackAndRenegotiation()
      throws Exception {
    try (OpensslServer server = legacy()) {
      Versus v = Versus.run("legacy TLS 1.0-1.2, CBC", server.port(), b -> b);
      ServerFeatures f = v.ours().features();

      assertThat(f.encryptThenMac().isYes()).as(f.encryptThenMac().evidence()).isTrue();
      assertThat(f.fallbackScsv()).isEqualTo(Finding.yes("alert inappropriate_fallback to a TLSv1.1 hello with"
          + " TLS_FALLBACK_SCSV (the server accepts TLSv1.2)"));
      assertThat(f.secureRenegotiation().isYes()).isTrue();
      assertSameAsSslscan(f, v.theirs());
    }
  }

  @Test
  void findsNoEncryptThenMacWhenTheServerTurnsItOff() {
    try (OpensslServer server = legacy("-no_etm")) {
      Finding etm = scan(server).features().encryptThenMac();

      assertThat(etm.support()).isEqualTo(Support.NO);
      assertThat(etm.evidence()).startsWith("no encrypt_then_mac in the TLSv1.2 ServerHello choosing TLS_")
          .contains("_CBC_");
    }
  }

  @Test
  void saysNotApplicableWithTheReasonAndReadsTheEncryptedAnswersOnATls13OnlyServer() throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, cert, key, "-tls1_3", "-alpn", "h2")) {
      Versus v = Versus.run("TLS 1.3 only", server.port(), b -> b);
      ServerFeatures f = v.ours().features();

      assertThat(List.of(f.compression(), f.secureRenegotiation(), f.fallbackScsv(), f.extendedMasterSecret(),
          f.encryptThenMac())).extracting(Finding::support).containsOnly(Support.NOT_APPLICABLE);
      assertThat(f.fallbackScsv().evidence())
          .isEqualTo("the server accepts only TLSv1.3: there is no lower version to fall back to");
      // s_server sends two tickets after the client's Finished, lifetime 7200 s (SSL_CTX_set_timeout's default)
      assertThat(f.sessionTickets().support()).isEqualTo(Support.YES);
      assertThat(f.sessionTickets().evidence()).startsWith("a TLSv1.3 NewSessionTicket after the handshake: lifetime"
          + " 7200 s, ");
      assertThat(f.alpn()).isEqualTo(Finding.yes("application_layer_protocol_negotiation chose h2 in the TLSv1.3"
          + " EncryptedExtensions; by elimination over " + AlpnScan.CANDIDATES.size() + " candidates it accepts h2"));
      assertThat(f.heartbeat()).isEqualTo(Finding.no("no heartbeat in the TLSv1.3 EncryptedExtensions to a hello"
          + " offering it"));
      assertThat(f.ocspStapling()).isEqualTo(Finding.no("no status_request in the leaf's CertificateEntry of the"
          + " TLSv1.3 Certificate to a hello offering it"));
      // not applicable is sslscan's "not supported": it asked over TLS 1.3
      assertThat(v.theirs().feature("renegotiation.supported")).contains("0");
      // sslscan says the server supports the SCSV: its downgraded TLS 1.2 hello was refused, as every TLS 1.2 hello
      // is here (protocol_version), and it takes any refusal for inappropriate_fallback. There is nothing to fall to.
      assertThat(v.theirs().feature("fallback.supported")).contains("1");
      assertThat(v.ours().accepts(TlsProtocol.TLSv1_2)).isFalse();
    }
  }

  @Test
  void costsTwoConnectionsOnAServerWithoutAlpnOrCbc() throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, cert, key, "-cipher",
        "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305", "-min_protocol", "TLSv1.2")) {
      ServerProfile profile = scan(server);
      ScanOptions options = ScanOptions.builder("127.0.0.1", server.port()).build();
      Connector connector = new Connector(options, new InetSocketAddress(InetAddress.getLoopbackAddress(),
          server.port()), System.nanoTime());

      FeatureScan.Result again = new FeatureScan(connector, Hellos.create(Optional.empty(), new SecureRandom()),
          profile.protocols()).run();

      // the feature hello and the fallback hello; encrypt-then-MAC is not applicable: no CBC suite
      assertThat(connector.connections()).isEqualTo(2);
      assertThat(again.features().encryptThenMac().support()).isEqualTo(Support.NOT_APPLICABLE);
      assertThat(again.features()).isEqualTo(profile.features());
      assertThat(again.gap()).isEmpty();
    }
  }

  /** Where sslscan printed renegotiation and fallback for a server whose newest version is TLS 1.2: the same. */
  static void assertSameAsSslscan(ServerFeatures ours, Sslscan theirs) {
    assertThat(theirs.feature("renegotiation.secure").map("1"::equals))
        .as("sslscan's secure renegotiation vs ours: %s%n%s", ours.secureRenegotiation(), theirs.xml())
        .contains(ours.secureRenegotiation().isYes());
    assertThat(theirs.feature("fallback.supported").map("1"::equals))
        .as("sslscan's fallback SCSV vs ours: %s%n%s", ours.fallbackScsv(), theirs.xml())
        .contains(ours.fallbackScsv().isYes());
    // not vulnerable to Heartbleed is all sslscan says; ours: the server does not even answer the extension
    assertThat(theirs.feature("heartbleed.vulnerable")).contains("0");
    assertThat(ours.heartbeat().support()).isEqualTo(Support.NO);
  }

  private static OpensslServer legacy(String... more) {
    List<String> options = new java.util.ArrayList<>(List.of("-cipher", "ALL:@SECLEVEL=0", "-min_protocol", "TLSv1",
        "-max_protocol", "TLSv1.2"));
    options.addAll(List.of(more));
    return OpensslServer.www(dir, cert, key, options.toArray(String[]::new));
  }

  private static ServerProfile scan(OpensslServer server) {
    ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", server.port()).build());
    assertThat(profile.isComplete()).as(profile.render()).isTrue();
    return profile;
  }

  /** The OCSP fixture of {@link OcspFixture}, made once in {@link #dir}. */
  private static Path ocspResponse() throws Exception {
    if (ocspResponse == null) {
      ocspResponse = OcspFixture.make(dir);
    }
    return ocspResponse;
  }
}
