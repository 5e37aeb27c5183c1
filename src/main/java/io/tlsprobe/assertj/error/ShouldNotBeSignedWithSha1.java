package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate signed with SHA-1 (collisions are practical: SHAttered, 2017).
 *
 * <pre>
 * Expecting certificate:
 *   CN=legacy (RSA 2048, until 2027-11-27T03:00:00Z)
 * not to be signed with SHA-1
 * but it was signed with:
 *   SHA1withRSA
 * </pre>
 */
public final class ShouldNotBeSignedWithSha1 extends BasicErrorMessageFactory {

  private ShouldNotBeSignedWithSha1(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, signed with SHA-1. */
  public static ErrorMessageFactory shouldNotBeSignedWithSha1(
      CertificateInfo certificate, @Nullable TlsConnectionReport report) {
    return new ShouldNotBeSignedWithSha1(
        "%nExpecting certificate:%n  %s%nnot to be signed with SHA-1%nbut it was signed with:%n  %s%s",
        certificate.toString(), certificate.signatureAlgorithm(), connection(report));
  }
}
