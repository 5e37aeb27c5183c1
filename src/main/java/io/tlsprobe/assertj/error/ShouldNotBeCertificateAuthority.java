package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate whose basicConstraints mark it as a CA (RFC 5280 section 4.2.1.9).
 *
 * <pre>
 * Expecting certificate:
 *   CN=Test CA (EC 256 secp256r1, until 2035-01-01T00:00:00Z)
 * not to be a certificate authority
 * but its basicConstraints say CA, with key usage:
 *   [keyCertSign, cRLSign]
 * </pre>
 */
public final class ShouldNotBeCertificateAuthority extends BasicErrorMessageFactory {

  private ShouldNotBeCertificateAuthority(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, which is a CA. */
  public static ErrorMessageFactory shouldNotBeCertificateAuthority(
      CertificateInfo certificate, @Nullable TlsConnectionReport report) {
    String usage = certificate.keyUsage().isEmpty() ? "none stated" : certificate.keyUsage().toString();
    return new ShouldNotBeCertificateAuthority(
        "%nExpecting certificate:%n  %s%nnot to be a certificate authority%n"
            + "but its basicConstraints say CA, with key usage:%n  %s%s",
        certificate.toString(), usage, connection(report));
  }
}
