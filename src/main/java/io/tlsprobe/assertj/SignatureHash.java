package io.tlsprobe.assertj;

import io.tlsprobe.report.CertificateInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hash a certificate's signature uses, read from its JCA signature algorithm name ({@code SHA256withRSA} →
 * SHA-256), from the RSASSA-PSS parameters in the certificate itself, or "built in" for algorithms that hash
 * internally (EdDSA, ML-DSA, SLH-DSA). Digest sizes come from the JDK's {@link MessageDigest}, not from a table.
 *
 * <pre>{@code
 * SignatureHash.of(certificate);  // Optional[SHA-256, 256 bits]
 * }</pre>
 *
 * @param name the JCA digest name ({@code SHA-1}, {@code SHA-256}, {@code SHA3-384}), or the signature algorithm
 *     for a built-in hash
 * @param bits the digest length; for a built-in hash, {@link Integer#MAX_VALUE}
 */
record SignatureHash(String name, int bits) {
  private static final int BUILT_IN = Integer.MAX_VALUE;
  private static final List<String> HASHING_INTERNALLY = List.of("ED25519", "ED448", "EDDSA", "ML-DSA", "SLH-DSA");

  /** What is known of the hash of {@code certificate}'s signature; empty when the name does not say. */
  static Optional<SignatureHash> of(CertificateInfo certificate) {
    String algorithm = certificate.signatureAlgorithm();
    String upper = algorithm.toUpperCase(Locale.ROOT);
    for (String prefix : HASHING_INTERNALLY) {
      if (upper.startsWith(prefix)) {
        return Optional.of(new SignatureHash(algorithm, BUILT_IN));
      }
    }
    if (upper.equals("RSASSA-PSS")) {
      return pssDigest(certificate).flatMap(SignatureHash::digest);
    }
    int with = upper.indexOf("WITH");
    return with > 0 ? digest(jcaDigestName(upper.substring(0, with))) : Optional.empty();
  }

  /** Whether this is SHA-1. */
  boolean isSha1() {
    return name.equals("SHA-1");
  }

  /** {@code SHA-1, 160 bits}, or {@code built into Ed25519}. */
  @Override
  public String toString() {
    return bits == BUILT_IN ? "hash built into " + name : name + ", " + bits + " bits";
  }

  /** {@code SHA256} → {@code SHA-256}, {@code SHA384} → {@code SHA-384}; {@code SHA3-256}, {@code MD5} unchanged. */
  private static String jcaDigestName(String hash) {
    boolean sha2Family = hash.length() > 3 && Character.isDigit(hash.charAt(3)) && !hash.startsWith("SHA3-");
    if (hash.startsWith("SHA") && sha2Family) {
      return "SHA-" + hash.substring(3);
    }
    return hash;
  }

  private static Optional<SignatureHash> digest(String jcaName) {
    try {
      return Optional.of(new SignatureHash(jcaName, MessageDigest.getInstance(jcaName).getDigestLength() * 8));
    } catch (NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }

  /** RSASSA-PSS names its hash in the signature parameters, which only the certificate itself holds. */
  private static Optional<String> pssDigest(CertificateInfo certificate) {
    try {
      X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(certificate.der().toArray()));
      byte[] encoded = x509.getSigAlgParams();
      if (encoded == null) {
        return Optional.empty();
      }
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
      parameters.init(encoded);
      return Optional.of(parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm());
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
