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

/** The message for a scanned server without a chain of the asked key type. */
class ShouldPresentCertificateTest {

  @Test
  void namesTheKeyTypeAskedForAndThoseFound() {
    ServerProfile profile = ServerProfiles.modern().with(ServerFeatures.unknown("not scanned"), List.of(
        new ServerCertificate("EC", TlsProtocol.TLSv1_3,
            List.of(CertificateInfo.of(TestCertificates.localhost().certificate())),
            new Verification(true, List.of(), "JDK default trust store", "localhost"))));

    String text = ShouldPresentCertificate.shouldPresentCertificate(profile, "RSA")
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to present a certificate chain with a key of type:",
        "  RSA",
        "but it presents:",
        "  [EC]",
        "Server profile: " + ServerProfiles.MODERN_LINE));
  }

  @Test
  void saysNoChainWhenTheScanFoundNone() {
    String text = ShouldPresentCertificate.shouldPresentCertificate(ServerProfiles.modern(), "EC")
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text)
        .endsWith(message("but it presents:", "  no chain", "Server profile: " + ServerProfiles.MODERN_LINE));
  }
}
