package io.tlsprobe.assertj;

import io.tlsprobe.report.TlsConnectionReport;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a {@link TlsConnectionReport}; see {@link AbstractTlsConnectionReportAssert} for them all. Obtain
 * one from {@link TlsAssertions#assertThat(TlsConnectionReport)}.
 *
 * <pre>{@code
 * assertThat(report).isEstablished().usesProtocolAtLeast(TlsProtocol.TLSv1_2).hasNoWeakCipher();
 * }</pre>
 */
public class TlsConnectionReportAssert extends AbstractTlsConnectionReportAssert<TlsConnectionReportAssert> {

  /**
   * An assert on {@code actual}.
   *
   * @param actual the report
   */
  public TlsConnectionReportAssert(@Nullable TlsConnectionReport actual) {
    super(actual, TlsConnectionReportAssert.class);
  }
}
