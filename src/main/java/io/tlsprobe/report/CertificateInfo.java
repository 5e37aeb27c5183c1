package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.wire.Bytes;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;

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
    KeyFacts key = KeyFacts.of(certificate, der);
    return new CertificateInfo(
        certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
        certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
        subjectAlternativeNames(der),
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

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("certificate has no DER encoding: " + certificate.getSubjectX500Principal(), e);
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

  /** RFC 5280 §4.2.1.6 {@code GeneralNames} of the subjectAltName extension, rendered in certificate order. */
  private static List<String> subjectAlternativeNames(byte[] der) {
    List<String> names = new ArrayList<>();
    try {
      GeneralNames sans =
          GeneralNames.fromExtensions(
              org.bouncycastle.asn1.x509.Certificate.getInstance(der).getTBSCertificate().getExtensions(),
              Extension.subjectAlternativeName);
      if (sans != null) {
        for (GeneralName name : sans.getNames()) {
          names.add(render(name));
        }
      }
    } catch (RuntimeException e) {
      return List.of(); // an undecodable extension: no SANs rather than no report
    }
    return names;
  }

  private static String render(GeneralName name) {
    ASN1Encodable value = name.getName();
    return switch (name.getTagNo()) {
      case GeneralName.otherName -> otherName(OtherName.getInstance(value));
      case GeneralName.rfc822Name -> "email:" + ((ASN1String) value).getString();
      case GeneralName.dNSName -> "DNS:" + ((ASN1String) value).getString();
      case GeneralName.directoryName ->
          "dirName:" + new X500Principal(encoded(X500Name.getInstance(value))).getName(X500Principal.RFC2253);
      case GeneralName.uniformResourceIdentifier -> "URI:" + ((ASN1String) value).getString();
      case GeneralName.iPAddress -> "IP:" + ipAddress(ASN1OctetString.getInstance(value).getOctets());
      case GeneralName.registeredID -> "RID:" + ASN1ObjectIdentifier.getInstance(value).getId();
      case GeneralName.x400Address -> "x400Address:" + hex(value);
      default -> "ediPartyName:" + hex(value);
    };
  }

  private static String otherName(OtherName name) {
    ASN1Encodable value = name.getValue();
    if (value instanceof ASN1TaggedObject tagged) {
      value = tagged.getBaseObject();
    }
    return "otherName:"
        + name.getTypeID().getId()
        + (value instanceof ASN1String string ? ":" + string.getString() : "");
  }

  private static byte[] encoded(ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot encode " + value, e);
    }
  }

  private static String hex(ASN1Encodable value) {
    return HexFormat.of().formatHex(encoded(value));
  }

  /** IPv4 dotted quad; IPv6 in RFC 5952 form; an address with a mask (8 or 32 octets) as address/mask. */
  private static String ipAddress(byte[] octets) {
    return switch (octets.length) {
      case 4, 16 -> address(octets);
      case 8, 32 -> address(java.util.Arrays.copyOf(octets, octets.length / 2))
          + "/" + address(java.util.Arrays.copyOfRange(octets, octets.length / 2, octets.length));
      default -> "#" + HexFormat.of().formatHex(octets);
    };
  }

  private static String address(byte[] octets) {
    if (octets.length == 4) {
      try {
        return InetAddress.getByAddress(octets).getHostAddress();
      } catch (UnknownHostException e) {
        throw new IllegalStateException("4 octets are always an address", e);
      }
    }
    return ipv6(octets);
  }

  /** RFC 5952 §4: lower-case hex, no leading zeros, the first longest run of two or more zero groups as "::". */
  private static String ipv6(byte[] octets) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((octets[2 * i] & 0xff) << 8) | (octets[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = Math.max(j, i + 1);
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  /** The public key facts of RFC 5280 §4.1.2.7 subjectPublicKeyInfo. */
  private record KeyFacts(String type, int bits, Optional<String> curve) {

    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final String EC = "1.2.840.10045.2.1";
    private static final String DSA = "1.2.840.10040.4.1";
    private static final String X25519 = "1.3.101.110";
    private static final String X448 = "1.3.101.111";
    private static final String ED25519 = "1.3.101.112";
    private static final String ED448 = "1.3.101.113";

    static KeyFacts of(X509Certificate certificate, byte[] der) {
      try {
        SubjectPublicKeyInfo info =
            org.bouncycastle.asn1.x509.Certificate.getInstance(der).getSubjectPublicKeyInfo();
        ASN1Encodable parameters = info.getAlgorithm().getParameters();
        return switch (info.getAlgorithm().getAlgorithm().getId()) {
          case RSA -> new KeyFacts("RSA", rsaBits(info), Optional.empty());
          case RSASSA_PSS -> new KeyFacts("RSASSA-PSS", rsaBits(info), Optional.empty());
          case EC -> ec(X962Parameters.getInstance(parameters));
          case DSA -> new KeyFacts("DSA", parameters == null ? 0 : bits(DSAParameter.getInstance(parameters).getP()),
              Optional.empty());
          case X25519 -> new KeyFacts("X25519", 255, Optional.empty());
          case X448 -> new KeyFacts("X448", 448, Optional.empty());
          case ED25519 -> new KeyFacts("Ed25519", 255, Optional.empty());
          case ED448 -> new KeyFacts("Ed448", 448, Optional.empty());
          default -> unknown(certificate, info.getAlgorithm().getAlgorithm().getId());
        };
      } catch (RuntimeException e) {
        return unknown(certificate, "unknown");
      }
    }

    private static int rsaBits(SubjectPublicKeyInfo info) {
      try {
        return bits(RSAPublicKey.getInstance(info.parsePublicKey()).getModulus());
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("undecodable RSA key", e);
      }
    }

    private static int bits(BigInteger value) {
      return value.bitLength();
    }

    /** RFC 5480 §2.1.1: a named curve (by OID), implicitCA, or explicit parameters (no name). */
    private static KeyFacts ec(X962Parameters parameters) {
      if (parameters.isNamedCurve()) {
        ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(parameters.getParameters());
        X9ECParameters curve = ECNamedCurveTable.getByOID(oid);
        return new KeyFacts("EC", curve == null ? 0 : curve.getCurve().getFieldSize(), Optional.of(curveName(oid)));
      }
      if (parameters.isImplicitlyCA()) {
        return new KeyFacts("EC", 0, Optional.empty());
      }
      X9ECParameters explicit = X9ECParameters.getInstance(parameters.getParameters());
      return new KeyFacts("EC", explicit.getCurve().getFieldSize(), Optional.empty());
    }

    /** The SEC 2 name when there is one ({@code secp256r1}, not X9.62's {@code prime256v1}), else any known name. */
    private static String curveName(ASN1ObjectIdentifier oid) {
      String sec = SECNamedCurves.getName(oid);
      if (sec != null) {
        return sec;
      }
      String other = ECNamedCurveTable.getName(oid);
      return other != null ? other : oid.getId();
    }

    private static KeyFacts unknown(X509Certificate certificate, String fallback) {
      try {
        return new KeyFacts(certificate.getPublicKey().getAlgorithm(), 0, Optional.empty());
      } catch (RuntimeException e) {
        return new KeyFacts(fallback, 0, Optional.empty());
      }
    }
  }

  /** {@code CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)}. */
  @Override
  public String toString() {
    return subject + " (" + keyType + " " + keyBits + curve.map(c -> " " + c).orElse("") + ", until " + notAfter + ")";
  }
}
