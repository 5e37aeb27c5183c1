package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for navigating to a certificate that is not there. */
class ShouldHaveCertificateTest {

  @Test
  void saysThePeerSentNoneAndWhy() {
    // given a connection rejected before any certificate
    ErrorMessageFactory factory = ShouldHaveCertificate.shouldHaveCertificate(Fixtures.rejected());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting the peer to have sent a certificate",
                    "but it sent none (rejected_by_peer: server sent fatal alert handshake_failure (40))",
                    "Connection: " + Fixtures.REJECTED_SUMMARY));
  }

  @Test
  void listsTheChainWhenAnIndexIsMissing() {
    // given a two-certificate chain
    ErrorMessageFactory factory =
        ShouldHaveCertificate.shouldHaveCertificateAt(Fixtures.tls13().certificates(), 2, Fixtures.tls13());

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting the certificate chain to have a certificate at index 2",
                    "but it holds 2 certificates:",
                    "  CN=localhost (EC 256 secp256r1, until 2026-04-01T00:00:00Z)",
                    "  CN=Test CA (EC 384 secp384r1, until 2035-12-30T00:00:00Z)",
                    "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void saysAnEmptyChainHoldsNoneAndOmitsAMissingConnection() {
    // given an empty chain without a report
    ErrorMessageFactory factory = ShouldHaveCertificate.shouldHaveSingleCertificate(List.of(), null);

    // when
    String text = factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text)
        .isEqualTo(
            "[Test] "
                + message(
                    "Expecting the certificate chain to hold exactly one certificate",
                    "but it holds none"));
  }
}
