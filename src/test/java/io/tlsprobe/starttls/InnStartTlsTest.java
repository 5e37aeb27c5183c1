package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.ServiceDiscovery;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.PlainTextPhase.Line;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.daemons.InnServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NNTP dialect against real INN ({@code nnrpd} of Debian's inn2 2.7, OpenSSL 3): {@code STARTTLS} (RFC 4642) and
 * NNTPS on an implicit port, the negotiated protocol and suite compared with {@code openssl s_client}'s, the
 * capabilities before and after TLS, and the injection check.
 */
class InnStartTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir
  static Path dir;

  @AutoClose
  private static InnServer inn;

  @BeforeAll
  static void start() {
    inn = InnServer.start(dir, TestCertificates.localhost());
  }

  @Test
  void startTlsUpgradesAndNegotiatesWhatOpensslNegotiates() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.NNTP, "localhost");
    SSLSession session;
    try (UpgradedSession upgraded = UpgradedSession.open(client, inn.startTlsPort(), TIMEOUT)) {
      session = upgraded.session();
    }
    OpensslClientView openssl = OpensslClientView.connect(inn.startTlsPort(), "-starttls", "nntp");

    openssl.assertSameProtocolAndSuite(session);
    PlainTextPhase phase = client.phase();
    // readers.conf grants read access only: 201, no posting
    assertThat(phase.greeting())
        .hasValueSatisfying(g -> assertThat(g).startsWith("201 news.tlsprobe.invalid InterNetNews NNRP server INN "));
    assertThat(phase.capabilitiesBefore()).contains("VERSION 2", "STARTTLS").doesNotContain("AUTHINFO USER SASL");
    assertThat(phase.startTlsAdvertised()).contains(true);
    assertThat(phase.upgraded()).isTrue();
    assertThat(phase.transcript()).map(Line::toString).contains("S: 382 Begin TLS negotiation now");
    // inside TLS INN adds AUTHINFO USER and the SASL PLAIN mechanism, and no longer offers STARTTLS
    assertThat(phase.capabilitiesAfter()).contains("VERSION 2", "AUTHINFO USER SASL").doesNotContain("STARTTLS");
  }

  @Test
  void innOffersSaslButNotUserPasswordsBeforeTls() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.NNTP, "localhost");
    try (UpgradedSession upgraded = UpgradedSession.open(client, inn.startTlsPort(), TIMEOUT)) {
      assertThat(upgraded.session().isValid()).isTrue();
    }
    PlainTextPhase phase = client.phase();

    assertThat(phase.plainTextAuthenticationOffered()).contains(true);
    assertThat(phase.authenticationEvidence()).first().isEqualTo("AUTHINFO SASL in CAPABILITIES before TLS");
    assertThat(phase.authenticationEvidence()).element(1).asString().startsWith("SASL ").doesNotContain(" PLAIN");
  }

  @Test
  void nntpsNegotiatesWhatOpensslNegotiatesAndGreetsInsideTls() throws Exception {
    String greeting;
    SSLSession session;
    try (Socket plain = UpgradedSession.connect(inn.implicitPort(), TIMEOUT);
        SSLSocket tls = UpgradedSession.handshake(plain, inn.implicitPort())) {
      session = tls.getSession();
      greeting = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
    OpensslClientView openssl = OpensslClientView.connect(inn.implicitPort());

    assertThat(greeting).startsWith("201 news.tlsprobe.invalid InterNetNews NNRP server INN ");
    openssl.assertSameProtocolAndSuite(session);
  }

  @Test
  void innDiscardsADatePipelinedWithStartTls() throws Exception {
    StartTlsClient client = StartTlsClient.injectionCheck(StartTls.NNTP, "localhost");
    try (UpgradedSession upgraded = UpgradedSession.open(client, inn.startTlsPort(), TIMEOUT)) {
      assertThat(upgraded.session().isValid()).isTrue();
    }
    InjectionCheck check = client.injectionResult("unreachable: the session was opened");

    assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    assertThat(check.transcript()).map(Line::toString).containsSubsequence("C: STARTTLS", "C: DATE",
        "S: 382 Begin TLS negotiation now", "C (tls): CAPABILITIES", "S (tls): 101 Capability list:");
  }

  @Test
  void probeThroughStartTlsReportsThePlainTextPhaseAndWhatOpensslNegotiates() {
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", inn.startTlsPort())
        .startTls(StartTls.NNTP).timeout(TIMEOUT).build());
    OpensslClientView openssl = OpensslClientView.connect(inn.startTlsPort(), "-starttls", "nntp");

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(report.endpoint().connection()).isEqualTo("starttls:nntp");
    openssl.assertSameProtocolAndSuite(report);
    PlainTextPhase phase = report.plainTextPhase().orElseThrow();
    assertThat(phase.startTlsAdvertised()).contains(true);
    assertThat(phase.capabilitiesAfter()).contains("AUTHINFO USER SASL");
    InjectionCheck injection = phase.injection().orElseThrow();
    assertThat(injection.verdict()).as(injection.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
  }

  @Test
  void probeOfTheNntpsPortIsDirectTlsAsOpensslSeesIt() {
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", inn.implicitPort())
        .timeout(TIMEOUT).build());
    OpensslClientView openssl = OpensslClientView.connect(inn.implicitPort());

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(report.endpoint().connection()).isEqualTo("direct");
    openssl.assertSameProtocolAndSuite(report);
  }

  @Test
  void discoveryFindsBothTheUpgradeAndTheImplicitPort() {
    ProbeOptions options = ProbeOptions.builder("127.0.0.1", 1).timeout(TIMEOUT).startTlsInjectionCheck(false).build();

    ServiceDiscovery found = TlsProbes.discover(options, ServiceProtocol.NNTP, inn.startTlsPort(), inn.implicitPort());

    assertThat(found.offersStartTls()).as(found.toString()).isTrue();
    assertThat(found.offersImplicitTls()).as(found.toString()).isTrue();
    assertThat(found.startTls().orElseThrow().endpoint().connection()).isEqualTo("starttls:nntp");
    assertThat(found.implicitTls().orElseThrow().endpoint().connection()).isEqualTo("direct");
  }
}
