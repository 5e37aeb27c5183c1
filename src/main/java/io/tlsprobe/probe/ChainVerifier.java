package io.tlsprobe.probe;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.Verification;
import io.tlsprobe.report.Verification.Kind;
import io.tlsprobe.report.Verification.Problem;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Judges a peer's certificate chain against a trust store the way a TLS client would, but without stopping at the
 * first fault: every problem is found and named, so that a report exists (and explains itself) even for a bad
 * certificate. Validity is judged at a given instant, not the wall clock.
 *
 * <pre>{@code
 * Verification verdict =
 *     ChainVerifier.verify(chain, trustManager, "JDK default trust store", "localhost", Instant.now());
 * verdict.trusted();   // false
 * verdict.problems();  // [EXPIRED: CN=localhost expired at 2020-01-01T00:00:00Z (checked at …), …]
 * }</pre>
 *
 * <p>What it checks, each as one {@link Kind}:
 *
 * <ul>
 *   <li>validity of every certificate at {@code now} (RFC 5280 §4.1.2.5);
 *   <li>a self-signed leaf that is not itself an anchor;
 *   <li>that the chain builds, by name and signature, from the leaf to an anchor of the trust manager's {@link
 *       X509TrustManager#getAcceptedIssuers() accepted issuers}, tolerating extra or unordered certificates (RFC 5280
 *       §6); a trust manager that names no issuers is asked through {@code checkServerTrusted} instead;
 *   <li>PKIX path validation of the built path (RFC 5280 §6.1: basic constraints, key usage of CAs, path length, name
 *       constraints, critical extensions), revocation off, at an instant inside every certificate's validity when
 *       there is one, so that expiry does not hide other faults; its findings are {@link Kind#OTHER};
 *   <li>the host name against the leaf (RFC 6125 §6 / RFC 2818 §3.1, as the JDK's and OpenSSL's clients do): DNS
 *       SANs, a single {@code *} only in the left-most label with at least two labels after it; IP SANs for an IP
 *       literal; the most specific CN only when there is no DNS SAN; an extended key usage that excludes {@code
 *       serverAuth} is {@link Kind#OTHER};
 *   <li>weak keys: RSA and DSA below {@value #MIN_RSA_BITS} bits, EC below {@value #MIN_EC_BITS} bits;
 *   <li>SHA-1, MD5 or MD2 signatures on any certificate that is not an anchor.
 * </ul>
 */
public final class ChainVerifier {

  /** RSA, RSASSA-PSS and DSA keys shorter than this are weak (NIST SP 800-131A). */
  public static final int MIN_RSA_BITS = 2048;

  /** EC keys on fields smaller than this are weak (NIST SP 800-131A). */
  public static final int MIN_EC_BITS = 224;

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

  private ChainVerifier() {}

  /**
   * Every problem of {@code chain} (leaf first) against {@code trust}, at instant {@code now}; never throws for a
   * bad chain.
   *
   * @param chain the certificates the peer presented, leaf first
   * @param trust the trust store's trust manager; its accepted issuers are the anchors
   * @param trustStoreDescription what {@code trust} is, for people, e.g. {@code "JDK default trust store"}
   * @param hostname the name or IP literal the leaf must be valid for; null or blank for no host name check
   * @param now the instant validity is judged at
   */
  public static Verification verify(
      List<X509Certificate> chain,
      X509TrustManager trust,
      String trustStoreDescription,
      @Nullable String hostname,
      Instant now) {
    List<X509Certificate> certificates = List.copyOf(chain);
    requireNonNull(trust, "trust");
    requireNonNull(trustStoreDescription, "trustStoreDescription");
    requireNonNull(now, "now");
    String host = hostname == null ? "" : hostname.strip();
    if (certificates.isEmpty()) {
      return new Verification(
          false,
          List.of(new Problem(Kind.NO_CERTIFICATE, "the peer presented no certificate")),
          trustStoreDescription,
          host);
    }
    List<X509Certificate> anchors = acceptedIssuers(trust);
    X509Certificate leaf = certificates.get(0);
    CertificateInfo leafInfo = CertificateInfo.of(leaf);
    Optional<CertificateException> refusal =
        anchors.isEmpty() ? trustManagerRefusal(trust, certificates) : Optional.empty();
    boolean leafTrusted = isAnchor(leaf, anchors) || (anchors.isEmpty() && refusal.isEmpty());

    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < certificates.size(); i++) {
      X509Certificate certificate = certificates.get(i);
      CertificateInfo info = i == 0 ? leafInfo : CertificateInfo.of(certificate);
      validity(info, now).ifPresent(problems::add);
      if (i == 0) {
        if (info.selfSigned() && !leafTrusted) {
          problems.add(
              new Problem(
                  Kind.SELF_SIGNED,
                  info.subject() + " is self-signed and not an anchor of " + trustStoreDescription));
        }
        if (!host.isEmpty()) {
          HostnameMatcher.mismatch(leaf, info, host).ifPresent(problems::add);
        }
        serverAuthUsage(leaf, info).ifPresent(problems::add);
      }
      weakKey(info).ifPresent(problems::add);
      if (!isAnchor(certificate, anchors)) {
        weakSignature(certificate, info).ifPresent(problems::add);
      }
    }
    if (anchors.isEmpty()) {
      if (refusal.isPresent() && !leafInfo.selfSigned()) { // a self-signed leaf is reported as SELF_SIGNED
        problems.add(
            new Problem(
                Kind.UNKNOWN_ISSUER,
                leafInfo.subject() + " is not trusted by " + trustStoreDescription + ": "
                    + refusal.get().getMessage()));
      }
    } else if (!leafTrusted) {
      problems.addAll(PathCheck.of(certificates, anchors, trustStoreDescription, now, problems));
    }
    return new Verification(problems.isEmpty(), problems, trustStoreDescription, host);
  }

  private static List<X509Certificate> acceptedIssuers(X509TrustManager trust) {
    try {
      X509Certificate[] issuers = trust.getAcceptedIssuers();
      return issuers == null ? List.of() : Arrays.stream(issuers).filter(c -> c != null).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Whether {@code certificate} is one of {@code anchors}: same subject and same public key. */
  static boolean isAnchor(X509Certificate certificate, List<X509Certificate> anchors) {
    byte[] key = encodedKey(certificate);
    for (X509Certificate anchor : anchors) {
      if (key != null
          && anchor.getSubjectX500Principal().equals(certificate.getSubjectX500Principal())
          && Arrays.equals(key, encodedKey(anchor))) {
        return true;
      }
    }
    return false;
  }

  private static byte @Nullable [] encodedKey(X509Certificate certificate) {
    try {
      return certificate.getPublicKey().getEncoded();
    } catch (RuntimeException e) { // a provider that could not decode the key may hand out none
      return null;
    }
  }

  /** Whether {@code child} names {@code parent} as its issuer and carries a signature that verifies with its key. */
  static boolean issuedBy(X509Certificate child, X509Certificate parent) {
    if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
      return false;
    }
    try {
      child.verify(parent.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static Optional<Problem> validity(CertificateInfo info, Instant now) {
    if (now.isAfter(info.notAfter())) {
      return Optional.of(
          new Problem(Kind.EXPIRED, info.subject() + " expired at " + info.notAfter() + " (checked at " + now + ")"));
    }
    if (now.isBefore(info.notBefore())) {
      return Optional.of(
          new Problem(
              Kind.NOT_YET_VALID,
              info.subject() + " is not valid before " + info.notBefore() + " (checked at " + now + ")"));
    }
    return Optional.empty();
  }

  private static Optional<Problem> weakKey(CertificateInfo info) {
    String type = info.keyType();
    int minimum =
        switch (type) {
          case "RSA", "RSASSA-PSS", "DSA" -> MIN_RSA_BITS;
          case "EC" -> MIN_EC_BITS;
          default -> 0;
        };
    if (info.keyBits() > 0 && info.keyBits() < minimum) {
      return Optional.of(
          new Problem(
              Kind.WEAK_KEY,
              info.subject() + " has a " + info.keyBits() + "-bit " + type + " key, below the " + minimum
                  + "-bit minimum"));
    }
    return Optional.empty();
  }

  private static Optional<Problem> weakSignature(X509Certificate certificate, CertificateInfo info) {
    String algorithm = info.signatureAlgorithm();
    String digest = weakDigest(algorithm.toUpperCase(Locale.ROOT));
    if (digest == null && algorithm.equalsIgnoreCase("RSASSA-PSS")) {
      digest = weakDigest(pssDigest(certificate).toUpperCase(Locale.ROOT).replace("-", ""));
    }
    if (digest == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(Kind.SHA1_SIGNATURE, info.subject() + " is signed with " + digest + " (" + algorithm + ")"));
  }

  private static @Nullable String weakDigest(String upperCaseAlgorithm) {
    if (upperCaseAlgorithm.startsWith("SHA1")) {
      return "SHA-1";
    }
    if (upperCaseAlgorithm.startsWith("MD5")) {
      return "MD5";
    }
    if (upperCaseAlgorithm.startsWith("MD2")) {
      return "MD2";
    }
    return null;
  }

  /** The hash of an RSASSA-PSS signature, from its parameters (RFC 4055 §3.1); empty when unreadable. */
  private static String pssDigest(X509Certificate certificate) {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
      parameters.init(certificate.getSigAlgParams());
      return parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
    } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
      return "";
    }
  }

  /** RFC 5280 §4.2.1.12: a leaf whose extended key usage excludes serverAuth cannot authenticate a TLS server. */
  private static Optional<Problem> serverAuthUsage(X509Certificate leaf, CertificateInfo info) {
    List<String> purposes;
    try {
      purposes = leaf.getExtendedKeyUsage();
    } catch (CertificateException | RuntimeException e) {
      return Optional.of(new Problem(Kind.OTHER, info.subject() + ": unreadable extended key usage: " + e));
    }
    if (purposes == null || purposes.contains(SERVER_AUTH) || purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(
            Kind.OTHER,
            info.subject() + ": extended key usage " + purposes + " does not include serverAuth (" + SERVER_AUTH
                + ")"));
  }

  /**
   * For a trust manager that names no anchors (a custom or trust-all one), its own {@code checkServerTrusted}
   * decides: the refusal, or empty when it accepts the chain. A refusal for validity alone counts as acceptance
   * (validity is judged at {@code now}, per certificate).
   */
  private static Optional<CertificateException> trustManagerRefusal(
      X509TrustManager trust, List<X509Certificate> chain) {
    try {
      trust.checkServerTrusted(chain.toArray(new X509Certificate[0]), "UNKNOWN");
      return Optional.empty();
    } catch (CertificateException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException) {
          return Optional.empty();
        }
      }
      return Optional.of(e);
    } catch (RuntimeException e) {
      return Optional.of(new CertificateException(e.getMessage(), e));
    }
  }

  /** Builds the path from the leaf to an anchor (RFC 5280 §6), then validates it with the JDK's PKIX validator. */
  private static final class PathCheck {

    static List<Problem> of(
        List<X509Certificate> chain,
        List<X509Certificate> anchors,
        String description,
        Instant now,
        List<Problem> foundSoFar) {
      List<X509Certificate> remaining = new ArrayList<>(chain.subList(1, chain.size()));
      List<X509Certificate> path = new ArrayList<>();
      X509Certificate current = chain.get(0);
      while (true) {
        path.add(current);
        X509Certificate anchor = anchors.stream().filter(a -> issuedBy(path.get(path.size() - 1), a)).findFirst()
            .orElse(null);
        if (anchor != null) {
          return validate(path, anchor, now, foundSoFar);
        }
        String subject = CertificateInfo.of(current).subject();
        if (CertificateInfo.of(current).selfSigned()) {
          return path.size() == 1
              ? List.of() // a self-signed leaf: reported as SELF_SIGNED
              : List.of(
                  new Problem(
                      Kind.UNKNOWN_ISSUER,
                      "the chain ends at " + subject + ", which is not an anchor of " + description));
        }
        X509Certificate from = current;
        Optional<X509Certificate> next = remaining.stream().filter(c -> issuedBy(from, c)).findFirst();
        if (next.isEmpty() || isAnchor(next.get(), anchors)) {
          if (next.isPresent()) {
            return validate(path, next.get(), now, foundSoFar); // an anchor sent in the chain
          }
          return List.of(
              new Problem(
                  Kind.UNKNOWN_ISSUER,
                  "the issuer " + from.getIssuerX500Principal().getName() + " of " + subject
                      + " is neither in the chain nor an anchor of " + description));
        }
        remaining.remove(next.get());
        current = next.get();
      }
    }

    /**
     * PKIX validation of {@code path} (leaf first, anchor excluded), revocation off, at {@code now} moved into the
     * common validity window of the path when there is one, so that expiry (already reported) hides nothing else.
     */
    private static List<Problem> validate(
        List<X509Certificate> path, X509Certificate anchor, Instant now, List<Problem> foundSoFar) {
      Instant latestStart = path.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElseThrow();
      Instant earliestEnd = path.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
      Instant at = now;
      if (!latestStart.isAfter(earliestEnd)) {
        at = at.isBefore(latestStart) ? latestStart : at.isAfter(earliestEnd) ? earliestEnd : at;
      }
      try {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX")
            .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        return List.of();
      } catch (CertPathValidatorException e) {
        return classify(e, path, foundSoFar);
      } catch (InvalidAlgorithmParameterException | CertificateException | RuntimeException e) {
        return List.of(new Problem(Kind.OTHER, "the chain could not be validated: " + e));
      } catch (GeneralSecurityException e) {
        return List.of(new Problem(Kind.OTHER, "no PKIX validator: " + e));
      }
    }

    private static List<Problem> classify(
        CertPathValidatorException e, List<X509Certificate> path, List<Problem> foundSoFar) {
      if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
        return List.of(); // validity is reported per certificate
      }
      boolean weakAlreadyReported =
          foundSoFar.stream().anyMatch(p -> p.kind() == Kind.WEAK_KEY || p.kind() == Kind.SHA1_SIGNATURE);
      if (e.getReason() == BasicReason.ALGORITHM_CONSTRAINED && weakAlreadyReported) {
        return List.of();
      }
      int index = e.getIndex();
      String where = index >= 0 && index < path.size() ? CertificateInfo.of(path.get(index)).subject() : "the chain";
      return List.of(new Problem(Kind.OTHER, where + ": " + e.getMessage()));
    }
  }
}
