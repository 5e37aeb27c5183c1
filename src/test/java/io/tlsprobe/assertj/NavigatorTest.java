package io.tlsprobe.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

class NavigatorTest {

  @Test
  void hardNavigationBuildsPlainAssertsWithContextAndDescription() {
    CertificateAssert navigated =
        Navigator.HARD.certificate(Fixtures.leaf(), Fixtures.tls13(), Fixtures.CLOCK, new TextDescription("leaf"));

    assertThat(navigated.getClass()).isEqualTo(CertificateAssert.class);
    assertThat(navigated.descriptionText()).isEqualTo("leaf");
    navigated.isTrusted();
    assertThatThrownBy(() -> navigated.isValidFor("example.com"))
        .hasMessageStartingWith("[leaf] ")
        .hasMessageEndingWith("Connection: " + Fixtures.TLS13_SUMMARY);
  }

  @Test
  void hardNavigationThrowsTheFailureOfAMissingTarget() {
    AssertionError failure = new AssertionError("no certificate");

    assertThatThrownBy(() -> Navigator.HARD.missing(failure, Fixtures.rejected(), Fixtures.CLOCK)).isSameAs(failure);
  }

  @Test
  void softNavigationCollectsTheFailureOfAMissingTargetAndReturnsADeadAssert() {
    TlsSoftAssertions softly = new TlsSoftAssertions();
    AssertionError failure = new AssertionError("no certificate");

    CertificateAssert dead = Navigator.soft(softly).missing(failure, Fixtures.rejected(), Fixtures.CLOCK);
    dead.isValidFor("localhost").isTrusted();

    assertThat(softly.errorsCollected()).singleElement()
        .satisfies(collected -> assertThat(collected.getMessage()).startsWith("no certificate"));
  }

  @Test
  void softNavigationBuildsCollectingProxies() {
    TlsSoftAssertions softly = new TlsSoftAssertions();

    Navigator.soft(softly).chain(Fixtures.tls13(), Fixtures.CLOCK, null).hasSize(1);
    Navigator.soft(softly).certificate(Fixtures.ca(), Fixtures.tls13(), Fixtures.CLOCK, null).isNotSelfSigned();

    assertThat(softly.errorsCollected()).hasSize(2);
  }

  @Test
  void hardNavigationToAPlainTextPhaseKnowsTheReport() {
    PlainTextPhaseAssert navigated = Navigator.HARD.plainTextPhase(StartTlsFixtures.smtpPhase(),
        StartTlsFixtures.smtpReport(), new TextDescription("submission"));

    assertThat(navigated.getClass()).isEqualTo(PlainTextPhaseAssert.class);
    navigated.wasUpgraded();
    assertThatThrownBy(navigated::didNotAdvertiseStartTls)
        .hasMessageStartingWith("[submission] ")
        .hasMessageEndingWith("Connection: " + StartTlsFixtures.SMTP_SUMMARY);
  }

  @Test
  void hardNavigationThrowsTheFailureOfAMissingPlainTextPhase() {
    AssertionError failure = new AssertionError("no phase");

    assertThatThrownBy(() -> Navigator.HARD.missingPlainTextPhase(failure, Fixtures.tls13())).isSameAs(failure);
  }

  @Test
  void softNavigationCollectsAMissingPlainTextPhaseAndReturnsADeadAssert() {
    TlsSoftAssertions softly = new TlsSoftAssertions();

    PlainTextPhaseAssert dead = Navigator.soft(softly).missingPlainTextPhase(new AssertionError("no phase"),
        Fixtures.tls13());
    dead.wasUpgraded().advertisedStartTls().sentNoCredentialsBeforeTls();

    assertThat(softly.errorsCollected()).singleElement()
        .satisfies(collected -> assertThat(collected.getMessage()).startsWith("no phase"));
  }
}
