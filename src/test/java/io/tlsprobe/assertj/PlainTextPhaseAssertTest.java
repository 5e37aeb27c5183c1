package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.SmtpFront;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * {@link PlainTextPhaseAssert} and its {@link AbstractPlainTextPhaseAssert}: every assertion both ways, on real
 * reports of the probe against in-process SMTP fronts, and on hand-built phases for what the fronts cannot show.
 */
class PlainTextPhaseAssertTest {
  private static final String NL = System.lineSeparator();

  /** Advertises STARTTLS and AUTH before TLS, discards pipelined commands. */
  private static TlsConnectionReport authInClear;
  /** Advertises STARTTLS, no AUTH before TLS. */
  private static TlsConnectionReport hardened;
  /** Answers inside TLS a command pipelined in clear with STARTTLS. */
  private static TlsConnectionReport injectable;
  /** Does not advertise STARTTLS. */
  private static TlsConnectionReport notAdvertised;
  /** Answers STARTTLS with 454. */
  private static TlsConnectionReport refused;

  @BeforeAll
  static void probeTheFronts() throws Exception {
    authInClear = StartTlsFixtures.probe(SmtpFront.builder());
    hardened = StartTlsFixtures.probe(SmtpFront.builder().offerAuthBeforeTls(false));
    injectable = StartTlsFixtures.probe(SmtpFront.builder().answerInjectedCommands(true));
    notAdvertised = StartTlsFixtures.probe(SmtpFront.builder().advertiseStartTls(false));
    refused = StartTlsFixtures.probe(SmtpFront.builder().refuseStartTls(true));
  }

  private static PlainTextPhase phase(TlsConnectionReport report) {
    return report.plainTextPhase().orElseThrow(() -> new AssertionError("no phase in " + report));
  }

  @Test
  void failsEveryAssertionOnANullPhaseTheAssertJWay() {
    assertThatThrownBy(() -> assertThat((PlainTextPhase) null).wasUpgraded())
        .isInstanceOf(AssertionError.class)
        .hasMessage(Fixtures.message("Expecting actual not to be null"));
  }

  @Test
  void prefixesTheUserDescription() {
    assertThatThrownBy(() -> assertThat(phase(refused)).as("submission").wasUpgraded())
        .hasMessageStartingWith("[submission] " + Fixtures.message("Expecting the server to have agreed to start TLS"));
  }

  @Nested
  class Advertisement {

    @Test
    void advertisedStartTlsPassesWhenEhloListedIt() {
      assertThat(phase(authInClear)).advertisedStartTls();

      assertThatThrownBy(() -> assertThat(phase(notAdvertised)).advertisedStartTls())
          .hasMessageContaining("but its capabilities before TLS were:" + NL + "  PIPELINING" + NL
              + "  AUTH PLAIN LOGIN" + NL + "Transcript (starttls:smtp, ");
    }

    @Test
    void didNotAdvertiseStartTlsPassesForAStrippedServer() {
      assertThat(phase(notAdvertised)).didNotAdvertiseStartTls();

      assertThatThrownBy(() -> assertThat(phase(hardened)).didNotAdvertiseStartTls())
          .hasMessageContaining("but it did; its capabilities before TLS were:" + NL + "  STARTTLS");
    }

    @Test
    void bothFailWhenThePhaseCannotTell() {
      PlainTextPhase postgres = PlainTextPhase.builder("postgres").upgraded(true).build();

      assertThatThrownBy(() -> assertThat(postgres).advertisedStartTls())
          .hasMessageContaining("but whether it did is unknown: the postgres phase recorded no announcement");
      assertThatThrownBy(() -> assertThat(postgres).didNotAdvertiseStartTls())
          .hasMessageContaining("but whether it did is unknown");
    }
  }

  @Nested
  class Authentication {

    @Test
    void offeredNoAuthenticationBeforeTlsPassesForAHardenedServerAndQuotesTheEvidenceOtherwise() {
      assertThat(phase(hardened)).offeredNoAuthenticationBeforeTls();

      assertThatThrownBy(() -> assertThat(phase(authInClear)).offeredNoAuthenticationBeforeTls())
          .hasMessageContaining("but it offered authentication in clear:" + NL
              + "  AUTH PLAIN LOGIN in the EHLO reply before TLS");
    }

    @Test
    void offeredAuthenticationBeforeTlsIsTheConverse() {
      assertThat(phase(authInClear)).offeredAuthenticationBeforeTls();

      assertThatThrownBy(() -> assertThat(phase(hardened)).offeredAuthenticationBeforeTls())
          .hasMessageContaining("but it offered none");
    }

    @Test
    void bothFailWhenItIsUnknown() {
      PlainTextPhase unknown = PlainTextPhase.builder("ldap").build();

      assertThatThrownBy(() -> assertThat(unknown).offeredNoAuthenticationBeforeTls())
          .hasMessageContaining("but whether it offered any is unknown");
      assertThatThrownBy(() -> assertThat(unknown).offeredAuthenticationBeforeTls())
          .hasMessageContaining("but whether it offered any is unknown");
    }
  }

  @Nested
  class Credentials {

    @Test
    void theProbeNeverSendsCredentials() {
      for (TlsConnectionReport report : List.of(authInClear, hardened, injectable, notAdvertised, refused)) {
        assertThat(phase(report)).sentNoCredentialsBeforeTls();
      }
    }

    @Test
    void catchesAClientThatLogsInBeforeTlsWithoutRepeatingThePassword() {
      // given an IMAP client that logs in, then upgrades
      PlainTextPhase leaky = PlainTextPhase.builder("imap")
          .line(Direction.SERVER, false, "* OK IMAP4rev1 ready")
          .line(Direction.CLIENT, false, "a1 LOGIN alice s3cret")
          .line(Direction.SERVER, false, "a1 OK logged in")
          .line(Direction.CLIENT, false, "a2 STARTTLS")
          .line(Direction.SERVER, false, "a2 OK begin TLS")
          .line(Direction.CLIENT, true, "a3 LOGIN alice s3cret")
          .upgraded(true)
          .build();

      // when
      AssertionError error = catchThrowableOfType(AssertionError.class,
          () -> assertThat(leaky).sentNoCredentialsBeforeTls());

      // then
      assertThat(error).hasMessage(Fixtures.message(
          "Expecting the client to send no credentials before TLS",
          "but it sent in clear:",
          "  C: a1 LOGIN *** (a user name and password)",
          "Transcript (starttls:imap, 6 lines, credentials masked):",
          "  S: * OK IMAP4rev1 ready",
          "  C: a1 LOGIN ***",
          "  S: a1 OK logged in",
          "  C: a2 STARTTLS",
          "  S: a2 OK begin TLS",
          "  C (tls): a3 LOGIN alice s3cret",
          "Plain-text phase: starttls:imap, upgraded"));
    }

    @Test
    void failsWhenTheTranscriptWasCutOffBeforeTls() {
      PlainTextPhase.Builder builder = PlainTextPhase.builder("smtp");
      for (int i = 0; i <= PlainTextPhase.MAX_LINES; i++) {
        builder.line(Direction.CLIENT, false, "NOOP");
      }

      assertThatThrownBy(() -> assertThat(builder.build()).sentNoCredentialsBeforeTls())
          .hasMessageContaining("but the transcript was truncated at 256 lines before TLS began");
    }
  }

  @Nested
  class Upgrade {

    @Test
    void wasUpgradedPassesAfterTheGoAheadAndQuotesTheRefusalOtherwise() {
      assertThat(phase(authInClear)).wasUpgraded();

      assertThatThrownBy(() -> assertThat(refused).plainTextPhase().wasUpgraded())
          .hasMessageContaining("but it did not: starttls_failed: server refused STARTTLS: 454 4.7.0 TLS not available")
          .hasMessageContaining("  S: 454 4.7.0 TLS not available")
          .hasMessageEndingWith("Connection: " + refused.summary());
      assertThatThrownBy(() -> assertThat(phase(notAdvertised)).wasUpgraded())
          .hasMessageContaining("but it did not" + NL);
    }
  }

  @Nested
  class GreetingAndCapabilities {

    @Test
    void hasGreetingContainingLooksInTheServersFirstMessage() {
      assertThat(phase(authInClear)).hasGreetingContaining("ESMTP").hasGreetingContaining(SmtpFront.GREETING);

      assertThatThrownBy(() -> assertThat(phase(authInClear)).hasGreetingContaining("Postfix"))
          .hasMessageContaining("but it was:" + NL + "  " + SmtpFront.GREETING);
      assertThatThrownBy(() -> assertThat(PlainTextPhase.builder("smtp").build()).hasGreetingContaining("ESMTP"))
          .hasMessageContaining("but the server sent no greeting");
    }

    @Test
    void hasCapabilityBeforeTlsMatchesAKeywordWithOrWithoutItsParameters() {
      assertThat(phase(authInClear))
          .hasCapabilityBeforeTls("STARTTLS")
          .hasCapabilityBeforeTls("starttls")
          .hasCapabilityBeforeTls("AUTH")
          .hasCapabilityBeforeTls("AUTH PLAIN")
          .hasCapabilityBeforeTls("AUTH PLAIN LOGIN");

      assertThatThrownBy(() -> assertThat(phase(authInClear)).hasCapabilityBeforeTls("PIPE"))
          .hasMessageContaining("Expecting the server to announce before TLS the capability:" + NL + "  PIPE");
      assertThatThrownBy(() -> assertThat(phase(authInClear)).hasCapabilityBeforeTls("AUTH PLA"))
          .hasMessageContaining("  AUTH PLA" + NL + "but its capabilities before TLS were:");
    }

    @Test
    void matchesImapStyleCapabilities() {
      PlainTextPhase imap = PlainTextPhase.builder("imap")
          .capabilitiesBefore(List.of("IMAP4rev1", "STARTTLS", "AUTH=PLAIN", "LOGINDISABLED")).build();

      assertThat(imap).hasCapabilityBeforeTls("AUTH").hasCapabilityBeforeTls("AUTH=PLAIN")
          .hasCapabilityBeforeTls("LOGINDISABLED");
      assertThatThrownBy(() -> assertThat(imap).hasCapabilityBeforeTls("LOGIN"))
          .hasMessageContaining("  LOGIN" + NL);
    }

    @Test
    void hasCapabilityAfterTlsLooksAtWhatWasAnnouncedInsideTls() {
      assertThat(phase(hardened)).hasCapabilityAfterTls("AUTH");

      assertThatThrownBy(() -> assertThat(phase(hardened)).hasCapabilityAfterTls("STARTTLS"))
          .hasMessageContaining("but its capabilities after TLS were:");
      assertThatThrownBy(() -> assertThat(phase(notAdvertised)).hasCapabilityAfterTls("AUTH"))
          .hasMessageContaining("but it announced none after TLS");
    }

    @Test
    void refusesABlankCapability() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(phase(authInClear)).hasCapabilityBeforeTls(" "))
          .withMessage("capability must not be blank");
    }
  }

  @Nested
  class Injection {

    @Test
    void isNotVulnerableToStartTlsInjectionPassesForAServerThatDiscardsThePipelinedCommand() {
      assertThat(phase(authInClear)).isNotVulnerableToStartTlsInjection().wasCheckedForStartTlsInjection();
    }

    @Test
    void isNotVulnerableToStartTlsInjectionCatchesTheBuggyFrontWithTheCheckTranscript() {
      AssertionError error = catchThrowableOfType(AssertionError.class,
          () -> assertThat(phase(injectable)).isNotVulnerableToStartTlsInjection());

      assertThat(error.getMessage())
          .contains("but it was: the server answered NOOP, sent in clear with the upgrade command, inside TLS")
          .contains("Injection check transcript (NOOP pipelined with the upgrade command, ")
          .containsSubsequence("  C: STARTTLS", "  C: NOOP", "  S: 220 2.0.0 Ready to start TLS",
              "  S (tls): 250 2.0.0 Ok");
    }

    @Test
    void isNotVulnerableToStartTlsInjectionFailsWhenTheCheckCouldNotTellOrWasNotRun() {
      PlainTextPhase inconclusive = StartTlsFixtures.withInjection(InjectionVerdict.INCONCLUSIVE, "no answer");
      PlainTextPhase notRun = StartTlsFixtures.withInjection(null, "");

      assertThatThrownBy(() -> assertThat(inconclusive).isNotVulnerableToStartTlsInjection())
          .hasMessageContaining("but the check was inconclusive: no answer");
      assertThatThrownBy(() -> assertThat(notRun).isNotVulnerableToStartTlsInjection())
          .hasMessageContaining("but the check was not run");
      assertThatThrownBy(() -> assertThat(notRun).wasCheckedForStartTlsInjection())
          .hasMessageContaining("but it was not (the probe runs it");
    }

    @Test
    void anUpgradeThatNeverHappenedLeavesNoCheckToRun() {
      assertThatThrownBy(() -> assertThat(phase(notAdvertised)).wasCheckedForStartTlsInjection())
          .hasMessageContaining("but it was not (the probe runs it after a successful upgrade");
      assertThatThrownBy(() -> assertThat(phase(refused)).isNotVulnerableToStartTlsInjection())
          .hasMessageContaining("but the check was not run");
    }

    @Test
    void hasStartTlsInjectionVerdictHandsBothVerdictsToTheIde() {
      assertThat(phase(injectable)).hasStartTlsInjectionVerdict(InjectionVerdict.VULNERABLE);

      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertThat(phase(authInClear)).hasStartTlsInjectionVerdict(InjectionVerdict.VULNERABLE));
      assertThat(error.getActual().getValue()).isEqualTo("NOT_VULNERABLE");
      assertThat(error.getExpected().getValue()).isEqualTo("VULNERABLE");
      assertThat(error).hasMessageContaining("but it found:" + NL + "  NOT_VULNERABLE: the server discarded NOOP");
    }

    @Test
    void hasStartTlsInjectionVerdictInToleratesWhatItIsGiven() {
      assertThat(phase(authInClear))
          .hasStartTlsInjectionVerdictIn(InjectionVerdict.NOT_VULNERABLE, InjectionVerdict.INCONCLUSIVE);

      assertThatThrownBy(() -> assertThat(phase(injectable))
              .hasStartTlsInjectionVerdictIn(InjectionVerdict.NOT_VULNERABLE, InjectionVerdict.INCONCLUSIVE))
          .hasMessageContaining("  NOT_VULNERABLE or INCONCLUSIVE" + NL + "but it found:" + NL + "  VULNERABLE: ");
      assertThatThrownBy(() -> assertThat(StartTlsFixtures.withInjection(null, ""))
              .hasStartTlsInjectionVerdictIn(InjectionVerdict.INCONCLUSIVE))
          .hasMessageContaining("but it was not run");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(phase(authInClear)).hasStartTlsInjectionVerdictIn())
          .withMessage("verdicts must not be empty");
    }
  }
}
