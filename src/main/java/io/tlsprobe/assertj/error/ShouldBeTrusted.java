package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;
import static io.tlsprobe.assertj.error.Render.problems;
import static io.tlsprobe.assertj.error.Render.verdictHeading;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a certificate chain the report's {@link io.tlsprobe.report.Verification} does not trust, listing
 * every problem found; or for a certificate asserted on without a report, which has no verdict to consult.
 *
 * <pre>
 * Expecting the peer's certificate chain to be trusted
 * but verification of the chain against JDK default trust store for host localhost found:
 *   EXPIRED: CN=localhost expired at 2020-01-01T00:00:00Z
 *   SELF_SIGNED: CN=localhost is self-signed
 * Connection: localhost:8443 (direct): established, TLSv1.3, …, not trusted [EXPIRED, SELF_SIGNED]
 * </pre>
 */
public final class ShouldBeTrusted extends BasicErrorMessageFactory {

  private ShouldBeTrusted(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose chain is not trusted. */
  public static ErrorMessageFactory shouldBeTrusted(TlsConnectionReport report) {
    return new ShouldBeTrusted(
        "%nExpecting the peer's certificate chain to be trusted%nbut %s:%n%s%s",
        verdictHeading(report.verification(), "the chain"),
        problems(report.verification()),
        connection(report));
  }

  /** The message for {@code certificate}, part of {@code report}'s chain, which is not trusted. */
  public static ErrorMessageFactory shouldBeTrusted(CertificateInfo certificate, TlsConnectionReport report) {
    return new ShouldBeTrusted(
        "%nExpecting certificate:%n  %s%nto be trusted%nbut %s:%n%s%s",
        certificate.toString(),
        verdictHeading(report.verification(), "its chain"),
        problems(report.verification()),
        connection(report));
  }

  /** The message for {@code certificate} asserted on alone: trust is decided for a chain, in a report. */
  public static ErrorMessageFactory shouldBeTrustedWithoutVerification(CertificateInfo certificate) {
    return new ShouldBeTrusted(
        "%nExpecting certificate:%n  %s%nto be trusted%n"
            + "but no verification is available: trust is decided for a whole chain against a trust store,%n"
            + "so assert it from the report: assertThat(report).certificate().isTrusted()",
        certificate.toString());
  }
}
