package io.tlsprobe.probe;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.Verification;
import io.tlsprobe.report.Verification.Kind;
import io.tlsprobe.report.Verification.Problem;
import io.tlsprobe.wire.Bytes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for {@code CertificateInfo.of} and {@code ChainVerifier.verify} until they land: the basic facts, and a
 * verdict from the trust manager's PKIX check, each certificate's validity at {@code now}, and a SAN match for the
 * host name. No curve names, no weak-key or SHA-1 findings.
 */
final class InterimCertificateFacts implements CertificateFacts {
  private static final String[] KEY_USAGE = {"digitalSignature", "nonRepudiation", "keyEncipherment",
      "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

  @Override
  public CertificateInfo describe(X509Certificate c) {
    PublicKey key = c.getPublicKey();
    return new CertificateInfo(
        c.getSubjectX500Principal().getName(X500Principal.RFC2253),
        c.getIssuerX500Principal().getName(X500Principal.RFC2253),
        subjectAlternativeNames(c),
        c.getSerialNumber().toString(16),
        c.getNotBefore().toInstant(),
        c.getNotAfter().toInstant(),
        key.getAlgorithm(),
        keyBits(key),
        Optional.empty(),
        c.getSigAlgName(),
        fingerprint(c),
        c.getBasicConstraints() >= 0,
        keyUsage(c),
        selfSigned(c),
        Bytes.of(encoded(c)));
  }

  @Override
  public Verification verify(List<X509Certificate> chain, X509TrustManager trust, String trustStoreDescription,
      @Nullable String hostname, Instant now) {
    if (chain.isEmpty()) {
      return Verification.notVerified("no certificate was received");
    }
    List<Problem> problems = new ArrayList<>();
    for (X509Certificate c : chain) {
      String subject = c.getSubjectX500Principal().getName(X500Principal.RFC2253);
      if (now.isAfter(c.getNotAfter().toInstant())) {
        problems.add(new Problem(Kind.EXPIRED, subject + " expired at " + c.getNotAfter().toInstant()));
      } else if (now.isBefore(c.getNotBefore().toInstant())) {
        problems.add(new Problem(Kind.NOT_YET_VALID, subject + " is not valid before " + c.getNotBefore().toInstant()));
      }
    }
    try {
      trust.checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN");
    } catch (CertificateException e) {
      if (!(e instanceof CertificateExpiredException) && !(e instanceof CertificateNotYetValidException)
          && !hasCause(e, CertificateExpiredException.class) && !hasCause(e, CertificateNotYetValidException.class)) {
        X509Certificate last = chain.get(chain.size() - 1);
        String subject = last.getSubjectX500Principal().getName(X500Principal.RFC2253);
        problems.add(selfSigned(last)
            ? new Problem(Kind.SELF_SIGNED, subject + " is self-signed and not in the trust store")
            : new Problem(Kind.UNKNOWN_ISSUER, "no path from " + subject + " to a trust anchor: " + e.getMessage()));
      }
    } catch (RuntimeException e) {
      problems.add(new Problem(Kind.OTHER, String.valueOf(e.getMessage())));
    }
    if (hostname != null && !matchesHost(chain.get(0), hostname)) {
      problems.add(new Problem(Kind.HOSTNAME_MISMATCH, "the leaf is not valid for " + hostname));
    }
    return new Verification(problems.isEmpty(), problems, trustStoreDescription, hostname == null ? "" : hostname);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  static boolean matchesHost(X509Certificate leaf, String host) {
    String wanted = host.toLowerCase(Locale.ROOT);
    for (String san : subjectAlternativeNames(leaf)) {
      if (san.startsWith("IP:") && san.substring(3).equalsIgnoreCase(host)) {
        return true;
      }
      if (san.startsWith("DNS:")) {
        String name = san.substring(4).toLowerCase(Locale.ROOT);
        if (name.equals(wanted)) {
          return true;
        }
        if (name.startsWith("*.") && wanted.indexOf('.') > 0
            && wanted.substring(wanted.indexOf('.')).equals(name.substring(1))) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> subjectAlternativeNames(X509Certificate c) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans == null) {
        return names;
      }
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        Object value = san.get(1);
        switch (type) {
          case 1 -> names.add("email:" + value);
          case 2 -> names.add("DNS:" + value);
          case 6 -> names.add("URI:" + value);
          case 7 -> names.add("IP:" + value);
          default -> { }
        }
      }
    } catch (CertificateParsingException e) {
      return names;
    }
    return names;
  }

  private static int keyBits(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    return 0;
  }

  private static List<String> keyUsage(X509Certificate c) {
    boolean[] bits = c.getKeyUsage();
    List<String> usage = new ArrayList<>();
    if (bits != null) {
      for (int i = 0; i < bits.length && i < KEY_USAGE.length; i++) {
        if (bits[i]) {
          usage.add(KEY_USAGE[i]);
        }
      }
    }
    return usage;
  }

  static boolean selfSigned(X509Certificate c) {
    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
      return false;
    }
    try {
      c.verify(c.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String fingerprint(X509Certificate c) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded(c)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      return new byte[0];
    }
  }
}
