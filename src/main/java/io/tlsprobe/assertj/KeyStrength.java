package io.tlsprobe.assertj;

import io.tlsprobe.report.CertificateInfo;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Key sizes on one scale: the RSA modulus size of comparable strength, after NIST SP 800-57 Part 1 Rev. 5, table 2
 * (RSA 2048 ≈ EC 224–255 ≈ 112-bit security; RSA 3072 ≈ EC 256–383 ≈ 128; RSA 7680 ≈ EC 384–511 ≈ 192; RSA 15360
 * ≈ EC 512+ ≈ 256). RSA, DSA and DH keys count by modulus; EC and EdDSA keys by field size.
 *
 * <pre>{@code
 * KeyStrength.rsaEquivalentBits(ecP256Leaf);  // OptionalInt[3072]
 * KeyStrength.rsaEquivalentBits(rsa2048Leaf); // OptionalInt[2048]
 * }</pre>
 */
public final class KeyStrength {
  private KeyStrength() {}

  /** The RSA-equivalent size of the certificate's key, empty for a key type of unknown strength. */
  public static OptionalInt rsaEquivalentBits(CertificateInfo certificate) {
    String type = certificate.keyType().toUpperCase(Locale.ROOT);
    int bits = certificate.keyBits();
    if (bits <= 0) {
      return OptionalInt.empty();
    }
    if (type.equals("RSA") || type.equals("RSASSA-PSS") || type.equals("DSA") || type.equals("DH")) {
      return OptionalInt.of(bits);
    }
    if (type.equals("EC") || type.startsWith("ED") || type.startsWith("X25519") || type.startsWith("X448")) {
      return OptionalInt.of(ellipticToRsa(bits));
    }
    return OptionalInt.empty();
  }

  /** NIST SP 800-57 table 2: elliptic-curve field size → RSA modulus of comparable strength. */
  static int ellipticToRsa(int fieldBits) {
    if (fieldBits >= 512) {
      return 15360;
    } else if (fieldBits >= 384) {
      return 7680;
    } else if (fieldBits >= 255) {
      return 3072; // P-256, and Ed25519/X25519 (255-bit field, 128-bit security)
    } else if (fieldBits >= 224) {
      return 2048;
    } else if (fieldBits >= 160) {
      return 1024;
    }
    return 0;
  }
}
