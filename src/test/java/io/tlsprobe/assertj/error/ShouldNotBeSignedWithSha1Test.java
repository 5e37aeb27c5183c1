package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.CertificateInfo;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The message for a SHA-1 signature. */
class ShouldNotBeSignedWithSha1Test {

  @Test
  void namesTheSha1Algorithm() {
    // given a certificate signed with SHA1withECDSA
    CertificateInfo sha1 = Fixtures.withSignature(Fixtures.leaf(), "SHA1withECDSA");
    ErrorMessageFactory factory = ShouldNotBeSignedWithSha1.shouldNotBeSignedWithSha1(sha1, null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "not to be signed with SHA-1",
                    "but it was signed with:",
                    "  SHA1withECDSA"));
  }
}
