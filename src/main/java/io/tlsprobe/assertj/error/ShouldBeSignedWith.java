package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate signed with another algorithm than expected (JCA names).
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)
 * to be signed with:
 *   SHA384withECDSA
 * but it was signed with:
 *   SHA256withECDSA
 * </pre>
 */
public final class ShouldBeSignedWith extends BasicErrorMessageFactory {

  private ShouldBeSignedWith(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, not signed with {@code expected}. */
  public static ErrorMessageFactory shouldBeSignedWith(
      CertificateInfo certificate, String expected, @Nullable TlsConnectionReport report) {
    return new ShouldBeSignedWith(
        "%nExpecting certificate:%n  %s%nto be signed with:%n  %s%nbut it was signed with:%n  %s%s",
        certificate.toString(), expected, certificate.signatureAlgorithm(), connection(report));
  }
}
