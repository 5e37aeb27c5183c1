package io.tlsprobe.cert;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.Certificates.KeyType;
import java.net.InetAddress;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

/**
 * A test certificate authority: a self-signed root and one intermediate below it, plus one leaf key pair that the
 * server certificates it issues share. The JVM-wide {@link #shared()} authorities are made lazily on first use (a
 * holder-class constant, immutable), so only the first server of a run pays for key generation.
 *
 * <pre>{@code
 * TestAuthority ca = TestAuthority.shared();                      // EC P-256 root + intermediate
 * HeldCertificate leaf = ca.serverCertificate("localhost").build(); // CN=localhost, SANs localhost, 127.0.0.1, ::1
 * try (ClientTrust trust = ca.clientTrust()) {
 *   SSLSocketFactory factory = trust.socketFactory();               // trusts the root only
 * }
 * }</pre>
 */
public final class TestAuthority {

  private final String name;
  private final KeyType keyType;
  private final HeldCertificate root;
  private final HeldCertificate intermediate;
  private final KeyPair leafKey;

  private TestAuthority(String name, KeyType keyType) {
    this.name = name;
    this.keyType = keyType;
    Instant now = Instant.now();
    Instant from = now.minus(Duration.ofDays(1));
    Instant until = now.plus(Duration.ofDays(3650));
    this.root =
        Certificates.certificate().subject("CN=" + name + " Root, O=tlsprobe").key(keyType).validity(from, until)
            .ca(1).build();
    this.intermediate =
        Certificates.certificate().subject("CN=" + name + " Intermediate, O=tlsprobe").key(keyType)
            .validity(from, until).ca(0).issuedBy(root).build();
    this.leafKey = keyType.generate();
  }

  /** The run's EC P-256 authority, {@code CN=tlsprobe Test Root}; made on first use, the same object after. */
  public static TestAuthority shared() {
    return SharedEc.AUTHORITY;
  }

  /**
   * The run's authority with {@code keyType} keys: {@link KeyType#EC_P256} ({@link #shared()}) or {@link
   * KeyType#RSA_2048}.
   *
   * @throws IllegalArgumentException for any other key type (make one with {@link #create(String, KeyType)})
   */
  public static TestAuthority shared(KeyType keyType) {
    return switch (requireNonNull(keyType, "keyType")) {
      case EC_P256 -> SharedEc.AUTHORITY;
      case RSA_2048 -> SharedRsa.AUTHORITY;
      default -> throw new IllegalArgumentException(
          "shared authorities are EC_P256 or RSA_2048, not " + keyType + "; use TestAuthority.create(name, keyType)");
    };
  }

  /**
   * A second authority of the run that no {@link #clientTrust()} of a shared authority trusts: the issuer of the
   * {@link CertificateScenario#UNTRUSTED_ROOT} scenario.
   */
  static TestAuthority untrusted(KeyType keyType) {
    return keyType == KeyType.RSA_2048 ? UntrustedRsa.AUTHORITY : UntrustedEc.AUTHORITY;
  }

  /** A fresh authority: root {@code CN=<name> Root, O=tlsprobe}, intermediate {@code CN=<name> Intermediate, …}. */
  public static TestAuthority create(String name, KeyType keyType) {
    requireNonNull(name, "name");
    requireNonNull(keyType, "keyType");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    return new TestAuthority(name, keyType);
  }

  /** The self-signed root, valid from a day before creation for ten years; the client's trust anchor. */
  public HeldCertificate root() {
    return root;
  }

  /** The intermediate CA (path length 0) that signs every leaf. */
  public HeldCertificate intermediate() {
    return intermediate;
  }

  /** The kind of key of the root, the intermediate and the leaves. */
  public KeyType keyType() {
    return keyType;
  }

  /** The key pair every leaf of this authority shares (generating one per leaf would cost every server). */
  KeyPair leafKey() {
    return leafKey;
  }

  /**
   * A builder for a server certificate for {@code host}, issued by the intermediate with the shared leaf key:
   * subject {@code CN=<host>}, SANs {@code host} (DNS, or IP for a literal) plus {@code 127.0.0.1} and {@code ::1},
   * extended key usage serverAuth. Adjust (validity, signature algorithm) before {@code build()}.
   */
  public Certificates.Builder serverCertificate(String host) {
    Certificates.Builder builder = leaf("CN=" + requireNonNull(host, "host")).extendedKeyUsage(SERVER_AUTH);
    if (isIpLiteral(host)) {
      builder.ip(host);
    } else {
      builder.dns(host);
    }
    for (String loopback : new String[] {"127.0.0.1", "::1"}) {
      if (!loopback.equals(host)) {
        builder.ip(loopback);
      }
    }
    return builder;
  }

  /** A builder for a client certificate {@code subject}, issued by the intermediate, extended key usage clientAuth. */
  public Certificates.Builder clientCertificate(String subject) {
    return leaf(subject).extendedKeyUsage(CLIENT_AUTH);
  }

  /** What a client needs to trust this authority's servers: its root as the only anchor. */
  public ClientTrust clientTrust() {
    return ClientTrust.of(root.certificate());
  }

  /** {@code TestAuthority[CN=tlsprobe Test Root, O=tlsprobe, EC_P256]}. */
  @Override
  public String toString() {
    return "TestAuthority[" + root.certificate().getSubjectX500Principal().getName() + ", " + keyType + "]";
  }

  private Certificates.Builder leaf(String subject) {
    return Certificates.certificate().subject(subject).keyPair(leafKey).issuedBy(intermediate);
  }

  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  static boolean isIpLiteral(String host) {
    if (host.contains(":")) {
      return true;
    }
    if (!host.matches("[0-9.]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(host) != null; // a dotted-quad literal: no lookup happens
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static final class SharedEc {
    static final TestAuthority AUTHORITY = new TestAuthority("tlsprobe Test", KeyType.EC_P256);
  }

  private static final class SharedRsa {
    static final TestAuthority AUTHORITY = new TestAuthority("tlsprobe RSA Test", KeyType.RSA_2048);
  }

  private static final class UntrustedEc {
    static final TestAuthority AUTHORITY = new TestAuthority("tlsprobe Untrusted", KeyType.EC_P256);
  }

  private static final class UntrustedRsa {
    static final TestAuthority AUTHORITY = new TestAuthority("tlsprobe Untrusted RSA", KeyType.RSA_2048);
  }
}
