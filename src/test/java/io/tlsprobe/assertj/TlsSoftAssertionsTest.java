package io.tlsprobe.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TlsSoftAssertionsTest {

  @Test
  void collectsEveryFailureIntoOneErrorListingThemAll() {
    // given a TLS 1.0 connection with a CBC suite and a localhost certificate
    TlsConnectionReport report = Fixtures.tls10();

    // when several assertions fail softly
    AssertionError error = catchThrowableOfType(AssertionError.class, () -> TlsSoftAssertions.assertSoftly(softly -> {
      softly.assertThat(report).isEstablished().usesProtocolAtLeast(TlsProtocol.TLSv1_2).hasNoWeakCipher();
      softly.assertThat(report).usesAeadCipher();
      softly.assertThat(report).certificate().isValidFor("example.com").isValidFor("localhost");
    }));

    // then one error lists the four failures, in order, each with its context
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .contains("Multiple Failures (4 failures)")
        .containsSubsequence(
            "Expecting TLS connection to use protocol at least:",
            "Expecting TLS connection not to use a weak or insecure cipher suite",
            "Expecting TLS connection to use an AEAD cipher",
            "to be valid for host:" + System.lineSeparator() + "  example.com")
        .contains("Connection: " + Fixtures.TLS10_SUMMARY);
  }

  @Test
  void collectsInAnInstanceUntilAssertAll() {
    TlsSoftAssertions softly = new TlsSoftAssertions();

    softly.assertThat(Fixtures.tls13()).usesProtocol(TlsProtocol.TLSv1_2).usesGroup("secp384r1");
    softly.assertThat(Fixtures.leaf()).isNotCertificateAuthority().isTrusted();

    assertThat(softly.errorsCollected()).hasSize(3);
    assertThat(softly.errorsCollected().get(2)).hasMessageContaining("but no verification is available");
    assertThatCode(() -> new TlsSoftAssertions().assertAll()).doesNotThrowAnyException();
  }

  @Test
  void keepsNavigationSoft() {
    TlsSoftAssertions softly = new TlsSoftAssertions();

    softly.assertThat(Fixtures.tls13()).withClock(Fixtures.CLOCK).certificate()
        .expiresAfter(Duration.ofDays(120))
        .hasKeyStrengthAtLeast(4096);
    softly.assertThat(Fixtures.tls13()).certificateChain().hasSize(3).last().isNotSelfSigned();
    softly.assertThat(Fixtures.tls13()).certificateChain().element(5);

    assertThat(softly.errorsCollected())
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            m -> assertThat(m).contains("to stay valid for at least:"),
            m -> assertThat(m).contains("to have a key at least as strong as:"),
            m -> assertThat(m).contains("Expected size: 3 but was: 2"),
            m -> assertThat(m).contains("not to be self-signed").contains("Connection: " + Fixtures.TLS13_SUMMARY),
            m -> assertThat(m).contains("to have a certificate at index 5"));
  }

  @Test
  void recordsAMissingCertificateOnceAndSkipsTheAssertionsChainedOnIt() {
    TlsSoftAssertions softly = new TlsSoftAssertions();

    softly.assertThat(Fixtures.rejected()).certificate().isValidFor("localhost").isTrusted();
    softly.assertThat(Fixtures.rejected()).certificateChain().first().isNotSelfSigned();
    softly.assertThat(Fixtures.rejected()).isEstablished();

    assertThat(softly.errorsCollected())
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            m -> assertThat(m).contains("Expecting the peer to have sent a certificate"),
            m -> assertThat(m).contains("to have a certificate at index 0"),
            m -> assertThat(m).contains("Expecting TLS connection to be established"));
  }

  @Test
  void passesSilentlyWhenEverythingHolds() {
    assertThatCode(() -> TlsSoftAssertions.assertSoftly(softly -> {
      softly.assertThat(Fixtures.tls13()).isEstablished().usesProtocol(TlsProtocol.TLSv1_3).hasNoWeakCipher();
      softly.assertThat(Fixtures.tls13()).certificate().isValidFor("localhost").isTrusted();
    })).doesNotThrowAnyException();
  }

  @Test
  void collectsPlainTextPhaseFailuresThroughTheNavigation() {
    TlsSoftAssertions softly = new TlsSoftAssertions();

    softly.assertThat(StartTlsFixtures.smtpReport()).usesImplicitTls().plainTextPhase()
        .offeredNoAuthenticationBeforeTls()
        .hasCapabilityAfterTls("STARTTLS")
        .advertisedStartTls();
    softly.assertThat(StartTlsFixtures.smtpPhase()).didNotAdvertiseStartTls().wasUpgraded();

    assertThat(softly.errorsCollected())
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            m -> assertThat(m).contains("to use implicit TLS"),
            m -> assertThat(m).contains("to offer no authentication before TLS")
                .contains("Connection: " + StartTlsFixtures.SMTP_SUMMARY),
            m -> assertThat(m).contains("to announce after TLS the capability:"),
            m -> assertThat(m).contains("not to advertise STARTTLS"));
  }

  @Test
  void recordsAMissingPlainTextPhaseOnceAndSkipsTheAssertionsChainedOnIt() {
    TlsSoftAssertions softly = new TlsSoftAssertions();

    softly.assertThat(Fixtures.tls13()).plainTextPhase().advertisedStartTls().wasUpgraded()
        .isNotVulnerableToStartTlsInjection();
    softly.assertThat(Fixtures.tls13()).isNotVulnerableToStartTlsInjection();

    assertThat(softly.errorsCollected())
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            m -> assertThat(m).contains("but localhost:8443 (direct) was direct TLS"),
            m -> assertThat(m).contains("but localhost:8443 (direct) was direct TLS"));
  }
}
