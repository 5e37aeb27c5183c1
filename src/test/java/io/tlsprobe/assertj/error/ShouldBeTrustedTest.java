package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for an untrusted chain, and for a certificate without a verdict. */
class ShouldBeTrustedTest {

  @Test
  void listsEveryProblemOfTheChain() {
    // given a chain with an expired leaf and an unknown issuer
    TlsConnectionReport report = Fixtures.tls13().toBuilder().verification(new Verification(false, List.of(
            new Verification.Problem(Verification.Kind.EXPIRED, "CN=localhost expired at 2025-12-01T00:00:00Z"),
            new Verification.Problem(Verification.Kind.UNKNOWN_ISSUER, "CN=Test CA is not in the trust store")),
            "test trust store", "localhost")).build();
    ErrorMessageFactory factory = ShouldBeTrusted.shouldBeTrusted(report);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting the peer's certificate chain to be trusted",
                    "but verification of the chain against test trust store for host localhost found:",
                    "  EXPIRED: CN=localhost expired at 2025-12-01T00:00:00Z",
                    "  UNKNOWN_ISSUER: CN=Test CA is not in the trust store",
                    "Connection: localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256 (128"
                        + " bits), group x25519, compression null, ALPN h2, certificate CN=localhost (EC 256"
                        + " secp256r1, until 2026-04-01T00:00:00Z), not trusted [EXPIRED, UNKNOWN_ISSUER]"));
  }

  @Test
  void saysWhenNothingWasVerified() {
    // given a connection without certificate
    ErrorMessageFactory factory = ShouldBeTrusted.shouldBeTrusted(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting the peer's certificate chain to be trusted",
                    "but the chain was not verified:",
                    "  NO_CERTIFICATE: no certificate was received",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }

  @Test
  void namesTheCertificateReachedFromTheReport() {
    // given the leaf of an untrusted chain
    TlsConnectionReport report = Fixtures.tls13().toBuilder().verification(new Verification(false, List.of(
            new Verification.Problem(Verification.Kind.EXPIRED, "CN=localhost expired at 2025-12-01T00:00:00Z"),
            new Verification.Problem(Verification.Kind.UNKNOWN_ISSUER, "CN=Test CA is not in the trust store")),
            "test trust store", "localhost")).build();
    ErrorMessageFactory factory = ShouldBeTrusted.shouldBeTrusted(Fixtures.leaf(), report);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to be trusted",
                    "but verification of its chain against test trust store for host localhost found:",
                    "  EXPIRED: CN=localhost expired at 2025-12-01T00:00:00Z",
                    "  UNKNOWN_ISSUER: CN=Test CA is not in the trust store",
                    "Connection: localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256 (128"
                        + " bits), group x25519, compression null, ALPN h2, certificate CN=localhost (EC 256"
                        + " secp256r1, until 2026-04-01T00:00:00Z), not trusted [EXPIRED, UNKNOWN_ISSUER]"));
  }

  @Test
  void explainsThatACertificateAloneHasNoVerdict() {
    // given a certificate without its report
    ErrorMessageFactory factory = ShouldBeTrusted.shouldBeTrustedWithoutVerification(Fixtures.leaf());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting certificate:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "to be trusted",
                    "but no verification is available: trust is decided for a whole chain against a trust store,",
                    "so assert it from the report: assertThat(report).certificate().isTrusted()"));
  }
}
