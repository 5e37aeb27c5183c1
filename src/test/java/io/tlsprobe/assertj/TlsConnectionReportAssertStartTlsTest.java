package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.StartTlsFixtures.message;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.testing.SmtpFront;
import io.tlsprobe.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The STARTTLS and implicit-TLS assertions of {@link TlsConnectionReportAssert} (in {@link
 * AbstractTlsConnectionReportAssert}), on real reports: the probe against in-process SMTP fronts and a direct JSSE
 * server.
 */
class TlsConnectionReportAssertStartTlsTest {
  private static final String NL = System.lineSeparator();

  private static TlsConnectionReport hardened;
  private static TlsConnectionReport injectable;
  private static TlsConnectionReport notAdvertised;
  private static TlsConnectionReport direct;

  @BeforeAll
  static void probe() throws Exception {
    hardened = StartTlsFixtures.probe(SmtpFront.builder().offerAuthBeforeTls(false));
    injectable = StartTlsFixtures.probe(SmtpFront.builder().answerInjectedCommands(true));
    notAdvertised = StartTlsFixtures.probe(SmtpFront.builder().advertiseStartTls(false));
    try (JsseTestServer server = JsseTestServer.builder(TestCertificates.localhost()).start()) {
      direct = TlsProbes.probe("127.0.0.1", server.port());
    }
  }

  @Test
  void readsAsTheIssueShowsIt() {
    assertThat(hardened)
        .usesProtocolAtLeast(TlsProtocol.TLSv1_2)
        .hasForwardSecrecy()
        .plainTextPhase()
        .advertisedStartTls()
        .offeredNoAuthenticationBeforeTls();
  }

  @Nested
  class HowTlsStarted {

    @Test
    void usesImplicitTlsPassesForDirectTlsOnly() {
      assertThat(direct).isEstablished().usesImplicitTls();

      assertThatThrownBy(() -> assertThat(hardened).usesImplicitTls())
          .hasMessageContaining("but it used:" + NL + "  starttls:smtp" + NL + "Connection: " + hardened.summary());
    }

    @Test
    void usesStartTlsPassesForAnUpgradeInAnyDialect() {
      assertThat(hardened).isEstablished().usesStartTls();

      assertThatThrownBy(() -> assertThat(direct).usesStartTls())
          .hasMessageStartingWith(message("Expecting TLS connection to upgrade with STARTTLS", "but it used:",
              "  direct"));
    }

    @Test
    void usesStartTlsWithADialectHandsBothConnectionNamesToTheIde() {
      assertThat(hardened).usesStartTls(StartTls.SMTP);

      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertThat(hardened).usesStartTls(StartTls.IMAP));
      assertThat(error.getActual().getValue()).isEqualTo("starttls:smtp");
      assertThat(error.getExpected().getValue()).isEqualTo("starttls:imap");
      assertThatThrownBy(() -> assertThat(direct).usesStartTls(StartTls.SMTP))
          .hasMessageContaining("but it used:" + NL + "  direct");
    }

    @Test
    void usesStartTlsRefusesNone() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(direct).usesStartTls(StartTls.NONE))
          .withMessage("StartTls.NONE is not a STARTTLS dialect: use usesImplicitTls()");
    }

    @Test
    void failedStartTlsPassesWhenThePlainTextPhaseNeverReachedTls() {
      assertThat(notAdvertised).failedStartTls().isNotEstablished();

      assertThatThrownBy(() -> assertThat(hardened).failedStartTls())
          .hasMessageContaining("but the connection ended with:" + NL + "  established: handshake completed");
      assertThatThrownBy(() -> assertThat(direct).failedStartTls())
          .hasMessageContaining("Expecting the STARTTLS upgrade to have failed");
    }
  }

  @Nested
  class Injection {

    @Test
    void passesForAServerThatDiscardsThePipelinedCommand() {
      assertThat(hardened).isNotVulnerableToStartTlsInjection();
    }

    @Test
    void catchesTheBuggyFrontQuotingTheCheck() {
      AssertionError error = catchThrowableOfType(AssertionError.class,
          () -> assertThat(injectable).isNotVulnerableToStartTlsInjection());

      assertThat(error.getMessage())
          .startsWith(message(
              "Expecting the server not to be vulnerable to STARTTLS command injection (CVE-2011-0411)",
              "but it was: the server answered NOOP, sent in clear with the upgrade command, inside TLS",
              "Injection check transcript (NOOP pipelined with the upgrade command, "))
          .containsSubsequence("  C: STARTTLS", "  C: NOOP", "  S (tls): 250 2.0.0 Ok")
          .endsWith("Connection: " + injectable.summary());
    }

    @Test
    void failsWhenTheCheckWasNotRunOrInconclusive() {
      PlainTextPhase inconclusive = StartTlsFixtures.withInjection(InjectionVerdict.INCONCLUSIVE,
          "the TLS handshake on the check connection failed: peer closed");

      assertThatThrownBy(() -> assertThat(notAdvertised).isNotVulnerableToStartTlsInjection())
          .hasMessageContaining("but the check was not run");
      assertThatThrownBy(() -> assertThat(StartTlsFixtures.smtpReport(inconclusive))
              .isNotVulnerableToStartTlsInjection())
          .hasMessageContaining("but the check was inconclusive: the TLS handshake on the check connection failed");
    }

    @Test
    void failsOnDirectTlsSayingSo() {
      assertThatThrownBy(() -> assertThat(direct).isNotVulnerableToStartTlsInjection())
          .hasMessage(message(
              "Expecting a STARTTLS connection with a plain-text phase",
              "but " + direct.endpoint() + " was direct TLS",
              "Connection: " + direct.summary()));
    }
  }

  @Nested
  class Navigation {

    @Test
    void plainTextPhaseFailsOnDirectTlsShowingTheReport() {
      assertThatThrownBy(() -> assertThat(Fixtures.tls13()).plainTextPhase())
          .isInstanceOf(AssertionError.class)
          .hasMessage(message(
              "Expecting a STARTTLS connection with a plain-text phase",
              "but localhost:8443 (direct) was direct TLS",
              "Connection: " + Fixtures.TLS13_SUMMARY));
    }

    @Test
    void theNavigatedAssertShowsTheConnectionAndKeepsTheDescription() {
      assertThatThrownBy(() -> assertThat(StartTlsFixtures.smtpReport()).as("submission").plainTextPhase()
              .offeredNoAuthenticationBeforeTls())
          .hasMessageStartingWith("[submission] "
              + message("Expecting the server to offer no authentication before TLS"))
          .hasMessageEndingWith("Connection: " + StartTlsFixtures.SMTP_SUMMARY);
    }

    @Test
    void navigatesToThePhaseOfTheReport() {
      PlainTextPhaseAssert navigated = assertThat(hardened).plainTextPhase();

      assertThat(navigated).isInstanceOf(PlainTextPhaseAssert.class);
      navigated.isEqualTo(hardened.plainTextPhase().orElseThrow());
    }
  }
}
