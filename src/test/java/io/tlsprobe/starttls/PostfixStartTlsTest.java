package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.ServiceDiscovery;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.daemons.PostfixServer;
import io.tlsprobe.testing.daemons.PostfixServer.Authentication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP dialect against a real postfix started by the test: STARTTLS on the submission-style port and TLS from the
 * first byte on the wrapper-mode port, each negotiating what {@code openssl s_client} negotiates; the EHLO extensions
 * in clear and inside TLS; AUTH only inside TLS ({@code smtpd_tls_auth_only}) versus in clear; the injection check;
 * and a postfix without STARTTLS ({@code smtpd_tls_security_level = none}). First with {@link StartTlsClient} over a
 * socket and JSSE, then end to end through {@link TlsProbes#probe(ProbeOptions)}.
 */
class PostfixStartTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration MARGIN = Duration.ofMillis(1500);

  @TempDir static Path dir;
  /** {@code may}, AUTH only inside TLS. */
  private static PostfixServer postfix;
  /** {@code none}: no STARTTLS; AUTH in clear. */
  private static PostfixServer plainOnly;
  /** {@code encrypt} with TLS 1.3 only ({@code smtpd_tls_mandatory_protocols}). */
  private static PostfixServer strict;

  @BeforeAll
  static void startPostfix() {
    HeldCertificate cert = TestCertificates.localhost();
    postfix = PostfixServer.builder().authentication(Authentication.TLS_ONLY).start(dir.resolve("may"), cert);
    plainOnly = PostfixServer.builder().securityLevel("none").authentication(Authentication.BEFORE_TLS)
        .start(dir.resolve("none"), cert);
    strict = PostfixServer.builder().securityLevel("encrypt").set("smtpd_tls_mandatory_protocols", ">=TLSv1.3")
        .start(dir.resolve("encrypt"), cert);
  }

  @AfterAll
  static void stopPostfix() {
    if (postfix != null) {
      postfix.close();
    }
    if (plainOnly != null) {
      plainOnly.close();
    }
    if (strict != null) {
      strict.close();
    }
  }

  @Nested
  class WithStartTlsClient {
    @Test
    void upgradesAndNegotiatesWhatOpensslNegotiates() throws Exception {
      // given
      OpensslClientView openssl = OpensslClientView.connect(postfix.startTlsPort(), "-starttls", "smtp");
      StartTlsClient client = StartTlsClient.of(StartTls.SMTP, "127.0.0.1");
      // when
      SSLSession session;
      try (Socket socket = connect(postfix.startTlsPort())) {
        client.upgrade(PlainTextChannel.of(socket));
        try (SSLSocket tls = TrustingJsseClient.handshake(socket, postfix.startTlsPort())) {
          session = tls.getSession();
          client.afterTls(PlainTextChannel.of(tls));
        }
      }
      // then
      assertThat(openssl.protocol()).as(openssl.output()).isPresent();
      assertThat(TlsProtocol.fromJsseName(session.getProtocol())).isEqualTo(openssl.protocol());
      assertThat(CipherSuite.byName(session.getCipherSuite())).isEqualTo(openssl.cipherSuite());
      PlainTextPhase phase = client.phase();
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.greeting()).hasValue("220 " + PostfixServer.HOST_NAME + " ESMTP Postfix");
      assertThat(phase.capabilitiesBefore()).as(phase.transcriptText()).contains("STARTTLS", "PIPELINING")
          .noneMatch(e -> e.startsWith("AUTH"));
      assertThat(phase.capabilitiesAfter()).as(phase.transcriptText()).contains("PIPELINING", "AUTH PLAIN LOGIN")
          .doesNotContain("STARTTLS");
      assertThat(phase.startTlsAdvertised()).hasValue(true);
      assertThat(phase.plainTextAuthenticationOffered()).as("smtpd_tls_auth_only = yes").hasValue(false);
      assertThat(phase.authenticationEvidence()).isEmpty();
    }

    @Test
    void implicitTlsPortNegotiatesWhatOpensslNegotiates() throws Exception {
      OpensslClientView openssl = OpensslClientView.connect(postfix.implicitTlsPort());
      try (Socket socket = connect(postfix.implicitTlsPort());
          SSLSocket tls = TrustingJsseClient.handshake(socket, postfix.implicitTlsPort())) {
        StartTlsClient client = StartTlsClient.of(StartTls.SMTP, "127.0.0.1");
        SSLSession session = tls.getSession();
        assertThat(openssl.protocol()).as(openssl.output()).isPresent();
        assertThat(TlsProtocol.fromJsseName(session.getProtocol())).isEqualTo(openssl.protocol());
        assertThat(CipherSuite.byName(session.getCipherSuite())).isEqualTo(openssl.cipherSuite());
        StartTlsException e = assertThrows(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(tls)));
        assertThat(e.reason()).as("no second STARTTLS inside TLS").isEqualTo(Reason.NOT_ADVERTISED);
        assertThat(e.phase().greeting()).as("postfix greets inside TLS")
            .hasValue("220 " + PostfixServer.HOST_NAME + " ESMTP Postfix");
        assertThat(e.phase().capabilitiesBefore()).contains("AUTH PLAIN LOGIN");
      }
    }

    @Test
    void findsPostfixNotVulnerableToStartTlsCommandInjection() throws Exception {
      StartTlsClient client = StartTlsClient.injectionCheck(StartTls.SMTP, "127.0.0.1");
      try (Socket socket = connect(postfix.startTlsPort())) {
        client.upgrade(PlainTextChannel.of(socket));
        try (SSLSocket tls = TrustingJsseClient.handshake(socket, postfix.startTlsPort())) {
          client.afterTls(PlainTextChannel.of(tls));
        }
      }
      InjectionCheck check = client.injectionResult("TLS did not start");
      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
      assertThat(check.transcript()).filteredOn(l -> !l.overTls()).extracting(l -> l.text())
          .containsSubsequence("STARTTLS", "NOOP", "220 2.0.0 Ready to start TLS");
      assertThat(check.transcript()).filteredOn(l -> l.overTls()).extracting(l -> l.text())
          .startsWith("EHLO tlsprobe.invalid", "250-" + PostfixServer.HOST_NAME);
    }

    @Test
    void postfixWithoutTlsDoesNotAdvertiseStartTlsButOffersAuthInClear() throws Exception {
      StartTlsClient client = StartTlsClient.of(StartTls.SMTP, "127.0.0.1");
      StartTlsException e;
      try (Socket socket = connect(plainOnly.startTlsPort())) {
        e = assertThrows(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(socket)));
      }
      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e.getMessage()).startsWith("server did not advertise STARTTLS; extensions were: PIPELINING, ")
          .contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS,");
      assertThat(e.phase().plainTextAuthenticationOffered()).hasValue(true);
      assertThat(e.phase().authenticationEvidence()).containsExactly("AUTH PLAIN LOGIN in the EHLO reply before TLS");
    }

    @Test
    void aStartTlsClientOnTheImplicitPortStopsWithinTheTimeout() throws Exception {
      StartTlsClient client = StartTlsClient.of(StartTls.SMTP, "127.0.0.1");
      long start = System.nanoTime();
      StartTlsException e;
      try (Socket socket = connect(postfix.implicitTlsPort())) {
        e = assertThrows(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(socket)));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e).hasMessage("server sent nothing while we awaited the server's greeting (Read timed out)");
      assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plus(MARGIN));
    }
  }

  @Nested
  class ThroughTheProbe {
    @Test
    void probesStartTlsAndNegotiatesWhatOpensslNegotiates() {
      OpensslClientView openssl = OpensslClientView.connect(postfix.startTlsPort(), "-starttls", "smtp");
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", postfix.startTlsPort())
          .startTls(StartTls.SMTP).timeout(Duration.ofSeconds(10)).build());
      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
      assertThat(report.endpoint().connection()).isEqualTo("starttls:smtp");
      assertThat(openssl.protocol()).as(openssl.output()).isPresent();
      assertThat(report.protocol()).isEqualTo(openssl.protocol());
      assertThat(report.cipherSuite()).isEqualTo(openssl.cipherSuite());
      PlainTextPhase phase = report.plainTextPhase().orElseThrow();
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.capabilitiesBefore()).contains("STARTTLS");
      assertThat(phase.capabilitiesAfter()).as(phase.transcriptText()).contains("AUTH PLAIN LOGIN")
          .doesNotContain("STARTTLS");
      assertThat(phase.plainTextAuthenticationOffered()).hasValue(false);
      assertThat(phase.injection()).as(phase.toString()).map(InjectionCheck::verdict)
          .hasValue(InjectionVerdict.NOT_VULNERABLE);
    }

    @Test
    void probesStartTlsAtTls12AndNegotiatesWhatOpensslNegotiates() {
      OpensslClientView openssl = OpensslClientView.connect(postfix.startTlsPort(), "-starttls", "smtp", "-tls1_2");
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", postfix.startTlsPort())
          .startTls(StartTls.SMTP).protocols("TLSv1.2").startTlsInjectionCheck(false)
          .timeout(Duration.ofSeconds(10)).build());
      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
      assertThat(report.protocol()).hasValue(TlsProtocol.TLSv1_2).isEqualTo(openssl.protocol());
      assertThat(report.cipherSuite()).as(openssl.output()).isEqualTo(openssl.cipherSuite());
      assertThat(report.plainTextPhase().orElseThrow().injection()).isEmpty();
    }

    @Test
    void probesTheImplicitPortDirectlyAndNegotiatesWhatOpensslNegotiates() {
      OpensslClientView openssl = OpensslClientView.connect(postfix.implicitTlsPort());
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", postfix.implicitTlsPort())
          .timeout(Duration.ofSeconds(10)).build());
      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
      assertThat(report.endpoint().connection()).isEqualTo("direct");
      assertThat(report.protocol()).as(openssl.output()).isPresent().isEqualTo(openssl.protocol());
      assertThat(report.cipherSuite()).isEqualTo(openssl.cipherSuite());
      assertThat(report.plainTextPhase()).isEmpty();
    }

    @Test
    void discoveryFindsStartTlsAndImplicitTlsAndSaysWhyWhenThePortsAreSwapped() {
      ProbeOptions options = ProbeOptions.builder("127.0.0.1", 1).timeout(Duration.ofSeconds(3)).build();
      ServiceDiscovery found = TlsProbes.discover(options, ServiceProtocol.SUBMISSION, postfix.startTlsPort(),
          postfix.implicitTlsPort());
      ServiceDiscovery swapped = TlsProbes.discover(options, ServiceProtocol.SUBMISSION, postfix.implicitTlsPort(),
          postfix.startTlsPort());
      assertThat(found.offersStartTls()).as(found.toString()).isTrue();
      assertThat(found.offersImplicitTls()).as(found.toString()).isTrue();
      assertThat(swapped.offersStartTls()).as(swapped.toString()).isFalse();
      assertThat(swapped.offersImplicitTls()).as(swapped.toString()).isFalse();
      assertThat(swapped.startTls().orElseThrow().outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(swapped.implicitTls().orElseThrow().outcome().kind()).isNotEqualTo(Kind.ESTABLISHED);
    }

    @Test
    void postfixWithoutTlsIsAStartTlsFailureNamingItsExtensions() {
      long start = System.nanoTime();
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", plainOnly.startTlsPort())
          .startTls(StartTls.SMTP).timeout(Duration.ofSeconds(10)).build());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(report.outcome().reason()).startsWith("server did not advertise STARTTLS; extensions were: ")
          .contains("PIPELINING", "AUTH PLAIN LOGIN", "8BITMIME");
      PlainTextPhase phase = report.plainTextPhase().orElseThrow();
      assertThat(phase.upgraded()).isFalse();
      assertThat(phase.startTlsAdvertised()).hasValue(false);
      assertThat(phase.plainTextAuthenticationOffered()).hasValue(true);
      assertThat(report.protocol()).isEmpty();
      assertThat(elapsed).as("a refusal is an answer, not a timeout").isLessThan(Duration.ofSeconds(3));
    }
  }

  @Nested
  class WithEncryptAndTls13Only {
    @Test
    void offersStartTlsButNoTls12AndTheProbeAgreesWithOpenssl() {
      // given
      OpensslClientView openssl12 = OpensslClientView.connect(strict.startTlsPort(), "-starttls", "smtp", "-tls1_2");
      OpensslClientView openssl = OpensslClientView.connect(strict.startTlsPort(), "-starttls", "smtp");
      // when
      TlsConnectionReport tls12 = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", strict.startTlsPort())
          .startTls(StartTls.SMTP).protocols("TLSv1.2").startTlsInjectionCheck(false)
          .timeout(Duration.ofSeconds(10)).build());
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", strict.startTlsPort())
          .startTls(StartTls.SMTP).timeout(Duration.ofSeconds(10)).build());
      // then
      assertThat(openssl12.cipherSuite()).as(openssl12.output()).isEmpty();
      assertThat(tls12.outcome().kind()).as(tls12.toString()).isNotIn(Kind.ESTABLISHED, Kind.STARTTLS_FAILED);
      assertThat(tls12.plainTextPhase().orElseThrow().upgraded()).as("STARTTLS itself was accepted").isTrue();
      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
      assertThat(report.protocol()).hasValue(TlsProtocol.TLSv1_3).isEqualTo(openssl.protocol());
      assertThat(report.cipherSuite()).isEqualTo(openssl.cipherSuite());
      PlainTextPhase phase = report.plainTextPhase().orElseThrow();
      assertThat(phase.capabilitiesBefore()).contains("STARTTLS");
      assertThat(phase.plainTextAuthenticationOffered()).hasValue(false);
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout((int) TIMEOUT.toMillis());
    return socket;
  }
}
