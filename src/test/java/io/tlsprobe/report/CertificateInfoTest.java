package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.Certificates.KeyType;
import io.tlsprobe.cert.Certificates.Usage;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateInfoTest {

  @Nested
  class KeyFacts {

    @Test
    void describesRsaKeyByModulusLength() {
      // given
      HeldCertificate certificate = Certificates.certificate().key(KeyType.RSA_2048).build();

      // when
      CertificateInfo info = CertificateInfo.of(certificate.certificate());

      // then
      assertThat(info.keyType()).isEqualTo("RSA");
      assertThat(info.keyBits()).isEqualTo(2048);
      assertThat(info.curve()).isEmpty();
      assertThat(info.signatureAlgorithm()).isEqualTo("SHA256withRSA");
    }

    @Test
    void namesEcCurveBySecNameNotX962Name() {
      // given: P-256, which X9.62 calls prime256v1
      HeldCertificate certificate = Certificates.certificate().key(KeyType.EC_P256).build();

      // when
      CertificateInfo info = CertificateInfo.of(certificate.certificate());

      // then
      assertThat(info.keyType()).isEqualTo("EC");
      assertThat(info.keyBits()).isEqualTo(256);
      assertThat(info.curve()).contains("secp256r1");
    }

    @Test
    void describesP384KeyByFieldSize() {
      X509Certificate certificate = Certificates.certificate().key(KeyType.EC_P384).build().certificate();

      CertificateInfo info = CertificateInfo.of(certificate);


      assertThat(info.keyBits()).isEqualTo(384);
      assertThat(info.curve()).contains("secp384r1");
      assertThat(info.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
    }

    @Test
    void describesEd25519KeyAs255Bits() {
      X509Certificate certificate = Certificates.certificate().key(KeyType.ED25519).build().certificate();

      CertificateInfo info = CertificateInfo.of(certificate);


      assertThat(info.keyType()).isEqualTo("Ed25519");
      assertThat(info.keyBits()).isEqualTo(255);
      assertThat(info.curve()).isEmpty();
      assertThat(info.signatureAlgorithm()).isEqualTo("Ed25519");
    }

    @Test
    void describesDsaKeyByPrimeLength() throws Exception {
      // given
      KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
      generator.initialize(2048);
      KeyPair dsa = generator.generateKeyPair();

      // when
      CertificateInfo info =
          CertificateInfo.of(
              Certificates.certificate().keyPair(dsa).signatureAlgorithm("SHA256withDSA").build().certificate());

      // then
      assertThat(info.keyType()).isEqualTo("DSA");
      assertThat(info.keyBits()).isEqualTo(2048);
    }

    @Test
    void leavesCurveEmptyForExplicitEcParameters() throws Exception {
      // given: a P-256 point whose curve is spelled out instead of named by OID
      KeyPair signer = KeyType.EC_P256.generate();
      byte[] point = SubjectPublicKeyInfo.getInstance(signer.getPublic().getEncoded()).getPublicKeyData().getBytes();
      SubjectPublicKeyInfo explicit =
          new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(
                  X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(ECNamedCurveTable.getByName("secp256r1"))),
              point);

      // when
      CertificateInfo info = CertificateInfo.of(certificateWithKey(explicit, signer));

      // then
      assertThat(info.keyType()).isEqualTo("EC");
      assertThat(info.keyBits()).isEqualTo(256);
      assertThat(info.curve()).isEmpty();
    }

    @Test
    void namesUnknownKeyAlgorithmWithoutThrowing() throws Exception {
      // given
      SubjectPublicKeyInfo unknown =
          new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1")), new byte[] {1, 2, 3, 4});

      // when
      CertificateInfo info = CertificateInfo.of(certificateWithKey(unknown, KeyType.EC_P256.generate()));

      // then
      assertThat(info.keyType()).isEqualTo("1.3.6.1.4.1.55555.1");
      assertThat(info.keyBits()).isZero();
      assertThat(info.curve()).isEmpty();
      assertThat(info.selfSigned()).isFalse();
    }
  }

  @Nested
  class Names {

    @Test
    void rendersEverySanKindInCertificateOrder() {
      // given
      HeldCertificate certificate =
          Certificates.certificate()
              .uri("https://example.com/path")
              .dns("example.com")
              .ip("192.0.2.7")
              .email("ops@example.com")
              .directoryName("CN=Directory,O=Example")
              .dns("*.example.com")
              .build();

      // when
      List<String> sans = CertificateInfo.of(certificate.certificate()).subjectAlternativeNames();

      // then
      assertThat(sans)
          .containsExactly(
              "URI:https://example.com/path",
              "DNS:example.com",
              "IP:192.0.2.7",
              "email:ops@example.com",
              "dirName:CN=Directory,O=Example",
              "DNS:*.example.com");
    }

    @Test
    void writesIpv6SansInRfc5952Form() {
      // given
      HeldCertificate certificate =
          Certificates.certificate()
              .ip("0:0:0:0:0:0:0:1", "2001:0DB8:0:0:1:0:0:1", "2001:db8:0:1:0:0:0:0", "fe80:0:0:0:0:0:0:0")
              .ip("2001:db8:1:2:3:4:5:6", "2001:db8:0:1:1:1:1:1")
              .build();

      // when
      List<String> sans = CertificateInfo.of(certificate.certificate()).subjectAlternativeNames();

      // then: lower case, no leading zeros, the first longest zero run as ::, a lone zero group kept
      assertThat(sans)
          .containsExactly(
              "IP:::1",
              "IP:2001:db8::1:0:0:1",
              "IP:2001:db8:0:1::",
              "IP:fe80::",
              "IP:2001:db8:1:2:3:4:5:6",
              "IP:2001:db8:0:1:1:1:1:1");
    }

    @Test
    void writesSubjectAndIssuerInRfc2253Form() {
      // given
      HeldCertificate root = Certificates.certificate().subject("CN=Test Root,O=Example\\, Inc.,C=DE").ca().build();
      HeldCertificate leaf = Certificates.certificate().subject("CN=localhost,OU=Web").issuedBy(root).build();

      // when
      CertificateInfo info = CertificateInfo.of(leaf.certificate());

      // then
      assertThat(info.subject()).isEqualTo("CN=localhost,OU=Web");
      assertThat(info.issuer()).isEqualTo("CN=Test Root,O=Example\\, Inc.,C=DE");
    }

    @Test
    void hasNoSansWhenTheExtensionIsAbsent() {
      assertThat(CertificateInfo.of(Certificates.certificate().build().certificate()).subjectAlternativeNames())
          .isEmpty();
    }
  }

  @Nested
  class Extensions {

    @Test
    void listsKeyUsageInRfc5280BitOrder() {
      // given
      HeldCertificate certificate =
          Certificates.certificate()
              .keyUsage(Usage.DECIPHER_ONLY, Usage.CRL_SIGN, Usage.NON_REPUDIATION, Usage.DIGITAL_SIGNATURE,
                  Usage.KEY_AGREEMENT, Usage.KEY_CERT_SIGN)
              .build();

      // when
      List<String> usage = CertificateInfo.of(certificate.certificate()).keyUsage();

      // then
      assertThat(usage)
          .containsExactly(
              "digitalSignature", "nonRepudiation", "keyAgreement", "keyCertSign", "cRLSign", "decipherOnly");
    }

    @Test
    void hasNoKeyUsageWhenTheExtensionIsAbsent() {
      assertThat(CertificateInfo.of(Certificates.certificate().keyUsage().build().certificate()).keyUsage())
          .isEmpty();
    }

    @Test
    void flagsCertificateAuthoritiesByBasicConstraints() {
      HeldCertificate root = Certificates.certificate().subject("CN=Root").ca().build();
      HeldCertificate leaf = Certificates.certificate().issuedBy(root).build();

      assertThat(CertificateInfo.of(root.certificate()).certificateAuthority()).isTrue();
      assertThat(CertificateInfo.of(leaf.certificate()).certificateAuthority()).isFalse();
    }

    @Test
    void copiesValidityAndDer() throws Exception {
      // given
      Instant from = Instant.parse("2026-01-01T00:00:00Z");
      Instant until = Instant.parse("2027-01-01T00:00:00Z");
      X509Certificate certificate = Certificates.certificate().validity(from, until).build().certificate();

      // when
      CertificateInfo info = CertificateInfo.of(certificate);

      // then
      assertThat(info.notBefore()).isEqualTo(from);
      assertThat(info.notAfter()).isEqualTo(until);
      assertThat(info.der().toArray()).isEqualTo(certificate.getEncoded());
      assertThat(info.sha256Fingerprint())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
    }
  }

  @Nested
  class SelfSigned {

    @Test
    void isSelfSignedWhenSignedWithItsOwnKey() {
      assertThat(CertificateInfo.of(Certificates.certificate().build().certificate()).selfSigned()).isTrue();
    }

    @Test
    void isNotSelfSignedWhenIssuedByACa() {
      HeldCertificate root = Certificates.certificate().subject("CN=Root").ca().build();

      assertThat(CertificateInfo.of(Certificates.certificate().issuedBy(root).build().certificate()).selfSigned())
          .isFalse();
    }

    @Test
    void isNotSelfSignedWhenSubjectEqualsIssuerButAnotherKeySigned() {
      // given: a CA with the very same name as the leaf it signs
      HeldCertificate twinCa = Certificates.certificate().subject("CN=Twin").ca().build();
      HeldCertificate leaf = Certificates.certificate().subject("CN=Twin").issuedBy(twinCa).build();

      // when
      CertificateInfo info = CertificateInfo.of(leaf.certificate());

      // then
      assertThat(info.subject()).isEqualTo(info.issuer());
      assertThat(info.selfSigned()).isFalse();
    }
  }

  @Nested
  class AgreesWithOpenssl {

    private static final Map<String, String> OPENSSL_SIGNATURE_NAMES =
        Map.of(
            "sha256WithRSAEncryption", "SHA256withRSA",
            "sha1WithRSAEncryption", "SHA1withRSA",
            "ecdsa-with-SHA256", "SHA256withECDSA",
            "ecdsa-with-SHA384", "SHA384withECDSA",
            "ED25519", "Ed25519");

    private static final Map<String, String> OPENSSL_KEY_USAGE_NAMES =
        Map.of(
            "Digital Signature", "digitalSignature",
            "Non Repudiation", "nonRepudiation",
            "Key Encipherment", "keyEncipherment",
            "Data Encipherment", "dataEncipherment",
            "Key Agreement", "keyAgreement",
            "Certificate Sign", "keyCertSign",
            "CRL Sign", "cRLSign",
            "Encipher Only", "encipherOnly",
            "Decipher Only", "decipherOnly");

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void agreesWithOpensslOnEveryFact(KeyType keyType, @TempDir Path dir) throws Exception {
      // given
      Path openssl = Interop.requireCommand("openssl");
      HeldCertificate root = Certificates.certificate().subject("CN=Interop Root,O=tlsprobe").ca().build();
      HeldCertificate leaf =
          Certificates.certificate()
              .subject("CN=interop.example,O=tlsprobe,C=DE")
              .key(keyType)
              .dns("interop.example", "*.interop.example")
              .ip("127.0.0.1", "::1", "2001:db8::8:800:200c:417a")
              .uri("https://interop.example/")
              .email("ops@interop.example")
              .serialNumber(new BigInteger("0f1e2d3c4b5a69788796a5b4c3d2e1f", 16))
              .issuedBy(root)
              .build();
      Path file = leaf.writeCertificatePem(dir.resolve("leaf.pem"));

      // when
      CertificateInfo info = CertificateInfo.of(leaf.certificate());
      String text = run(openssl, "x509", "-in", file.toString(), "-noout", "-text");
      String names =
          run(openssl, "x509", "-in", file.toString(), "-noout", "-subject", "-issuer", "-serial",
              "-nameopt", "RFC2253");
      String fingerprint = run(openssl, "x509", "-in", file.toString(), "-noout", "-fingerprint", "-sha256");

      // then
      assertThat(info.subject()).isEqualTo(field(names, "subject="));
      assertThat(info.issuer()).isEqualTo(field(names, "issuer="));
      assertThat(new BigInteger(info.serialNumber(), 16)).isEqualTo(new BigInteger(field(names, "serial="), 16));
      assertThat(info.sha256Fingerprint())
          .isEqualTo(
              fingerprint.substring(fingerprint.indexOf('=') + 1).strip().replace(":", "").toLowerCase(Locale.ROOT));
      assertThat(info.signatureAlgorithm())
          .isEqualTo(OPENSSL_SIGNATURE_NAMES.get(field(text, "Signature Algorithm:")));
      Matcher bits = Pattern.compile("Public-Key: \\((\\d+) bit\\)").matcher(text);
      if (bits.find()) { // openssl prints no size for Ed25519
        assertThat(info.keyBits()).isEqualTo(Integer.parseInt(bits.group(1)));
      }
      Matcher curve = Pattern.compile("ASN1 OID: (\\S+)").matcher(text);
      if (curve.find()) {
        assertThat(info.curve()).hasValueSatisfying(
            name -> assertThat(SECNamedCurves.getOID(name)).isEqualTo(ECNamedCurveTable.getOID(curve.group(1))));
      } else {
        assertThat(info.curve()).isEmpty();
      }
      assertThat(addresses(info.subjectAlternativeNames())).isEqualTo(addresses(opensslSans(text)));
      assertThat(info.keyUsage()).isEqualTo(opensslKeyUsage(text));
      assertThat(info.certificateAuthority()).isEqualTo(text.contains("CA:TRUE"));
    }

    private String run(Path openssl, String... arguments) {
      List<String> command = new ArrayList<>();
      command.add(openssl.toString());
      command.addAll(Arrays.asList(arguments));
      ProcessResult result = Interop.run(Duration.ofSeconds(30), command);
      assertThat(result.succeeded()).as(result.toString()).isTrue();
      return result.stdout();
    }

    private String field(String output, String prefix) {
      return output.lines()
          .map(String::strip)
          .filter(line -> line.startsWith(prefix))
          .findFirst()
          .map(line -> line.substring(prefix.length()).strip())
          .orElseThrow(() -> new AssertionError("no '" + prefix + "' in openssl output:\n" + output));
    }

    private List<String> opensslSans(String text) {
      List<String> lines = text.lines().map(String::strip).toList();
      int header = lines.indexOf("X509v3 Subject Alternative Name:");
      assertThat(header).as("SAN header in\n" + text).isNotNegative();
      return Arrays.stream(lines.get(header + 1).split(", "))
          .map(name -> name.replaceFirst("^IP Address:", "IP:"))
          .toList();
    }

    private List<String> opensslKeyUsage(String text) {
      List<String> lines = text.lines().map(String::strip).toList();
      int header = lines.indexOf("X509v3 Key Usage: critical");
      if (header < 0) {
        return List.of();
      }
      return Arrays.stream(lines.get(header + 1).split(", ")).map(OPENSSL_KEY_USAGE_NAMES::get).toList();
    }

    /** IP SANs as InetAddress (openssl writes IPv6 unabbreviated), the others as they are. */
    private List<Object> addresses(List<String> sans) {
      return sans.stream().map(san -> san.startsWith("IP:") ? (Object) literal(san.substring(3)) : san).toList();
    }

    private InetAddress literal(String address) {
      try {
        return InetAddress.getByName(address.contains(":") ? "[" + address + "]" : address);
      } catch (UnknownHostException e) {
        throw new AssertionError("not an IP literal: " + address, e);
      }
    }
  }

  /**
   * A certificate carrying {@code key} as its subject public key, signed by {@code signer}, parsed by Bouncy Castle's
   * certificate factory (the JDK's refuses explicit EC parameters; other providers hand such certificates out).
   */
  private static X509Certificate certificateWithKey(SubjectPublicKeyInfo key, KeyPair signer) throws Exception {
    X500Name name = new X500Name("CN=odd");
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            name,
            BigInteger.TEN,
            java.util.Date.from(Instant.parse("2026-01-01T00:00:00Z")),
            java.util.Date.from(Instant.parse("2027-01-01T00:00:00Z")),
            name,
            key);
    return new JcaX509CertificateConverter()
        .setProvider(new BouncyCastleProvider())
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }
}
