package io.tlsprobe.cert;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Certificates made on the spot for tests and demos: a CA, intermediates and leaves with the subject, names,
 * validity, key, signature algorithm, CA flag and key usage a scenario needs, plus in-memory trust stores, trust managers, key managers
 * and {@link SSLContext}s built from them. Nothing JVM-global is touched (no provider is registered, no default is
 * set); keys and signatures come from the JDK's own providers, the certificate encoding from Bouncy Castle.
 *
 * <pre>{@code
 * HeldCertificate root = Certificates.certificate().subject("CN=Test Root").ca().build();
 * HeldCertificate leaf =
 *     Certificates.certificate()
 *         .subject("CN=localhost")
 *         .dns("localhost")
 *         .ip("127.0.0.1")
 *         .key(KeyType.RSA_2048)
 *         .issuedBy(root)
 *         .build();
 * SSLContext server = Certificates.sslContext(leaf);                      // presents leaf (+ its intermediates)
 * SSLContext client = Certificates.sslContext(null, root.certificate());  // trusts only root
 * X509TrustManager trust = Certificates.trustManager(root.certificate());
 * }</pre>
 *
 * <p>Every builder setter documents its default, in the manner of OkHttp's {@code HeldCertificate}.
 */
public final class Certificates {

  private Certificates() {}

  /** A builder for one certificate; by default a self-signed EC P-256 leaf for {@code CN=localhost}. */
  public static Builder certificate() {
    return new Builder();
  }

  /**
   * An in-memory PKCS#12 key store holding {@code anchors} as trusted certificate entries ({@code anchor-0},
   * {@code anchor-1}, …).
   */
  public static KeyStore trustStore(X509Certificate... anchors) {
    try {
      KeyStore store = emptyKeyStore();
      for (int i = 0; i < anchors.length; i++) {
        store.setCertificateEntry("anchor-" + i, requireNonNull(anchors[i], "anchor"));
      }
      return store;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust store", e);
    }
  }

  /** The JDK's PKIX trust manager trusting exactly {@code anchors} (and nothing of the JDK's default store). */
  public static X509TrustManager trustManager(X509Certificate... anchors) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(trustStore(anchors));
      return (X509TrustManager) factory.getTrustManagers()[0];
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust manager", e);
    }
  }

  /**
   * A TLS {@link SSLContext} presenting {@code identity} (its key and {@link HeldCertificate#chain() chain}) when
   * not null, and trusting exactly {@code anchors} (nothing when none are given).
   */
  public static SSLContext sslContext(@Nullable HeldCertificate identity, X509Certificate... anchors) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          identity == null ? null : new javax.net.ssl.KeyManager[] {identity.keyManager()},
          new javax.net.ssl.TrustManager[] {trustManager(anchors)},
          new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build an SSLContext", e);
    }
  }

  static KeyStore emptyKeyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return store;
  }

  /** The kinds of key a test certificate can have. */
  public enum KeyType {
    /** EC on secp256r1 (NIST P-256); signs with {@code SHA256withECDSA} by default. */
    EC_P256("EC", "secp256r1", 0),
    /** EC on secp384r1 (NIST P-384); signs with {@code SHA384withECDSA} by default. */
    EC_P384("EC", "secp384r1", 0),
    /** RSA with a 1024-bit modulus (weak on purpose); signs with {@code SHA256withRSA} by default. */
    RSA_1024("RSA", null, 1024),
    /** RSA with a 2048-bit modulus; signs with {@code SHA256withRSA} by default. */
    RSA_2048("RSA", null, 2048),
    /** Ed25519 (RFC 8410); signs with {@code Ed25519}. */
    ED25519("Ed25519", null, 0);

    private final String algorithm;
    private final @Nullable String curve;
    private final int bits;

    KeyType(String algorithm, @Nullable String curve, int bits) {
      this.algorithm = algorithm;
      this.curve = curve;
      this.bits = bits;
    }

    /** A fresh key pair of this kind, from the JDK's providers. */
    public KeyPair generate() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curve != null) {
          generator.initialize(new ECGenParameterSpec(curve));
        } else if (bits > 0) {
          generator.initialize(bits);
        }
        return generator.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot generate a " + this + " key", e);
      }
    }
  }

  /** RFC 5280 §4.2.1.3 key usage bits, in bit order. */
  public enum Usage {
    DIGITAL_SIGNATURE(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature),
    NON_REPUDIATION(org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation),
    KEY_ENCIPHERMENT(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT(org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment),
    KEY_AGREEMENT(org.bouncycastle.asn1.x509.KeyUsage.keyAgreement),
    KEY_CERT_SIGN(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign),
    CRL_SIGN(org.bouncycastle.asn1.x509.KeyUsage.cRLSign),
    ENCIPHER_ONLY(org.bouncycastle.asn1.x509.KeyUsage.encipherOnly),
    DECIPHER_ONLY(org.bouncycastle.asn1.x509.KeyUsage.decipherOnly);

    private final int bit;

    Usage(int bit) {
      this.bit = bit;
    }
  }

  /** Builds one {@link HeldCertificate}; every setter names its default. Not thread-safe; use once. */
  public static final class Builder {

    private String subject = "CN=localhost";
    private final List<GeneralName> subjectAlternativeNames = new ArrayList<>();
    private @Nullable Instant notBefore;
    private @Nullable Instant notAfter;
    private KeyType keyType = KeyType.EC_P256;
    private @Nullable KeyPair keyPair;
    private @Nullable String signatureAlgorithm;
    private int pathLength = -1;
    private boolean ca;
    private @Nullable Set<Usage> keyUsage;
    private final List<KeyPurposeId> extendedKeyUsage = new ArrayList<>();
    private @Nullable BigInteger serialNumber;
    private @Nullable HeldCertificate issuer;

    private Builder() {}

    /** The subject DN in RFC 2253 form. Default {@code CN=localhost}. */
    public Builder subject(String subject) {
      this.subject = requireNonNull(subject, "subject");
      return this;
    }

    /** Adds DNS subject alternative names (wildcards allowed: {@code *.example.com}). Default: no SANs. */
    public Builder dns(String... names) {
      for (String name : names) {
        subjectAlternativeNames.add(new GeneralName(GeneralName.dNSName, requireNonNull(name, "name")));
      }
      return this;
    }

    /** Adds IP subject alternative names from IPv4 or IPv6 literals (no DNS lookup). Default: no SANs. */
    public Builder ip(String... addresses) {
      for (String address : addresses) {
        subjectAlternativeNames.add(new GeneralName(GeneralName.iPAddress, requireNonNull(address, "address")));
      }
      return this;
    }

    /** Adds URI subject alternative names. Default: no SANs. */
    public Builder uri(String... uris) {
      for (String uri : uris) {
        subjectAlternativeNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, requireNonNull(uri, "uri")));
      }
      return this;
    }

    /** Adds rfc822Name (e-mail) subject alternative names. Default: no SANs. */
    public Builder email(String... addresses) {
      for (String address : addresses) {
        subjectAlternativeNames.add(new GeneralName(GeneralName.rfc822Name, requireNonNull(address, "address")));
      }
      return this;
    }

    /** Adds a directoryName subject alternative name (an RFC 2253 DN). Default: no SANs. */
    public Builder directoryName(String dn) {
      subjectAlternativeNames.add(new GeneralName(X500Name.getInstance(new X500Principal(dn).getEncoded())));
      return this;
    }

    /** The validity window. Default: from one hour ago to 90 days from now. */
    public Builder validity(Instant notBefore, Instant notAfter) {
      this.notBefore = requireNonNull(notBefore, "notBefore");
      this.notAfter = requireNonNull(notAfter, "notAfter");
      return this;
    }

    /** The kind of key to generate. Default {@link KeyType#EC_P256}. */
    public Builder key(KeyType keyType) {
      this.keyType = requireNonNull(keyType, "keyType");
      this.keyPair = null;
      return this;
    }

    /** A key pair to use instead of generating one (saves time when many certificates share a key). */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = requireNonNull(keyPair, "keyPair");
      return this;
    }

    /**
     * The JCA signature algorithm the issuer signs with, e.g. {@code SHA1withRSA}. Default: by the signing key
     * (the issuer's, or this certificate's own when self-signed): {@code SHA256withRSA} for RSA, {@code
     * SHA256withECDSA} / {@code SHA384withECDSA} / {@code SHA512withECDSA} for P-256 / P-384 / P-521, {@code
     * Ed25519} for Ed25519.
     */
    public Builder signatureAlgorithm(String signatureAlgorithm) {
      this.signatureAlgorithm = requireNonNull(signatureAlgorithm, "signatureAlgorithm");
      return this;
    }

    /** Makes this a CA (critical basicConstraints cA=true, no path length limit). Default: not a CA. */
    public Builder ca() {
      this.ca = true;
      this.pathLength = -1;
      return this;
    }

    /** Makes this a CA allowing {@code pathLength} intermediates below it. Default: not a CA. */
    public Builder ca(int pathLength) {
      if (pathLength < 0) {
        throw new IllegalArgumentException("pathLength must be >= 0, was " + pathLength);
      }
      this.ca = true;
      this.pathLength = pathLength;
      return this;
    }

    /**
     * The key usage bits (critical extension). Default: {@code keyCertSign, cRLSign} for a CA; {@code
     * digitalSignature} for a leaf (plus {@code keyEncipherment} for an RSA key). None given: no extension at all.
     */
    public Builder keyUsage(Usage... usages) {
      this.keyUsage = usages.length == 0 ? EnumSet.noneOf(Usage.class) : EnumSet.copyOf(List.of(usages));
      return this;
    }

    /** Adds an extended key usage purpose by OID, e.g. {@code 1.3.6.1.5.5.7.3.1} (serverAuth). Default: none. */
    public Builder extendedKeyUsage(String oid) {
      extendedKeyUsage.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)));
      return this;
    }

    /** The serial number. Default: a random positive 63-bit number. */
    public Builder serialNumber(BigInteger serialNumber) {
      if (serialNumber.signum() <= 0) {
        throw new IllegalArgumentException("serialNumber must be positive, was " + serialNumber);
      }
      this.serialNumber = serialNumber;
      return this;
    }

    /** The CA that signs this certificate. Default: self-signed. */
    public Builder issuedBy(HeldCertificate issuer) {
      this.issuer = requireNonNull(issuer, "issuer");
      return this;
    }

    /** Generates the key (unless given) and signs the certificate. */
    public HeldCertificate build() {
      KeyPair subjectKey = keyPair != null ? keyPair : keyType.generate();
      Instant now = Instant.now();
      Instant from = notBefore != null ? notBefore : now.minus(Duration.ofHours(1));
      Instant until = notAfter != null ? notAfter : now.plus(Duration.ofDays(90));
      X500Principal issuerName =
          issuer == null ? new X500Principal(subject) : issuer.certificate().getSubjectX500Principal();
      KeyPair signingKey = issuer == null ? subjectKey : issuer.keyPair();
      try {
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                issuerName,
                serialNumber != null ? serialNumber : new BigInteger(63, new SecureRandom()).setBit(0),
                Date.from(from),
                Date.from(until),
                new X500Principal(subject),
                subjectKey.getPublic());
        if (ca) {
          builder.addExtension(
              Extension.basicConstraints,
              true,
              pathLength >= 0 ? new BasicConstraints(pathLength) : new BasicConstraints(true));
        }
        int usageBits = keyUsageBits(subjectKey);
        if (usageBits != 0) {
          builder.addExtension(
              Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(usageBits));
        }
        if (!subjectAlternativeNames.isEmpty()) {
          builder.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(subjectAlternativeNames.toArray(new GeneralName[0])));
        }
        if (!extendedKeyUsage.isEmpty()) {
          builder.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(extendedKeyUsage.toArray(new KeyPurposeId[0])));
        }
        String algorithm = signatureAlgorithm != null ? signatureAlgorithm : defaultSignatureAlgorithm(signingKey);
        X509Certificate certificate =
            new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey.getPrivate())));
        return new HeldCertificate(certificate, subjectKey, issuer);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode certificate for " + subject, e);
      } catch (GeneralSecurityException | OperatorCreationException e) {
        throw new IllegalStateException("cannot sign certificate for " + subject, e);
      }
    }

    private int keyUsageBits(KeyPair subjectKey) {
      if (keyUsage != null) {
        int bits = 0;
        for (Usage usage : keyUsage) {
          bits |= usage.bit;
        }
        return bits;
      }
      if (ca) {
        return Usage.KEY_CERT_SIGN.bit | Usage.CRL_SIGN.bit;
      }
      boolean rsa = subjectKey.getPublic().getAlgorithm().equals("RSA");
      return Usage.DIGITAL_SIGNATURE.bit | (rsa ? Usage.KEY_ENCIPHERMENT.bit : 0);
    }

    /** SHA-256 for RSA and P-256, SHA-384 for P-384, SHA-512 for P-521, the curve's own scheme for EdDSA. */
    private static String defaultSignatureAlgorithm(KeyPair signingKey) {
      PublicKey key = signingKey.getPublic();
      if (key instanceof ECPublicKey ec) {
        int bits = ec.getParams().getCurve().getField().getFieldSize();
        return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
      }
      if (key instanceof EdECKey ed) {
        return ed.getParams().getName();
      }
      if (key.getAlgorithm().equals("RSA")) {
        return "SHA256withRSA";
      }
      throw new IllegalStateException("no default signature algorithm for a " + key.getAlgorithm() + " key");
    }
  }
}
