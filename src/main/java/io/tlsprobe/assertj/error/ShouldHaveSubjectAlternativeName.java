package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate without an expected subject alternative name.
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)
 * to have subject alternative name:
 *   DNS:gateway.test
 * but it has:
 *   [DNS:localhost, IP:127.0.0.1]
 * </pre>
 */
public final class ShouldHaveSubjectAlternativeName extends BasicErrorMessageFactory {

  private ShouldHaveSubjectAlternativeName(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, which lacks {@code expected}. */
  public static ErrorMessageFactory shouldHaveSubjectAlternativeName(
      CertificateInfo certificate, String expected, @Nullable TlsConnectionReport report) {
    String actual = certificate.subjectAlternativeNames().isEmpty()
        ? "none"
        : certificate.subjectAlternativeNames().toString();
    return new ShouldHaveSubjectAlternativeName(
        "%nExpecting certificate:%n  %s%nto have subject alternative name:%n  %s%nbut it has:%n  %s%s",
        certificate.toString(), expected, actual, connection(report));
  }
}
