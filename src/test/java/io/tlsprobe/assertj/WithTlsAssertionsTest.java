package io.tlsprobe.assertj;

import io.tlsprobe.TlsProtocol;
import org.assertj.core.api.WithAssertions;
import org.junit.jupiter.api.Test;

/** The interface mixes in beside AssertJ's {@link WithAssertions} without a clash. */
class WithTlsAssertionsTest implements WithAssertions, WithTlsAssertions {

  @Test
  void delegatesToTheEntryPoint() {
    assertThat(Fixtures.tls13()).usesProtocol(TlsProtocol.TLSv1_3);
    assertThat(Fixtures.leaf()).isValidFor("localhost");
    assertThat(Fixtures.tls13().certificates()).hasSize(2);
    assertThat(StartTlsFixtures.smtpPhase()).advertisedStartTls();

    assertThatThrownBy(() -> assertThat(Fixtures.tls10()).usesProtocol(TlsProtocol.TLSv1_3))
        .hasMessageContaining("Connection: " + Fixtures.TLS10_SUMMARY);
    assertThatThrownBy(() -> assertThat(Fixtures.ca()).isNotCertificateAuthority())
        .hasMessageContaining("not to be a certificate authority");
    assertThatThrownBy(() -> assertThat(StartTlsFixtures.smtpPhase()).offeredNoAuthenticationBeforeTls())
        .hasMessageContaining("AUTH PLAIN LOGIN in the EHLO reply before TLS");
  }

  @Test
  void delegatesServerProfilesToTheEntryPoint() {
    assertThat(ServerProfiles.modern()).acceptsNoWeakCipherSuite();
    assertThatThrownBy(() -> assertThat(ServerProfiles.legacy()).isComplete())
        .hasMessageContaining("Server profile: " + ServerProfiles.LEGACY_LINE);
  }
}
