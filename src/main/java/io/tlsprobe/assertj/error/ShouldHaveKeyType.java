package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;
import static io.tlsprobe.assertj.error.Render.key;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate whose public key is of another algorithm than expected.
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (RSA 2048, until 2027-11-27T03:00:00Z)
 * to have a key of type:
 *   EC
 * but it has:
 *   RSA 2048 bits
 * </pre>
 */
public final class ShouldHaveKeyType extends BasicErrorMessageFactory {

  private ShouldHaveKeyType(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, whose key is not of type {@code expected}. */
  public static ErrorMessageFactory shouldHaveKeyType(
      CertificateInfo certificate, String expected, @Nullable TlsConnectionReport report) {
    return new ShouldHaveKeyType(
        "%nExpecting certificate:%n  %s%nto have a key of type:%n  %s%nbut it has:%n  %s%s",
        certificate.toString(), expected, key(certificate), connection(report));
  }
}
