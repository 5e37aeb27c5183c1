package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.CertificateInfo;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a key on another curve or none. */
class ShouldUseCurveTest {

  @Test
  void statesExpectedAndActualCurve() {
    // given a secp256r1 certificate
    ErrorMessageFactory factory = ShouldUseCurve.shouldUseCurve(Fixtures.leaf(), "secp384r1", null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to have a key on curve:",
                    "  secp384r1",
                    "but it has:",
                    "  EC 256 bits (secp256r1)"));
  }

  @Test
  void saysAnRsaKeyIsOnNoCurve() {
    // given an RSA certificate
    CertificateInfo rsa = Fixtures.withKey(Fixtures.leaf(), "RSA", 2048, null);
    ErrorMessageFactory factory = ShouldUseCurve.shouldUseCurve(rsa, "secp256r1", null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (RSA 2048, until 2026-04-01T00:00:00Z)",
                    "to have a key on curve:",
                    "  secp256r1",
                    "but it has:",
                    "  RSA 2048 bits, on no named curve"));
  }
}
