package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.wire.Bytes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

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
 *
 * CertificateInfo info = CertificateInfo.of(x509Certificate); // from any java.security.cert.X509Certificate
 * }</pre>
 *
 * <p>The fields follow RFC 5280: <a href="https://www.rfc-editor.org/rfc/rfc5280#section-4.1">§4.1</a> (subject,
 * issuer, serial, validity, subjectPublicKeyInfo, signature), <a
 * href="https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.6">§4.2.1.6</a> (subject alternative names), <a
 * href="https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.9">§4.2.1.9</a> (basic constraints) and <a
 * href="https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.3">§4.2.1.3</a> (key usage).
 *
 * @param subject the subject DN (RFC 2253)
 * @param issuer the issuer DN (RFC 2253)
 * @param subjectAlternativeNames SANs as {@code DNS:name}, {@code IP:address} (IPv6 in RFC 5952 form, {@code
 *     IP:2001:db8::1}), {@code URI:…}, {@code email:…}, {@code dirName:…} (RFC 2253), {@code RID:oid}, {@code
 *     otherName:oid[:value]}, {@code x400Address:hex}, {@code ediPartyName:hex}, in certificate order
 * @param serialNumber the serial number, lower-case hex
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param keyType the public key algorithm: {@code RSA}, {@code EC}, {@code Ed25519}, {@code Ed448}, {@code DSA}, …
 * @param keyBits the key size in bits (RSA modulus, EC field size, DSA prime, 255 for Ed25519, 448 for Ed448), 0 when
 *     unknown
 * @param curve the named curve of an EC key ({@code secp256r1}, …), empty for other keys or unnamed curves
 * @param signatureAlgorithm the JCA name of the signature on this certificate, e.g. {@code SHA256withECDSA}
 * @param sha256Fingerprint SHA-256 of the DER encoding, lower-case hex
 * @param certificateAuthority whether basicConstraints says CA
 * @param keyUsage the key usage bits set, by RFC 5280 name in bit order ({@code digitalSignature},
 *     {@code nonRepudiation}, {@code keyEncipherment}, {@code dataEncipherment}, {@code keyAgreement},
 *     {@code keyCertSign}, {@code cRLSign}, {@code encipherOnly}, {@code decipherOnly}), empty when the extension is
 *     absent
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

  /** The RFC 5280 names of the KeyUsage bits, in bit order. */
  private static final List<String> KEY_USAGE_NAMES =
      List.of(
          "digitalSignature",
          "nonRepudiation",
          "keyEncipherment",
          "dataEncipherment",
          "keyAgreement",
          "keyCertSign",
          "cRLSign",
          "encipherOnly",
          "decipherOnly");

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

  /**
   * The facts of {@code certificate}. Never throws for an odd certificate: a part that cannot be decoded is left
   * empty (no SANs, no curve), and a key of an algorithm not known here gives {@code keyType} = the algorithm's name
   * (or OID) and {@code keyBits} = 0.
   *
   * <pre>{@code
   * CertificateInfo info = CertificateInfo.of((X509Certificate) session.getPeerCertificates()[0]);
   * }</pre>
   */
  public static CertificateInfo of(X509Certificate certificate) {
    requireNonNull(certificate, "certificate");
    byte[] der = encoded(certificate);
    org.bouncycastle.asn1.x509.@Nullable Certificate parsed = CertificateDecoder.parse(der);
    CertificateDecoder.KeyFacts key = CertificateDecoder.KeyFacts.of(certificate, parsed);
    return new CertificateInfo(
        certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
        certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
        CertificateDecoder.subjectAlternativeNames(parsed),
        certificate.getSerialNumber().toString(16),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        key.type(),
        key.bits(),
        key.curve(),
        certificate.getSigAlgName(),
        sha256(der),
        certificate.getBasicConstraints() >= 0,
        keyUsage(certificate),
        selfSigned(certificate),
        Bytes.of(der));
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "certificate has no DER encoding: " + certificate.getSubjectX500Principal(), e);
    }
  }

  private static String sha256(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static List<String> keyUsage(X509Certificate certificate) {
    boolean[] bits = certificate.getKeyUsage();
    List<String> names = new ArrayList<>();
    if (bits != null) {
      for (int i = 0; i < bits.length && i < KEY_USAGE_NAMES.size(); i++) {
        if (bits[i]) {
          names.add(KEY_USAGE_NAMES.get(i));
        }
      }
    }
    return names;
  }

  private static boolean selfSigned(X509Certificate certificate) {
    if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return false;
    }
    try {
      certificate.verify(certificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** {@code CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)}. */
  @Override
  public String toString() {
    return subject + " (" + keyType + " " + keyBits + curve.map(c -> " " + c).orElse("") + ", until " + notAfter + ")";
  }
}
