package io.tlsprobe.testing;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import java.time.Duration;
import java.time.Instant;

/**
 * The certificates tests keep asking {@link Certificates} for, named: self-signed leaves for {@code localhost} and
 * {@code 127.0.0.1}, valid now or expired a month ago, and the password test key stores use.
 *
 * <pre>{@code
 * HeldCertificate leaf = TestCertificates.localhost();
 * HeldCertificate expired = TestCertificates.expiredLocalhost();
 * KeyStore keys = leaf.keyStore("key", TestCertificates.password());
 * }</pre>
 */
public final class TestCertificates {
  private static final String PASSWORD = "changeit";

  private TestCertificates() {}

  /** A fresh copy of the password test key stores use ({@code changeit}). */
  public static char[] password() {
    return PASSWORD.toCharArray();
  }

  /** A self-signed EC P-256 certificate for {@code subject}, SANs {@code localhost} and {@code 127.0.0.1}. */
  public static HeldCertificate localhost(String subject) {
    return Certificates.certificate().subject(subject).dns("localhost").ip("127.0.0.1").build();
  }

  /** A self-signed certificate for {@code CN=localhost} with a key of {@code keyType}, SANs as {@link #localhost()}. */
  public static HeldCertificate localhost(Certificates.KeyType keyType) {
    return Certificates.certificate().subject("CN=localhost").dns("localhost").ip("127.0.0.1").key(keyType).build();
  }

  /** {@link #localhost(String)} for {@code CN=localhost}. */
  public static HeldCertificate localhost() {
    return localhost("CN=localhost");
  }

  /** {@link #localhost()}, but valid only from 60 to 30 days ago. */
  public static HeldCertificate expiredLocalhost() {
    Instant now = Instant.now();
    return Certificates.certificate().subject("CN=localhost").dns("localhost").ip("127.0.0.1")
        .validity(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30)))
        .build();
  }
}
