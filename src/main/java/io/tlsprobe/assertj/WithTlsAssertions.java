package io.tlsprobe.assertj;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.annotation.CheckReturnValue;
import org.jspecify.annotations.Nullable;

/**
 * tlsprobe's assertions as default methods, for test classes that prefer implementing an interface to static
 * imports, like AssertJ's {@code WithAssertions} (and together with it).
 *
 * <pre>{@code
 * class GatewayTlsTest implements WithAssertions, WithTlsAssertions {
 *   void negotiatesTls13(TlsConnectionReport report) {
 *     assertThat(report).usesProtocol(TlsProtocol.TLSv1_3);
 *     assertThat(report.certificates()).hasSize(2); // AssertJ's list assertions
 *   }
 * }
 * }</pre>
 */
public interface WithTlsAssertions {

  /**
   * Delegates to {@link TlsAssertions#assertThat(TlsConnectionReport)}.
   *
   * @param actual the report
   * @return the assertions
   */
  @CheckReturnValue
  default TlsConnectionReportAssert assertThat(@Nullable TlsConnectionReport actual) {
    return TlsAssertions.assertThat(actual);
  }

  /**
   * Delegates to {@link TlsAssertions#assertThat(CertificateInfo)}.
   *
   * @param actual the certificate facts
   * @return the assertions
   */
  @CheckReturnValue
  default CertificateAssert assertThat(@Nullable CertificateInfo actual) {
    return TlsAssertions.assertThat(actual);
  }

  /**
   * Delegates to {@link TlsAssertions#assertThat(PlainTextPhase)}.
   *
   * @param actual the plain-text phase
   * @return the assertions
   */
  @CheckReturnValue
  default PlainTextPhaseAssert assertThat(@Nullable PlainTextPhase actual) {
    return TlsAssertions.assertThat(actual);
  }

  /**
   * Delegates to {@link TlsAssertions#assertThat(ClientOffer)}.
   *
   * @param actual the client's offer
   * @return the assertions
   */
  @CheckReturnValue
  default ClientOfferAssert assertThat(@Nullable ClientOffer actual) {
    return TlsAssertions.assertThat(actual);
  }

  /**
   * Delegates to {@link TlsAssertions#assertThat(ServerProfile)}.
   *
   * @param actual the scan's findings
   * @return the assertions
   */
  @CheckReturnValue
  default ServerProfileAssert assertThat(@Nullable ServerProfile actual) {
    return TlsAssertions.assertThat(actual);
  }
}
