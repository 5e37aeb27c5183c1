package io.tlsprobe.assertj;

import io.tlsprobe.report.CertificateInfo;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one certificate; see {@link AbstractCertificateAssert} for them all. Obtain one from {@link
 * TlsAssertions#assertThat(CertificateInfo)}, or better from a report with {@code assertThat(report).certificate()},
 * which adds the connection to every failure and makes {@code isTrusted()} possible.
 *
 * <pre>{@code
 * assertThat(report).certificate().isValidFor("localhost").expiresAfter(Duration.ofDays(30));
 * }</pre>
 */
public class CertificateAssert extends AbstractCertificateAssert<CertificateAssert> {

  /**
   * An assert on {@code actual} alone, without a report.
   *
   * @param actual the certificate facts
   */
  public CertificateAssert(@Nullable CertificateInfo actual) {
    super(actual, CertificateAssert.class);
  }
}
