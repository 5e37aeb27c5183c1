package io.tlsprobe.assertj;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.SoftAssertionsProvider;
import org.jspecify.annotations.Nullable;

/**
 * tlsprobe's soft assertions as an AssertJ {@link SoftAssertionsProvider}, the way AssertJ composes its own: mix it
 * into any soft-assertions class to have both AssertJ's and tlsprobe's {@code assertThat} collect into one error.
 * Navigation ({@code certificate()}, {@code certificateChain()}, {@code first()} …) stays soft.
 *
 * <pre>{@code
 * public class AllSoftAssertions extends SoftAssertions implements TlsSoftAssertionsProvider {}
 *
 * AllSoftAssertions softly = new AllSoftAssertions();
 * softly.assertThat(report).usesProtocol(TlsProtocol.TLSv1_3);
 * softly.assertThat(report.endpoint().port()).isEqualTo(8443);
 * softly.assertAll();
 * }</pre>
 */
public interface TlsSoftAssertionsProvider extends SoftAssertionsProvider {

  /**
   * Soft assertions on what one TLS connection negotiated.
   *
   * @param actual the report
   * @return assertions that collect their failures
   */
  @CheckReturnValue
  default TlsConnectionReportAssert assertThat(@Nullable TlsConnectionReport actual) {
    return proxy(TlsConnectionReportAssert.class, TlsConnectionReport.class, actual)
        .navigatingWith(Navigator.soft(this));
  }

  /**
   * Soft assertions on one certificate without its report.
   *
   * @param actual the certificate facts
   * @return assertions that collect their failures
   */
  @CheckReturnValue
  default CertificateAssert assertThat(@Nullable CertificateInfo actual) {
    return proxy(CertificateAssert.class, CertificateInfo.class, actual);
  }

  /**
   * Soft assertions on a STARTTLS plain-text phase without its report.
   *
   * @param actual the plain-text phase
   * @return assertions that collect their failures
   */
  @CheckReturnValue
  default PlainTextPhaseAssert assertThat(@Nullable PlainTextPhase actual) {
    return proxy(PlainTextPhaseAssert.class, PlainTextPhase.class, actual);
  }

  /**
   * Soft assertions on what a client offered, without its report.
   *
   * @param actual the client's offer
   * @return assertions that collect their failures
   */
  @CheckReturnValue
  default ClientOfferAssert assertThat(@Nullable ClientOffer actual) {
    return proxy(ClientOfferAssert.class, ClientOffer.class, actual);
  }

  /**
   * Soft assertions on everything a server accepts.
   *
   * @param actual the scan's findings
   * @return assertions that collect their failures
   */
  @CheckReturnValue
  default ServerProfileAssert assertThat(@Nullable ServerProfile actual) {
    return proxy(ServerProfileAssert.class, ServerProfile.class, actual).navigatingWith(Navigator.soft(this));
  }
}
