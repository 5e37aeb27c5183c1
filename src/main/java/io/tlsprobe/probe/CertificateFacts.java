package io.tlsprobe.probe;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.Verification;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Where the probe gets certificate facts and the chain verdict from. This is the seam to the certificate work:
 * {@link #standard()} must become {@code CertificateInfo::of} and {@code ChainVerifier::verify}; until they exist,
 * {@link InterimCertificateFacts} stands in with the basic facts.
 */
interface CertificateFacts {

  /** The facts of one certificate. */
  CertificateInfo describe(X509Certificate certificate);

  /** The verdict on {@code chain} (leaf first) against {@code trust}, for {@code hostname} when not null. */
  Verification verify(List<X509Certificate> chain, X509TrustManager trust, String trustStoreDescription,
      @Nullable String hostname, Instant now);

  /** The facts the probe uses. */
  static CertificateFacts standard() {
    return new InterimCertificateFacts();
  }
}
