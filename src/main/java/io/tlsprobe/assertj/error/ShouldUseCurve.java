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
 * The message for a certificate whose key is not on the expected named curve, or on none.
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)
 * to have a key on curve:
 *   secp384r1
 * but it has:
 *   EC 256 bits (secp256r1)
 * </pre>
 */
public final class ShouldUseCurve extends BasicErrorMessageFactory {

  private ShouldUseCurve(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, whose key is not on {@code expected}. */
  public static ErrorMessageFactory shouldUseCurve(
      CertificateInfo certificate, String expected, @Nullable TlsConnectionReport report) {
    String actual = certificate.curve().isPresent() ? key(certificate) : key(certificate) + ", on no named curve";
    return new ShouldUseCurve(
        "%nExpecting certificate:%n  %s%nto have a key on curve:%n  %s%nbut it has:%n  %s%s",
        certificate.toString(), expected, actual, connection(report));
  }
}
