package io.tlsprobe.assertj;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import org.assertj.core.annotation.CheckReturnValue;
import org.jspecify.annotations.Nullable;

/**
 * The entry point for tlsprobe's assertions, next to AssertJ's own {@code Assertions}: statically import {@code
 * assertThat} from both, the overloads do not clash.
 *
 * <pre>{@code
 * import static io.tlsprobe.assertj.TlsAssertions.assertThat;
 *
 * assertThat(report).isEstablished().usesProtocol(TlsProtocol.TLSv1_3).usesGroup("x25519");
 * assertThat(report).certificate().isValidFor("localhost").isTrusted();
 * assertThat(report.certificates().get(1)).hasSubject("CN=Test CA");
 * }</pre>
 */
public final class TlsAssertions {

  private TlsAssertions() {}

  /**
   * Assertions on what one TLS connection negotiated.
   *
   * @param actual the report, from a probe or a capture
   * @return the assertions
   */
  @CheckReturnValue
  public static TlsConnectionReportAssert assertThat(@Nullable TlsConnectionReport actual) {
    return new TlsConnectionReportAssert(actual);
  }

  /**
   * Assertions on one certificate without its report: every check but {@code isTrusted()}, which needs the report's
   * verdict (use {@code assertThat(report).certificate()} for that).
   *
   * @param actual the certificate facts
   * @return the assertions
   */
  @CheckReturnValue
  public static CertificateAssert assertThat(@Nullable CertificateInfo actual) {
    return new CertificateAssert(actual);
  }

  /**
   * Assertions on a STARTTLS plain-text phase without its report, e.g. one a capture server recorded or a test built;
   * from a report, {@code assertThat(report).plainTextPhase()} adds the connection to every failure.
   *
   * @param actual the plain-text phase
   * @return the assertions
   */
  @CheckReturnValue
  public static PlainTextPhaseAssert assertThat(@Nullable PlainTextPhase actual) {
    return new PlainTextPhaseAssert(actual);
  }

  /**
   * Assertions on what a client offered, without its report, e.g. a hand-built offer; from a report, {@code
   * assertThat(report).clientOffer()} adds the connection to every failure.
   *
   * @param actual the client's offer
   * @return the assertions
   */
  @CheckReturnValue
  public static ClientOfferAssert assertThat(@Nullable ClientOffer actual) {
    return new ClientOfferAssert(actual);
  }

  /**
   * Assertions on everything a server accepts, as a scan found it.
   *
   * @param actual the scan's findings
   * @return the assertions
   */
  @CheckReturnValue
  public static ServerProfileAssert assertThat(@Nullable ServerProfile actual) {
    return new ServerProfileAssert(actual);
  }
}
