package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ServerProfiles;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.Verification;
import io.tlsprobe.testing.TestCertificates;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a scanned server whose certificate chains are not all trusted, or that has none. */
class ShouldPresentTrustedCertificatesTest {
  private static final CertificateInfo LEAF = CertificateInfo.of(TestCertificates.localhost().certificate());

  @Test
  void listsEachUntrustedChainWithEveryProblemUnderIt() {
    Verification bad = new Verification(false, List.of(
        new Verification.Problem(Verification.Kind.SELF_SIGNED, "CN=localhost is self-signed"),
        new Verification.Problem(Verification.Kind.HOSTNAME_MISMATCH, "CN=localhost is not valid for edge.test")),
        "JDK default trust store", "edge.test");
    Verification good = new Verification(true, List.of(), "JDK default trust store", "edge.test");
    ServerProfile profile = ServerProfiles.modern().with(ServerFeatures.unknown("not scanned"), List.of(
        new ServerCertificate("EC", TlsProtocol.TLSv1_2, List.of(LEAF), bad),
        new ServerCertificate("EC", TlsProtocol.TLSv1_3, List.of(LEAF), good)));

    String text = ShouldPresentTrustedCertificates.shouldPresentTrustedCertificates(profile)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to present only trusted certificate chains",
        "but 1 of 2 is not trusted:",
        "  EC: CN=localhost (EC 256 secp256r1, until " + LEAF.notAfter()
            + "), chain of 1, TLS 1.2: not trusted: SELF_SIGNED, HOSTNAME_MISMATCH",
        "    SELF_SIGNED: CN=localhost is self-signed",
        "    HOSTNAME_MISMATCH: CN=localhost is not valid for edge.test",
        "Server profile: " + ServerProfiles.MODERN_LINE));
  }

  @Test
  void saysTheScanFoundNoChain() {
    String text = ShouldPresentTrustedCertificates.shouldPresentTrustedCertificates(ServerProfiles.modern())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to present only trusted certificate chains",
        "but the scan found no chain",
        "Server profile: " + ServerProfiles.MODERN_LINE));
  }
}
