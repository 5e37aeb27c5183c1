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
 * The message for a certificate whose key is smaller than required. Sizes are compared as the report holds them:
 * the modulus for RSA and DSA keys, the field size for EC keys; the message says so, because a 256-bit EC key is
 * stronger than a 2048-bit RSA key and still fails {@code hasKeyStrengthAtLeast(2048)}.
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (RSA 1024, until 2027-11-27T03:00:00Z)
 * to have a key of at least:
 *   2048 bits
 * but it has:
 *   RSA 1024 bits
 * (RSA and DSA keys are compared by modulus size, EC keys by field size)
 * </pre>
 */
public final class ShouldHaveKeyStrengthAtLeast extends BasicErrorMessageFactory {

  private ShouldHaveKeyStrengthAtLeast(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, whose key has fewer than {@code bits} bits. */
  public static ErrorMessageFactory shouldHaveKeyStrengthAtLeast(
      CertificateInfo certificate, int bits, @Nullable TlsConnectionReport report) {
    return new ShouldHaveKeyStrengthAtLeast(
        "%nExpecting certificate:%n  %s%nto have a key of at least:%n  %s bits%nbut it has:%n  %s%n"
            + "(RSA and DSA keys are compared by modulus size, EC keys by field size)%s",
        certificate.toString(), String.valueOf(bits), key(certificate), connection(report));
  }
}
