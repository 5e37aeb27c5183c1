package io.tlsprobe.probe;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for in-process test servers, made with Bouncy Castle on the default JCA provider: EC P-256 or RSA
 * keys, SANs {@code localhost} and {@code 127.0.0.1}, chosen validity, self-signed or issued by a test CA.
 *
 * <pre>{@code
 * Identity ca = TestCertificates.ca("CN=Test CA");
 * Identity leaf = TestCertificates.issue(ca, "CN=localhost", validNow());
 * KeyStore trust = TestCertificates.trustStore(ca.certificate());
 * }</pre>
 */
final class TestCertificates {
  static final char[] PASSWORD = "changeit".toCharArray();

  private TestCertificates() {}

  /**
   * A key pair with its certificate chain, leaf first.
   *
   * @param keyPair the key pair
   * @param chain the certificate chain, leaf first
   */
  record Identity(KeyPair keyPair, List<X509Certificate> chain) {
    X509Certificate certificate() {
      return chain.get(0);
    }

    /** A PKCS12 key store holding the key under alias {@code key}, password {@link #PASSWORD}. */
    KeyStore keyStore() {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", keyPair.getPrivate(), PASSWORD, chain.toArray(X509Certificate[]::new));
        return ks;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    KeyManager[] keyManagers() {
      try {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore(), PASSWORD);
        return kmf.getKeyManagers();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Validity window.
   *
   * @param notBefore start
   * @param notAfter end
   */
  record Validity(Instant notBefore, Instant notAfter) {}

  static Validity validNow() {
    Instant now = Instant.now();
    return new Validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
  }

  static Validity expired() {
    Instant now = Instant.now();
    return new Validity(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30)));
  }

  static Identity selfSigned(String subject, Validity validity, String keyAlgorithm) {
    KeyPair keys = keyPair(keyAlgorithm);
    return new Identity(keys, List.of(sign(subject, keys, subject, keys, validity, false)));
  }

  static Identity ca(String subject) {
    KeyPair keys = keyPair("EC");
    return new Identity(keys, List.of(sign(subject, keys, subject, keys, validNow(), true)));
  }

  static Identity issue(Identity ca, String subject, Validity validity, String keyAlgorithm) {
    KeyPair keys = keyPair(keyAlgorithm);
    X509Certificate leaf = sign(subject, keys, ca.certificate().getSubjectX500Principal().getName(), ca.keyPair(),
        validity, false);
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    chain.addAll(ca.chain());
    return new Identity(keys, chain);
  }

  static KeyStore trustStore(X509Certificate... anchors) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      for (int i = 0; i < anchors.length; i++) {
        ks.setCertificateEntry("anchor" + i, anchors[i]);
      }
      return ks;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keyPair(String algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
      Validity validity, boolean ca) {
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          new X500Name(issuer), new BigInteger(63, new SecureRandom()).add(BigInteger.ONE), Date.from(validity.notBefore()),
          Date.from(validity.notAfter()), new X500Name(subject), subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (!ca) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      }
      String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a certificate for " + subject, e);
    }
  }
}
