package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a self-signed certificate: its issuer is its subject and its own key verifies its signature.
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)
 * not to be self-signed
 * but it is: its issuer is its own subject
 *   CN=localhost
 * </pre>
 */
public final class ShouldNotBeSelfSigned extends BasicErrorMessageFactory {

  private ShouldNotBeSelfSigned(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, which is self-signed. */
  public static ErrorMessageFactory shouldNotBeSelfSigned(
      CertificateInfo certificate, @Nullable TlsConnectionReport report) {
    return new ShouldNotBeSelfSigned(
        "%nExpecting certificate:%n  %s%nnot to be self-signed%nbut it is: its issuer is its own subject%n  %s%s",
        certificate.toString(), certificate.issuer(), connection(report));
  }
}
