package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.TestTls;
import io.tlsprobe.testing.daemons.SlapdServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LDAP StartTLS and LDAPS against OpenLDAP's slapd (GnuTLS), compared with {@code openssl s_client}. */
class SlapdStartTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  private static HeldCertificate cert;
  @AutoClose
  private static SlapdServer slapd;
  @AutoClose
  private static SlapdServer withoutTls;

  @BeforeAll
  static void startSlapd() {
    Interop.requireCommand("openssl");
    cert = TestCertificates.localhost();
    slapd = SlapdServer.start(dir.resolve("tls"), cert);
    withoutTls = SlapdServer.startWithoutTls(dir.resolve("plain"));
  }

  @Test
  void startTlsNegotiatesWhatOpensslNegotiates() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.LDAP, "127.0.0.1");
    SSLSession session;
    try (Socket socket = connect(slapd.ldapPort())) {
      client.upgrade(PlainTextChannel.of(socket));
      try (SSLSocket tls = overTls(socket, slapd.ldapPort())) {
        session = tls.getSession();
        client.afterTls(PlainTextChannel.of(tls));
      }
    }
    OpensslClientView openssl = OpensslClientView.connect(slapd.ldapPort(), "-starttls", "ldap");

    assertThat(client.phase().upgraded()).isTrue();
    assertThat(client.phase().startTlsAdvertised()).contains(true);
    assertThat(client.phase().capabilitiesBefore()).contains("supportedExtension: " + LdapMessages.START_TLS_OID);
    assertThat(client.phase().capabilitiesAfter()).as(client.phase().transcriptText())
        .anyMatch(c -> c.startsWith("supportedExtension: "));
    openssl.assertSameProtocolAndSuite(session);
  }

  @Test
  void recordsSaslMechanismsOfferedBeforeTls() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.LDAP, "127.0.0.1");
    try (Socket socket = connect(slapd.ldapPort())) {
      client.upgrade(PlainTextChannel.of(socket));
    }

    // Debian's slapd links Cyrus SASL: SCRAM, DIGEST-MD5, … are listed in the root DSE to anonymous clients
    assertThat(client.phase().capabilitiesBefore()).as(client.phase().transcriptText())
        .anyMatch(c -> c.startsWith("supportedSASLMechanisms: "));
    assertThat(client.phase().plainTextAuthenticationOffered()).contains(true);
    assertThat(client.phase().authenticationEvidence()).singleElement().asString()
        .startsWith("supportedSASLMechanisms ").endsWith(" in the root DSE before TLS");
  }

  @Test
  void implicitLdapsNegotiatesWhatOpensslNegotiates() throws Exception {
    int port = slapd.ldapsPort().orElseThrow();
    SSLSession session;
    try (Socket socket = connect(port); SSLSocket tls = overTls(socket, port)) {
      session = tls.getSession();
    }
    OpensslClientView openssl = OpensslClientView.connect(port);

    openssl.assertSameProtocolAndSuite(session);
  }

  @Test
  void slapdWithoutTlsRefusesStartTlsWithItsResultCode() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.LDAP, "127.0.0.1");
    long start = System.nanoTime();
    StartTlsException e;
    try (Socket socket = connect(withoutTls.ldapPort())) {
      e = catchThrowableOfType(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(socket)));
    }

    assertThat(e).as("StartTLS against slapd without TLS should fail").isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
    assertThat(e.getMessage()).isEqualTo("server refused StartTLS: protocolError (2) \"unsupported extended"
        + " operation\"; its root DSE did not list 1.3.6.1.4.1.1466.20037 among supportedExtension: "
        + String.join(", ", e.phase().capabilitiesBefore().stream()
            .filter(c -> c.startsWith("supportedExtension: ")).map(c -> c.substring(20)).toList()));
    assertThat(e.phase().startTlsAdvertised()).contains(false);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void probeThroughStartTlsReportsWhatOpensslNegotiates() {
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", slapd.ldapPort())
        .startTls(StartTls.LDAP).timeout(Duration.ofSeconds(10)).build());
    OpensslClientView openssl = OpensslClientView.connect(slapd.ldapPort(), "-starttls", "ldap");

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(report.endpoint().connection()).isEqualTo("starttls:ldap");
    openssl.assertSameProtocolAndSuite(report);
    PlainTextPhase phase = report.plainTextPhase().orElseThrow();
    assertThat(phase.upgraded()).isTrue();
    assertThat(phase.injection()).isEmpty();
    assertThat(phase.startTlsAdvertised()).contains(true);
    assertThat(phase.capabilitiesAfter()).as(phase.transcriptText()).anyMatch(c -> c.startsWith("supportedExtension: "));
  }

  @Test
  void probeOfAServerRefusingTlsIsAStartTlsFailure() {
    long start = System.nanoTime();
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", withoutTls.ldapPort())
        .startTls(StartTls.LDAP).timeout(Duration.ofSeconds(10)).build());

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.STARTTLS_FAILED);
    assertThat(report.outcome().reason()).startsWith("server refused StartTLS: protocolError (2) \"unsupported extended operation\"");
    assertThat(report.plainTextPhase().orElseThrow().upgraded()).isFalse();
    assertThat(report.protocol()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void probeOfLdapsReportsWhatOpensslNegotiates() {
    int port = slapd.ldapsPort().orElseThrow();
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", port)
        .timeout(Duration.ofSeconds(10)).build());
    OpensslClientView openssl = OpensslClientView.connect(port);

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(report.endpoint().connection()).isEqualTo("direct");
    openssl.assertSameProtocolAndSuite(report);
    assertThat(report.plainTextPhase()).isEmpty();
  }

  private static Socket connect(int port) throws IOException {
    return UpgradedSession.connect(port, TIMEOUT);
  }

  /** A TLS client over {@code socket}, trusting {@link #cert} alone, handshake done. */
  private static SSLSocket overTls(Socket socket, int port) throws IOException {
    return TestTls.startTls(TestTls.trusting(cert), socket, "127.0.0.1", port);
  }
}
