package io.tlsprobe.report;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
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
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link CertificateInfo#of} needs from a certificate's DER (RFC 5280 §4.1) with Bouncy Castle's ASN.1
 * classes: the subject alternative names rendered as text, and the public key's algorithm, size and curve. Never
 * throws for odd input: what does not decode is left out.
 *
 * <pre>{@code
 * List<String> sans = CertificateDecoder.subjectAlternativeNames(CertificateDecoder.parse(der)); // [DNS:localhost]
 * }</pre>
 */
final class CertificateDecoder {

  private CertificateDecoder() {}

  /** The certificate as Bouncy Castle's ASN.1 structure; null when it does not decode (the JDK was laxer). */
  static org.bouncycastle.asn1.x509.@Nullable Certificate parse(byte[] der) {
    try {
      return org.bouncycastle.asn1.x509.Certificate.getInstance(der);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** RFC 5280 §4.2.1.6 {@code GeneralNames} of the subjectAltName extension, rendered in certificate order. */
  static List<String> subjectAlternativeNames(org.bouncycastle.asn1.x509.@Nullable Certificate parsed) {
    if (parsed == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try {
      GeneralNames sans =
          GeneralNames.fromExtensions(parsed.getTBSCertificate().getExtensions(), Extension.subjectAlternativeName);
      if (sans != null) {
        for (GeneralName name : sans.getNames()) {
          names.add(renderOrHex(name));
        }
      }
    } catch (RuntimeException e) {
      return List.of(); // an undecodable extension: no SANs rather than no report
    }
    return names;
  }

  private static String renderOrHex(GeneralName name) {
    try {
      return render(name);
    } catch (RuntimeException e) {
      return "GeneralName[" + name.getTagNo() + "]:#" + hex(name.getName());
    }
  }

  /*
   * RFC 5280 §4.2.1.6
   *
   *   GeneralName ::= CHOICE {
   *        otherName                       [0]     OtherName,
   *        rfc822Name                      [1]     IA5String,
   *        dNSName                         [2]     IA5String,
   *        x400Address                     [3]     ORAddress,
   *        directoryName                   [4]     Name,
   *        ediPartyName                    [5]     EDIPartyName,
   *        uniformResourceIdentifier       [6]     IA5String,
   *        iPAddress                       [7]     OCTET STRING,
   *        registeredID                    [8]     OBJECT IDENTIFIER }
   *
   *   OtherName ::= SEQUENCE {
   *        type-id    OBJECT IDENTIFIER,
   *        value      [0] EXPLICIT ANY DEFINED BY type-id }
   */
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

  /**
   * The public key facts of RFC 5280 §4.1.2.7 subjectPublicKeyInfo.
   *
   * @param type the key algorithm's common name, e.g. {@code RSA}, {@code EC}, {@code Ed25519}
   * @param bits the key size, 0 when unknown
   * @param curve the named curve of an EC key
   */
  record KeyFacts(String type, int bits, Optional<String> curve) {

    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final String EC = "1.2.840.10045.2.1";
    private static final String DSA = "1.2.840.10040.4.1";
    private static final String X25519 = "1.3.101.110";
    private static final String X448 = "1.3.101.111";
    private static final String ED25519 = "1.3.101.112";
    private static final String ED448 = "1.3.101.113";

    /*
     * RFC 5280 §4.1
     *
     *   SubjectPublicKeyInfo  ::=  SEQUENCE  {
     *        algorithm            AlgorithmIdentifier,
     *        subjectPublicKey     BIT STRING  }
     *
     *   AlgorithmIdentifier  ::=  SEQUENCE  {
     *        algorithm               OBJECT IDENTIFIER,
     *        parameters              ANY DEFINED BY algorithm OPTIONAL  }
     */
    static KeyFacts of(X509Certificate certificate, org.bouncycastle.asn1.x509.@Nullable Certificate parsed) {
      if (parsed == null) {
        return unknown(certificate, "unknown");
      }
      try {
        SubjectPublicKeyInfo info = parsed.getSubjectPublicKeyInfo();
        ASN1Encodable parameters = info.getAlgorithm().getParameters();
        return switch (info.getAlgorithm().getAlgorithm().getId()) {
          case RSA -> new KeyFacts("RSA", rsaBits(info), Optional.empty());
          case RSASSA_PSS -> new KeyFacts("RSASSA-PSS", rsaBits(info), Optional.empty());
          case EC -> ec(X962Parameters.getInstance(parameters));
          case DSA -> new KeyFacts("DSA", dsaBits(parameters), Optional.empty());
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

    /* RFC 3279 §2.3.2: Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }, absent when inherited. */
    private static int dsaBits(@Nullable ASN1Encodable parameters) {
      return parameters == null ? 0 : bits(DSAParameter.getInstance(parameters).getP());
    }

    private static int bits(BigInteger value) {
      return value.bitLength();
    }

    /*
     * RFC 5480 §2.1.1 (and X9.62, which also allows the last two)
     *
     *   ECParameters ::= CHOICE {
     *     namedCurve         OBJECT IDENTIFIER
     *     -- implicitCurve   NULL
     *     -- specifiedCurve  SpecifiedECDomain
     *   }
     */
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
}
