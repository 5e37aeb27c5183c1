package io.tlsprobe.assertj;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.wire.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed certificates generated with Bouncy Castle (its provider passed by instance, never installed), and
 * their facts as a probe would report them. Independent of other test helpers on purpose.
 *
 * <pre>{@code
 * CertificateInfo info = RealCertificates.info(RealCertificates.ec("SHA256withECDSA", "DNS:localhost", "IP:::1"));
 * }</pre>
 */
final class RealCertificates {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private RealCertificates() {}

  /** A self-signed {@code CN=localhost} certificate with an EC secp256r1 key, valid from now for 90 days. */
  static X509Certificate ec(String signatureAlgorithm, String... subjectAlternativeNames) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return selfSigned(generator.generateKeyPair(), signatureAlgorithm, subjectAlternativeNames);
  }

  /** The same with an RSA 2048 key; {@code SHA256withRSAandMGF1} gives an RSASSA-PSS signature. */
  static X509Certificate rsa(String signatureAlgorithm, String... subjectAlternativeNames) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return selfSigned(generator.generateKeyPair(), signatureAlgorithm, subjectAlternativeNames);
  }

  private static X509Certificate selfSigned(KeyPair keys, String signatureAlgorithm, String... names)
      throws OperatorCreationException, CertificateException, java.io.IOException {
    X500Name subject = new X500Name("CN=localhost");
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(90))), subject,
        keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    if (names.length > 0) {
      List<GeneralName> generalNames = new ArrayList<>();
      for (String name : names) {
        generalNames.add(name.startsWith("IP:")
            ? new GeneralName(GeneralName.iPAddress, name.substring(3))
            : new GeneralName(GeneralName.dNSName, name.substring("DNS:".length())));
      }
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(generalNames.toArray(new GeneralName[0])));
    }
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC).build(keys.getPrivate())));
  }

  /** The certificate's facts, read the way a probe reads them from JCA. */
  static CertificateInfo info(X509Certificate certificate) throws GeneralSecurityException {
    PublicKey key = certificate.getPublicKey();
    int bits = key instanceof RSAPublicKey rsa
        ? rsa.getModulus().bitLength()
        : ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
    Optional<String> curve = key instanceof ECPublicKey ? Optional.of("secp256r1") : Optional.empty();
    List<String> sans = new ArrayList<>();
    Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
    if (entries != null) {
      for (List<?> entry : entries) {
        int type = (Integer) entry.get(0);
        sans.add((type == GeneralName.iPAddress ? "IP:" : "DNS:") + entry.get(1));
      }
    }
    boolean selfSigned = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    return new CertificateInfo(
        certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
        certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
        sans,
        certificate.getSerialNumber().toString(16),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        key.getAlgorithm(),
        bits,
        curve,
        certificate.getSigAlgName(),
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())),
        certificate.getBasicConstraints() >= 0,
        List.of(),
        selfSigned,
        Bytes.of(certificate.getEncoded()));
  }
}
