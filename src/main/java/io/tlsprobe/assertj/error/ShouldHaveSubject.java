package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate with another subject than expected (RFC 2253 distinguished names).
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)
 * to have subject:
 *   CN=gateway,O=Example
 * but it has:
 *   CN=localhost
 * </pre>
 */
public final class ShouldHaveSubject extends BasicErrorMessageFactory {

  private ShouldHaveSubject(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, whose subject is not {@code expected}. */
  public static ErrorMessageFactory shouldHaveSubject(
      CertificateInfo certificate, String expected, @Nullable TlsConnectionReport report) {
    return new ShouldHaveSubject(
        "%nExpecting certificate:%n  %s%nto have subject:%n  %s%nbut it has:%n  %s%s",
        certificate.toString(), expected, certificate.subject(), connection(report));
  }
}
