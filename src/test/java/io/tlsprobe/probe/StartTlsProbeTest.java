package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.testing.SmtpFront;
import io.tlsprobe.testing.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The probe's STARTTLS path against the in-process {@link SmtpFront}, which upgrades to JSSE: the plain-text phase in the
 * report, capabilities after TLS, refusal and silence as outcomes, and the injection check both ways.
 */
class StartTlsProbeTest {
  private static TlsConnectionReport probe(SmtpFront front) {
    return TlsProbes.probe(ProbeOptions.builder(front.host(), front.port()).startTls(StartTls.SMTP)
        .timeout(Duration.ofSeconds(5)).build());
  }

  @Test
  void reportsThePlainTextPhaseAndTheCapabilitiesAfterTls() throws Exception {
    try (SmtpFront front = SmtpFront.start()) {
      TlsConnectionReport report = probe(front);

      assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
      assertThat(report.endpoint().connection()).isEqualTo("starttls:smtp");
      assertThat(report.protocol()).contains(TlsProtocol.TLSv1_3);
      assertThat(report.clientHello()).isPresent();
      PlainTextPhase phase = report.plainTextPhase().orElseThrow();
      assertThat(phase.greeting()).contains(SmtpFront.GREETING);
      assertThat(phase.capabilitiesBefore()).containsExactly("STARTTLS", "PIPELINING", "AUTH PLAIN LOGIN");
      assertThat(phase.capabilitiesAfter()).containsExactly("PIPELINING", "AUTH PLAIN LOGIN");
      assertThat(phase.startTlsAdvertised()).contains(true);
      assertThat(phase.plainTextAuthenticationOffered()).contains(true);
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.transcript().get(0).toString()).isEqualTo("S: " + SmtpFront.GREETING);
      assertThat(phase.injection().orElseThrow().verdict()).as(phase.injection().toString())
          .isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  @Test
  void findsAServerThatAnswersAPipelinedCommandInsideTls() throws Exception {
    try (SmtpFront front = SmtpFront.builder().answerInjectedCommands(true).start()) {
      TlsConnectionReport report = probe(front);

      assertThat(report.outcome().isEstablished()).as(report.toString()).isTrue();
      PlainTextPhase.InjectionCheck check = report.plainTextPhase().orElseThrow().injection().orElseThrow();
      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
      assertThat(check.injectedCommand()).isEqualTo("NOOP");
    }
  }

  @Test
  void aServerThatDoesNotAdvertiseStartTlsIsAStartTlsFailureNamingItsExtensions() throws Exception {
    try (SmtpFront front = SmtpFront.builder().advertiseStartTls(false).start()) {
      TlsConnectionReport report = probe(front);

      assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(report.outcome().reason()).isEqualTo("server did not advertise STARTTLS; extensions were: PIPELINING, AUTH PLAIN LOGIN");
      assertThat(report.plainTextPhase().orElseThrow().upgraded()).isFalse();
      assertThat(report.protocol()).isEmpty();
    }
  }

  @Test
  void aSilentServerEndsThePlainTextPhaseWithinTheTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(HostilePeer::staySilent)) {
      long start = System.nanoTime();
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port())
          .startTls(StartTls.SMTP).handshakeTimeout(Duration.ofMillis(400)).build());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(report.outcome().reason())
          .isEqualTo("server sent nothing while we awaited the server's greeting (the STARTTLS timeout (400 ms) ran out)");
      assertThat(took).isLessThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void discoveryTellsWhichOfImplicitTlsAndStartTlsAServiceOffers() throws Exception {
    try (SmtpFront upgrade = SmtpFront.start();
        SmtpFront notAdvertised = SmtpFront.builder().advertiseStartTls(false).start();
        JsseTestServer implicit = JsseTestServer.builder(TestCertificates.localhost()).start()) {
      ProbeOptions options = ProbeOptions.builder("127.0.0.1", 1).timeout(Duration.ofSeconds(5))
          .startTlsInjectionCheck(false).build();

      ServiceDiscovery both = TlsProbes.discover(options, ServiceProtocol.SUBMISSION, upgrade.port(), implicit.port());
      ServiceDiscovery startTlsOnly = TlsProbes.discover(options, ServiceProtocol.SUBMISSION, upgrade.port(), 0);
      ServiceDiscovery implicitOnly =
          TlsProbes.discover(options, ServiceProtocol.SUBMISSION, notAdvertised.port(), implicit.port());

      assertThat(both.offersImplicitTls()).as(both.toString()).isTrue();
      assertThat(both.offersStartTls()).as(both.toString()).isTrue();
      assertThat(both.implicitTls().orElseThrow().endpoint().connection()).isEqualTo("direct");
      assertThat(both.startTls().orElseThrow().endpoint().connection()).isEqualTo("starttls:smtp");
      assertThat(startTlsOnly.implicitTls()).isEmpty();
      assertThat(implicitOnly.offersStartTls()).isFalse();
      assertThat(implicitOnly.toString()).contains("STARTTLS on " + notAdvertised.port()
          + " no (starttls_failed: server did not advertise STARTTLS");
    }
  }
}
