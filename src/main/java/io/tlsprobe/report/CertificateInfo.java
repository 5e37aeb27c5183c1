package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.wire.Bytes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The facts of one X.509 certificate in a chain, as a test asserts on them.
 *
 * <pre>{@code
 * CertificateInfo leaf = report.certificates().get(0);
 * leaf.subject();            // "CN=localhost"
 * leaf.keyType();            // "EC"
 * leaf.keyBits();            // 256
 * leaf.curve();              // Optional[secp256r1]
 * leaf.notAfter();           // 2027-11-27T03:00:00Z
 * }</pre>
 *
 * @param subject the subject DN (RFC 2253)
 * @param issuer the issuer DN (RFC 2253)
 * @param subjectAlternativeNames SANs as {@code DNS:name}, {@code IP:address}, {@code URI:…}, {@code email:…}, in
 *     certificate order
 * @param serialNumber the serial number, lower-case hex
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param keyType the public key algorithm: {@code RSA}, {@code EC}, {@code Ed25519}, {@code Ed448}, {@code DSA}, …
 * @param keyBits the key size in bits (RSA modulus, EC field size, 255 for Ed25519)
 * @param curve the named curve of an EC key ({@code secp256r1}, …), empty for other keys or unnamed curves
 * @param signatureAlgorithm the JCA name of the signature on this certificate, e.g. {@code SHA256withECDSA}
 * @param sha256Fingerprint SHA-256 of the DER encoding, lower-case hex
 * @param certificateAuthority whether basicConstraints says CA
 * @param keyUsage the key usage bits set, by RFC 5280 name ({@code digitalSignature}, {@code keyCertSign}, …), empty
 *     when the extension is absent
 * @param selfSigned whether subject equals issuer and the signature verifies with its own key
 * @param der the DER encoding
 */
public record CertificateInfo(
    String subject,
    String issuer,
    List<String> subjectAlternativeNames,
    String serialNumber,
    Instant notBefore,
    Instant notAfter,
    String keyType,
    int keyBits,
    Optional<String> curve,
    String signatureAlgorithm,
    String sha256Fingerprint,
    boolean certificateAuthority,
    List<String> keyUsage,
    boolean selfSigned,
    Bytes der) {

  public CertificateInfo {
    requireNonNull(subject, "subject");
    requireNonNull(issuer, "issuer");
    subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
    requireNonNull(serialNumber, "serialNumber");
    requireNonNull(notBefore, "notBefore");
    requireNonNull(notAfter, "notAfter");
    requireNonNull(keyType, "keyType");
    requireNonNull(curve, "curve");
    requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    requireNonNull(sha256Fingerprint, "sha256Fingerprint");
    keyUsage = List.copyOf(keyUsage);
    requireNonNull(der, "der");
  }

  /** {@code CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)}. */
  @Override
  public String toString() {
    return subject + " (" + keyType + " " + keyBits + curve.map(c -> " " + c).orElse("") + ", until " + notAfter + ")";
  }
}
