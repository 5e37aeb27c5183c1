package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate whose signature hash is shorter than SHA-256, or cannot be told.
 *
 * <pre>
 * Expecting certificate:
 *   CN=legacy (RSA 2048, until 2027-11-27T03:00:00Z)
 * to be signed with SHA-256 or a stronger hash
 * but it was signed with:
 *   SHA1withRSA (SHA-1, 160 bits)
 * </pre>
 */
public final class ShouldBeSignedWithSha256OrStronger extends BasicErrorMessageFactory {

  private ShouldBeSignedWithSha256OrStronger(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code certificate}, whose signature hash is too short or unknown.
   *
   * @param hash what is known of the hash, e.g. {@code SHA-1, 160 bits} or {@code hash unknown}
   */
  public static ErrorMessageFactory shouldBeSignedWithSha256OrStronger(
      CertificateInfo certificate, String hash, @Nullable TlsConnectionReport report) {
    return new ShouldBeSignedWithSha256OrStronger(
        "%nExpecting certificate:%n  %s%nto be signed with SHA-256 or a stronger hash%n"
            + "but it was signed with:%n  %s (%s)%s",
        certificate.toString(), certificate.signatureAlgorithm(), hash, connection(report));
  }
}
