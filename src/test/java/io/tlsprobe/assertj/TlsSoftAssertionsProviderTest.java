package io.tlsprobe.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.TlsProtocol;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class TlsSoftAssertionsProviderTest {

  /** AssertJ's soft assertions with tlsprobe's mixed in, as the provider's documentation shows. */
  public static class AllSoftAssertions extends SoftAssertions implements TlsSoftAssertionsProvider {}

  @Test
  void mixesIntoAssertJsOwnSoftAssertions() {
    // given one soft-assertions object for both
    AllSoftAssertions softly = new AllSoftAssertions();

    // when AssertJ's and tlsprobe's assertions fail side by side
    softly.assertThat(Fixtures.tls10()).usesProtocol(TlsProtocol.TLSv1_3);
    softly.assertThat(Fixtures.tls10().endpoint().port()).isEqualTo(443);
    softly.assertThat(Fixtures.tls10()).certificate().isValidFor("example.com");

    // then all three are collected in order
    assertThat(softly.errorsCollected())
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            m -> assertThat(m).contains("Expecting TLS connection to use protocol:"),
            m -> assertThat(m).contains("expected: 443"),
            m -> assertThat(m).contains("to be valid for host:"));
  }

  @Test
  void offersCertificateAssertionsAloneToo() {
    AllSoftAssertions softly = new AllSoftAssertions();

    softly.assertThat(Fixtures.ca()).isNotSelfSigned().isNotCertificateAuthority().hasKeyType("EC");

    assertThat(softly.errorsCollected()).hasSize(2);
  }

  @Test
  void offersPlainTextPhaseAssertionsToo() {
    AllSoftAssertions softly = new AllSoftAssertions();

    softly.assertThat(StartTlsFixtures.smtpPhase()).offeredNoAuthenticationBeforeTls().didNotAdvertiseStartTls()
        .wasUpgraded();
    softly.assertThat(StartTlsFixtures.smtpReport()).plainTextPhase().hasGreetingContaining("Exim");

    assertThat(softly.errorsCollected()).hasSize(3);
  }

  @Test
  void offersServerProfileAssertionsThatCollectEveryFailure() {
    AllSoftAssertions softly = new AllSoftAssertions();

    softly.assertThat(ServerProfiles.legacy()).isComplete().acceptsNoWeakCipherSuite().enforcesServerCipherOrder()
        .acceptsProtocol(TlsProtocol.TLSv1_2);

    assertThat(softly.errorsCollected()).extracting(Throwable::getMessage).satisfiesExactly(
        m -> assertThat(m).contains("but it is partial:"),
        m -> assertThat(m).contains("no weak or insecure cipher suite"),
        m -> assertThat(m).contains("client order"));
  }
}
