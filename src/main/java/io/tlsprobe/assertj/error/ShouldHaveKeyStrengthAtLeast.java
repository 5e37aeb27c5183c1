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
 * The message for a certificate whose key is weaker than required. Strength is compared on the RSA scale (NIST SP
 * 800-57): RSA and DSA keys by modulus, EC and EdDSA keys by the RSA size of comparable strength; the message shows
 * both the key as it is and its RSA equivalent.
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (RSA 1024, until 2027-11-27T03:00:00Z)
 * to have a key of at least:
 *   2048 bits
 * but it has:
 *   RSA 1024 bits
 * (RSA-equivalent strength, NIST SP 800-57: EC P-256 ≈ RSA 3072)
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
        "%nExpecting certificate:%n  %s%nto have a key at least as strong as:%n  RSA %s bits%nbut it has:%n  %s%n"
            + "(RSA-equivalent strength, NIST SP 800-57: EC P-256 ≈ RSA 3072)%s",
        certificate.toString(), String.valueOf(bits), key(certificate) + equivalent(certificate),
        connection(report));
  }

  private static String equivalent(CertificateInfo certificate) {
    if (certificate.keyType().equalsIgnoreCase("RSA")) {
      return "";
    }
    java.util.OptionalInt rsa = io.tlsprobe.assertj.KeyStrength.rsaEquivalentBits(certificate);
    return rsa.isPresent() ? " ≈ RSA " + rsa.getAsInt() + " bits" : " (strength of this key type unknown)";
  }
}
