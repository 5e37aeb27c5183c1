package io.tlsprobe.cert;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.Certificates.KeyType;
import io.tlsprobe.report.Verification.Kind;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Server certificates good and bad, like badssl.com but in-process: each scenario yields a {@link ServerIdentity}
 * (what the server presents, what the client is given) from a {@link TestAuthority}, and says whether a correct
 * client accepts it and which problem {@code ChainVerifier} names.
 *
 * <pre>{@code
 * ServerIdentity identity = CertificateScenario.WRONG_HOST.identity();        // for "localhost"
 * identity.correctClientAccepts();                                            // false
 * CertificateScenario.EXPIRED.identity("db.test", TestAuthority.shared(KeyType.RSA_2048));
 * }</pre>
 *
 * <p>Every leaf is issued by the authority's intermediate and the chain sent is leaf + intermediate, unless said
 * otherwise. The client always trusts the authority's root only.
 */
public enum CertificateScenario {

  /** Valid for the host, chain complete: a correct client accepts. */
  VALID(true, null),

  /** Validity ended 30 days ago (RFC 5280 §4.1.2.5): a correct client rejects: expired. */
  EXPIRED(false, Kind.EXPIRED),

  /** Validity starts in 30 days: a correct client rejects: not yet valid. */
  NOT_YET_VALID(false, Kind.NOT_YET_VALID),

  /** A self-signed leaf for the host, not the client's anchor: a correct client rejects: self-signed. */
  SELF_SIGNED(false, Kind.SELF_SIGNED),

  /** A complete chain to another authority's root, which the client is not given: rejects: unknown issuer. */
  UNTRUSTED_ROOT(false, Kind.UNKNOWN_ISSUER),

  /**
   * A valid chain for {@code wrong.host.invalid} only (no IP SANs either): a client that checks the host name (RFC
   * 6125 §6, RFC 2818 §3.1) rejects: host name mismatch; one that does not check accepts.
   */
  WRONG_HOST(false, Kind.HOSTNAME_MISMATCH),

  /**
   * The host only in the subject CN, no subjectAltName at all. RFC 2818 §3.1 lets a client fall back to the CN
   * (the JDK and OpenSSL do, and so does {@code ChainVerifier}: no problem); RFC 6125 §6.4.4 discourages it and
   * browsers and Go reject. Counted as a correct client rejecting.
   */
  NO_SAN(false, null),

  /**
   * The leaf has a 1024-bit RSA key (below NIST SP 800-131A's 2048): a strict client rejects: weak key. The
   * JDK's default {@code jdk.certpath.disabledAlgorithms} only refuses RSA below 1024 bits.
   */
  RSA_1024(false, Kind.WEAK_KEY),

  /**
   * The leaf is signed with SHA-1 ({@code SHA1withECDSA}, or {@code SHA1withRSA} from an RSA authority): a strict
   * client rejects: SHA-1 signature. The JDK's default refuses SHA-1 only below its own cacerts roots.
   */
  SHA1_SIGNATURE(false, Kind.SHA1_SIGNATURE),

  /**
   * The leaf alone, though the intermediate issued it: a client without the intermediate (none fetches it by AIA
   * here) rejects: unknown issuer.
   */
  MISSING_INTERMEDIATE(false, Kind.UNKNOWN_ISSUER),

  /**
   * The {@link #VALID} chain, and the server requires a client certificate: a client that presents {@link
   * ServerIdentity#clientIdentity()} (issued by the same authority, clientAuth) completes; one without is refused by
   * the server.
   */
  CLIENT_CERTIFICATE_REQUIRED(true, null);

  /** The host name {@link #identity()} uses. */
  public static final String DEFAULT_HOST = "localhost";

  /** The only name {@link #WRONG_HOST} is valid for ({@code .invalid}: RFC 2606 §2, never resolves). */
  public static final String WRONG_HOST_NAME = "wrong.host.invalid";

  private final boolean correctClientAccepts;
  private final @Nullable Kind expectedProblem;

  CertificateScenario(boolean correctClientAccepts, @Nullable Kind expectedProblem) {
    this.correctClientAccepts = correctClientAccepts;
    this.expectedProblem = expectedProblem;
  }

  /** Whether a correct, strict client accepts this server (see each constant). */
  public boolean correctClientAccepts() {
    return correctClientAccepts;
  }

  /** The problem {@code ChainVerifier} names for this scenario's chain against its anchors, if any. */
  public Optional<Kind> expectedProblem() {
    return Optional.ofNullable(expectedProblem);
  }

  /** This scenario for {@link #DEFAULT_HOST} from {@link TestAuthority#shared()}. */
  public ServerIdentity identity() {
    return identity(DEFAULT_HOST, TestAuthority.shared());
  }

  /** This scenario for {@code host} from {@link TestAuthority#shared()}. */
  public ServerIdentity identity(String host) {
    return identity(host, TestAuthority.shared());
  }

  /** This scenario for {@code host} from {@code authority} (its key type also picks the untrusted authority's). */
  public ServerIdentity identity(String host, TestAuthority authority) {
    requireNonNull(host, "host");
    requireNonNull(authority, "authority");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    HeldCertificate intermediate = authority.intermediate();
    Instant now = Instant.now();
    HeldCertificate leaf =
        switch (this) {
          case VALID, CLIENT_CERTIFICATE_REQUIRED, MISSING_INTERMEDIATE -> authority.serverCertificate(host).build();
          case EXPIRED ->
              authority.serverCertificate(host).validity(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30)))
                  .build();
          case NOT_YET_VALID ->
              authority.serverCertificate(host).validity(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(60)))
                  .build();
          case SELF_SIGNED -> selfSigned(host, authority.leafKey());
          case UNTRUSTED_ROOT -> TestAuthority.untrusted(authority.keyType()).serverCertificate(host).build();
          case WRONG_HOST ->
              Certificates.certificate().subject("CN=" + WRONG_HOST_NAME).dns(WRONG_HOST_NAME)
                  .keyPair(authority.leafKey()).extendedKeyUsage(TestAuthority.SERVER_AUTH).issuedBy(intermediate)
                  .build();
          case NO_SAN ->
              Certificates.certificate().subject("CN=" + host).keyPair(authority.leafKey())
                  .extendedKeyUsage(TestAuthority.SERVER_AUTH).issuedBy(intermediate).build();
          case RSA_1024 -> authority.serverCertificate(host).keyPair(WeakKey.RSA_1024).build();
          case SHA1_SIGNATURE ->
              authority.serverCertificate(host)
                  .signatureAlgorithm(
                      intermediate.keyPair().getPublic().getAlgorithm().equals("RSA") ? "SHA1withRSA" : "SHA1withECDSA")
                  .build();
        };
    List<X509Certificate> chain = this == MISSING_INTERMEDIATE ? List.of(leaf.certificate()) : leaf.chain();
    HeldCertificate client = null;
    X509Certificate clientIssuer = null;
    if (this == CLIENT_CERTIFICATE_REQUIRED) {
      client = authority.clientCertificate("CN=tlsprobe client, O=tlsprobe").build();
      clientIssuer = authority.root().certificate();
    }
    return new ServerIdentity(
        this, host, leaf, chain, List.of(authority.root().certificate()), client, clientIssuer);
  }

  private static HeldCertificate selfSigned(String host, KeyPair key) {
    Certificates.Builder builder =
        Certificates.certificate().subject("CN=" + host).keyPair(key).extendedKeyUsage(TestAuthority.SERVER_AUTH);
    if (TestAuthority.isIpLiteral(host)) {
      builder.ip(host);
    } else {
      builder.dns(host);
    }
    for (String loopback : new String[] {"127.0.0.1", "::1"}) {
      if (!loopback.equals(host)) {
        builder.ip(loopback);
      }
    }
    return builder.build();
  }

  /** The 1024-bit RSA key of {@link #RSA_1024}, generated once per run on first use. */
  private static final class WeakKey {
    static final KeyPair RSA_1024 = KeyType.RSA_1024.generate();
  }
}
