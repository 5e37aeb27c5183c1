package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import org.junit.jupiter.api.Test;

class TlsAssertionsTest {

  @Test
  void givesReportAndCertificateAssertionsBesideAssertJsOwn() {
    // given both entry points statically imported, the overloads resolve by type
    TlsConnectionReportAssert report = assertThat(Fixtures.tls13());
    CertificateAssert certificate = assertThat(Fixtures.leaf());
    var list = assertThat(Fixtures.tls13().certificates());
    PlainTextPhaseAssert phase = assertThat(StartTlsFixtures.smtpPhase());

    // then each asserts on what it was given
    report.isEstablished();
    certificate.isValidFor("localhost");
    list.hasSize(2);
    phase.wasUpgraded();
    assertThat(report).isInstanceOf(TlsConnectionReportAssert.class);
    assertThat(certificate).isInstanceOf(CertificateAssert.class);
  }

  @Test
  void acceptsNullSoThatTheAssertionNotTheCallFails() {
    assertThat(assertThat((TlsConnectionReport) null)).isNotNull();
    assertThat(assertThat((CertificateInfo) null)).isNotNull();
    assertThat(assertThat((PlainTextPhase) null)).isNotNull();
    assertThat(assertThat((ServerProfile) null)).isNotNull();
  }

  @Test
  void givesServerProfileAssertionsThatFailOnWhatTheScanFound() {
    ServerProfileAssert profile = assertThat(ServerProfiles.legacy());

    assertThatThrownBy(profile::acceptsNoWeakCipherSuite).hasMessageContaining("TLS_RSA_WITH_RC4_128_SHA: INSECURE");
  }
}
