package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.CertificateInfo;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The message for a signature hash shorter than SHA-256. */
class ShouldBeSignedWithSha256OrStrongerTest {

  @Test
  void namesTheAlgorithmAndItsHash() {
    // given a certificate signed with SHA1withECDSA
    CertificateInfo sha1 = Fixtures.withSignature(Fixtures.leaf(), "SHA1withECDSA");
    ErrorMessageFactory factory =
        ShouldBeSignedWithSha256OrStronger.shouldBeSignedWithSha256OrStronger(sha1, "SHA-1, 160 bits", null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to be signed with SHA-256 or a stronger hash",
                    "but it was signed with:",
                    "  SHA1withECDSA (SHA-1, 160 bits)"));
  }
}
