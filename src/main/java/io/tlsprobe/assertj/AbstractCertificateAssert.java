package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.error.ShouldBeSignedWith.shouldBeSignedWith;
import static io.tlsprobe.assertj.error.ShouldBeSignedWithSha256OrStronger.shouldBeSignedWithSha256OrStronger;
import static io.tlsprobe.assertj.error.ShouldBeTrusted.shouldBeTrusted;
import static io.tlsprobe.assertj.error.ShouldBeTrusted.shouldBeTrustedWithoutVerification;
import static io.tlsprobe.assertj.error.ShouldBeValidAt.shouldBeValidAt;
import static io.tlsprobe.assertj.error.ShouldBeValidForHost.shouldBeValidForHost;
import static io.tlsprobe.assertj.error.ShouldExpireAfter.shouldExpireAfter;
import static io.tlsprobe.assertj.error.ShouldHaveKeyStrengthAtLeast.shouldHaveKeyStrengthAtLeast;
import static io.tlsprobe.assertj.error.ShouldHaveKeyType.shouldHaveKeyType;
import static io.tlsprobe.assertj.error.ShouldHaveSubject.shouldHaveSubject;
import static io.tlsprobe.assertj.error.ShouldHaveSubjectAlternativeName.shouldHaveSubjectAlternativeName;
import static io.tlsprobe.assertj.error.ShouldNotBeCertificateAuthority.shouldNotBeCertificateAuthority;
import static io.tlsprobe.assertj.error.ShouldNotBeSelfSigned.shouldNotBeSelfSigned;
import static io.tlsprobe.assertj.error.ShouldNotBeSignedWithSha1.shouldNotBeSignedWithSha1;
import static io.tlsprobe.assertj.error.ShouldUseCurve.shouldUseCurve;
import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one X.509 certificate's facts ({@link CertificateInfo}). A certificate reached from a report ({@code
 * assertThat(report).certificate()}) knows that report: its failures show the whole connection, and {@link
 * #isTrusted()} consults the report's verdict on the chain. A certificate asserted on alone ({@code
 * assertThat(certificateInfo)}) has no verdict, so {@code isTrusted()} fails saying so.
 *
 * <pre>{@code
 * assertThat(report).certificate()
 *     .isValidFor("localhost")
 *     .expiresAfter(Duration.ofDays(30))
 *     .hasKeyStrengthAtLeast(256)
 *     .isSignedWithSha256OrStronger()
 *     .isNotSelfSigned()
 *     .isTrusted();
 * }</pre>
 *
 * @param <SELF> the concrete assert type
 */
public abstract class AbstractCertificateAssert<SELF extends AbstractCertificateAssert<SELF>>
    extends AbstractAssert<SELF, CertificateInfo> {

  private @Nullable TlsConnectionReport report;
  private Clock clock = Clock.systemUTC();
  private boolean skipping;

  /**
   * For subclasses, as AssertJ's {@code AbstractAssert}.
   *
   * @param actual the certificate facts
   * @param selfType the concrete assert class
   */
  protected AbstractCertificateAssert(@Nullable CertificateInfo actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** The report this certificate came from, and the clock "now" is read from. */
  SELF inContext(@Nullable TlsConnectionReport report, Clock clock) {
    this.report = report;
    this.clock = requireNonNull(clock, "clock");
    return myself;
  }

  /** Reads "now" from {@code clock} (tests pin it). */
  SELF withClock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return myself;
  }

  /** Makes every assertion of this class do nothing: a soft navigation found no certificate and said so already. */
  SELF skippingAssertions() {
    this.skipping = true;
    return myself;
  }

  /**
   * Verifies that the report this certificate came from trusts its chain: it builds to an anchor of the trust store
   * the probe used, and no problem (expiry, hostname, weak key, SHA-1 …) was found. Trust is a verdict on a whole
   * chain, so it is only available for a certificate reached from a report.
   *
   * <pre>{@code
   * assertThat(reportTrustedByTestCa).certificate().isTrusted(); // passes
   * assertThat(reportWithExpiredLeaf).certificate().isTrusted(); // fails, listing EXPIRED: …
   * assertThat(report.certificates().get(0)).isTrusted();       // fails: no verification available
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the chain is not trusted, or the certificate was not reached from a report
   */
  public SELF isTrusted() {
    if (skipping) {
      return myself;
    }
    isNotNull();
    TlsConnectionReport from = report;
    if (from == null) {
      throwAssertionError(shouldBeTrustedWithoutVerification(actual));
    } else if (!from.verification().trusted()) {
      throwAssertionError(shouldBeTrusted(actual, from));
    }
    return myself;
  }

  /**
   * Verifies that the certificate is valid for {@code host} by <a
   * href="https://www.rfc-editor.org/rfc/rfc6125#section-6">RFC 6125</a>: an IP address must equal an {@code IP:}
   * subject alternative name; a host name must match a {@code DNS:} name ignoring case, where {@code *.} as the whole
   * left-most label stands for exactly one label (and only below two or more labels); the common name counts only
   * when there is no {@code DNS:} name. Nothing is resolved.
   *
   * <pre>{@code
   * // certificate with DNS:*.example.com, IP:127.0.0.1
   * assertThat(certificate).isValidFor("api.example.com"); // passes
   * assertThat(certificate).isValidFor("127.0.0.1");       // passes
   * assertThat(certificate).isValidFor("a.b.example.com"); // fails: the wildcard stands for one label only
   * }</pre>
   *
   * @param host a host name, an IPv4 address, or an IPv6 address (with or without brackets)
   * @return this assertion object
   * @throws AssertionError if no name of the certificate covers {@code host}
   */
  public SELF isValidFor(String host) {
    requireNonNull(host, "host");
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (!HostnameMatcher.matches(actual, host)) {
      throwAssertionError(shouldBeValidForHost(actual, host, HostnameMatcher.names(actual), report));
    }
    return myself;
  }

  /**
   * Verifies that the certificate stays valid for at least {@code minimum} from now: it expires strictly after now
   * plus {@code minimum}.
   *
   * <pre>{@code
   * // certificate valid until 90 days from now
   * assertThat(certificate).expiresAfter(Duration.ofDays(30));  // passes
   * assertThat(certificate).expiresAfter(Duration.ofDays(120)); // fails: it expires in 90 days
   * }</pre>
   *
   * @param minimum how long the certificate must still be valid, not negative
   * @return this assertion object
   * @throws AssertionError if the certificate expires within {@code minimum} (or has expired)
   */
  public SELF expiresAfter(Duration minimum) {
    requireNonNull(minimum, "minimum");
    if (minimum.isNegative()) {
      throw new IllegalArgumentException("minimum must not be negative: " + minimum);
    }
    if (skipping) {
      return myself;
    }
    isNotNull();
    Instant now = clock.instant();
    if (!actual.notAfter().isAfter(now.plus(minimum))) {
      throwAssertionError(shouldExpireAfter(actual, minimum, now, report));
    }
    return myself;
  }

  /**
   * Verifies that the certificate is valid at {@code instant}: not before its {@code notBefore} and not after its
   * {@code notAfter} (both inclusive, RFC 5280 section 4.1.2.5).
   *
   * <pre>{@code
   * // certificate valid from 2025-01-01 to 2026-01-01
   * assertThat(certificate).isValidAt(Instant.parse("2025-06-01T00:00:00Z")); // passes
   * assertThat(certificate).isValidAt(Instant.parse("2026-06-01T00:00:00Z")); // fails: it expired on 2026-01-01
   * }</pre>
   *
   * @param instant the moment to check
   * @return this assertion object
   * @throws AssertionError if {@code instant} is outside the validity period
   */
  public SELF isValidAt(Instant instant) {
    requireNonNull(instant, "instant");
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (instant.isBefore(actual.notBefore()) || instant.isAfter(actual.notAfter())) {
      throwAssertionError(shouldBeValidAt(actual, instant, report));
    }
    return myself;
  }

  /**
   * Verifies that the public key is at least as strong as an RSA key of {@code bits} bits. RSA and DSA keys count by
   * modulus; EC and EdDSA keys by the RSA size of comparable strength (NIST SP 800-57 Part 1, table 2: P-224 ≈ RSA
   * 2048, P-256 and Ed25519 ≈ RSA 3072, P-384 ≈ RSA 7680, P-521 ≈ RSA 15360), so {@code hasKeyStrengthAtLeast(2048)}
   * holds a server to 112-bit security whatever key type it uses. See {@link KeyStrength}.
   *
   * <pre>{@code
   * // certificate with an RSA 2048 key
   * assertThat(certificate).hasKeyStrengthAtLeast(2048); // passes
   * assertThat(certificate).hasKeyStrengthAtLeast(3072); // fails: RSA 2048 bits
   * // certificate with an EC P-256 key
   * assertThat(certificate).hasKeyStrengthAtLeast(2048); // passes: ≈ RSA 3072
   * }</pre>
   *
   * @param bits the least RSA-equivalent key size
   * @return this assertion object
   * @throws AssertionError if the key is weaker, or of a type whose strength is unknown
   */
  public SELF hasKeyStrengthAtLeast(int bits) {
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (KeyStrength.rsaEquivalentBits(actual).orElse(0) < bits) {
      throwAssertionError(shouldHaveKeyStrengthAtLeast(actual, bits, report));
    }
    return myself;
  }

  /**
   * Verifies that the certificate is signed with {@code jcaName} (ignoring case), e.g. {@code SHA256withECDSA}.
   * On failure, IDEs can show the two names side by side.
   *
   * <pre>{@code
   * // certificate signed with SHA256withECDSA
   * assertThat(certificate).isSignedWith("SHA256withECDSA"); // passes
   * assertThat(certificate).isSignedWith("SHA384withECDSA"); // fails
   * }</pre>
   *
   * @param jcaName the JCA signature algorithm name
   * @return this assertion object
   * @throws AssertionError if the certificate is signed with another algorithm
   */
  public SELF isSignedWith(String jcaName) {
    requireNonNull(jcaName, "jcaName");
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (!actual.signatureAlgorithm().equalsIgnoreCase(jcaName)) {
      throw failureWithActualExpected(actual.signatureAlgorithm(), jcaName, "%s",
          shouldBeSignedWith(actual, jcaName, report).create());
    }
    return myself;
  }

  /**
   * Verifies that the certificate's signature does not use SHA-1 (collisions are practical: SHAttered, 2017),
   * whether named in the algorithm ({@code SHA1withRSA}) or in RSASSA-PSS parameters.
   *
   * <pre>{@code
   * assertThat(sha256Certificate).isNotSignedWithSha1(); // passes
   * assertThat(sha1Certificate).isNotSignedWithSha1();   // fails: SHA1withRSA
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the signature uses SHA-1
   */
  public SELF isNotSignedWithSha1() {
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (SignatureHash.of(actual).map(SignatureHash::isSha1).orElse(false)) {
      throwAssertionError(shouldNotBeSignedWithSha1(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the certificate's signature uses a hash of at least 256 bits (SHA-256, SHA-384, SHA-512, SHA3-256
   * …), or an algorithm that hashes internally (Ed25519, Ed448, ML-DSA). Fails when the hash cannot be told, e.g. an
   * RSASSA-PSS signature whose parameters cannot be read.
   *
   * <pre>{@code
   * assertThat(sha256Certificate).isSignedWithSha256OrStronger(); // passes
   * assertThat(sha1Certificate).isSignedWithSha256OrStronger();   // fails: SHA1withRSA (SHA-1, 160 bits)
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the hash is shorter than 256 bits or unknown
   */
  public SELF isSignedWithSha256OrStronger() {
    if (skipping) {
      return myself;
    }
    isNotNull();
    Optional<SignatureHash> hash = SignatureHash.of(actual);
    if (hash.isEmpty() || hash.get().bits() < 256) {
      throwAssertionError(shouldBeSignedWithSha256OrStronger(
          actual, hash.map(SignatureHash::toString).orElse("hash unknown"), report));
    }
    return myself;
  }

  /**
   * Verifies that the certificate is not self-signed (its issuer is another certificate).
   *
   * <pre>{@code
   * assertThat(caIssuedLeaf).isNotSelfSigned(); // passes
   * assertThat(selfSigned).isNotSelfSigned();   // fails
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the certificate is self-signed
   */
  public SELF isNotSelfSigned() {
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (actual.selfSigned()) {
      throwAssertionError(shouldNotBeSelfSigned(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the subject is the distinguished name {@code expected}, compared as X.500 names (case and spacing
   * of attribute values as {@link X500Principal#equals} canonicalises them, so {@code "CN=Localhost, O=Test"}
   * matches {@code CN=localhost,O=Test}). On failure, IDEs can show both names side by side.
   *
   * <pre>{@code
   * // certificate for CN=localhost,O=Test
   * assertThat(certificate).hasSubject("CN=localhost, O=Test"); // passes
   * assertThat(certificate).hasSubject("CN=gateway,O=Test");    // fails
   * }</pre>
   *
   * @param expected an RFC 2253 distinguished name
   * @return this assertion object
   * @throws AssertionError if the subject differs
   * @throws IllegalArgumentException if {@code expected} is not a distinguished name
   */
  public SELF hasSubject(String expected) {
    requireNonNull(expected, "expected");
    X500Principal expectedName;
    try {
      expectedName = new X500Principal(expected);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a distinguished name: " + expected, e);
    }
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (!sameName(expectedName, actual.subject())) {
      throw failureWithActualExpected(actual.subject(), expected, "%s",
          shouldHaveSubject(actual, expected, report).create());
    }
    return myself;
  }

  /**
   * Verifies that the certificate has the subject alternative name {@code name}: either a whole entry ({@code
   * DNS:localhost}, {@code IP:127.0.0.1}, type and DNS names ignoring case) or just its value ({@code localhost});
   * IP addresses compare as addresses ({@code ::1} matches {@code IP:0:0:0:0:0:0:0:1}). Wildcards are not expanded:
   * this is about the name written in the certificate; {@link #isValidFor} matches hosts.
   *
   * <pre>{@code
   * // certificate with DNS:localhost, IP:127.0.0.1
   * assertThat(certificate).hasSubjectAlternativeName("DNS:localhost"); // passes
   * assertThat(certificate).hasSubjectAlternativeName("127.0.0.1");     // passes
   * assertThat(certificate).hasSubjectAlternativeName("DNS:gateway");   // fails
   * }</pre>
   *
   * @param name a {@code TYPE:value} entry or a bare value
   * @return this assertion object
   * @throws AssertionError if no entry matches
   */
  public SELF hasSubjectAlternativeName(String name) {
    requireNonNull(name, "name");
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (actual.subjectAlternativeNames().stream().noneMatch(san -> sanMatches(san, name))) {
      throwAssertionError(shouldHaveSubjectAlternativeName(actual, name, report));
    }
    return myself;
  }

  /**
   * Verifies that the public key is of type {@code keyType} (ignoring case): {@code RSA}, {@code EC}, {@code
   * Ed25519}, … On failure, IDEs can show both types side by side.
   *
   * <pre>{@code
   * // certificate with an EC key
   * assertThat(certificate).hasKeyType("EC");  // passes
   * assertThat(certificate).hasKeyType("RSA"); // fails: EC 256 bits (secp256r1)
   * }</pre>
   *
   * @param keyType the JCA key algorithm
   * @return this assertion object
   * @throws AssertionError if the key is of another type
   */
  public SELF hasKeyType(String keyType) {
    requireNonNull(keyType, "keyType");
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (!actual.keyType().equalsIgnoreCase(keyType)) {
      throw failureWithActualExpected(actual.keyType(), keyType, "%s",
          shouldHaveKeyType(actual, keyType, report).create());
    }
    return myself;
  }

  /**
   * Verifies that the public key is an EC key on the named curve {@code curve} (ignoring case), e.g. {@code
   * secp384r1}. On failure, IDEs can show both curves side by side.
   *
   * <pre>{@code
   * // certificate with an EC secp256r1 key
   * assertThat(certificate).usesCurve("secp256r1"); // passes
   * assertThat(certificate).usesCurve("secp384r1"); // fails
   * }</pre>
   *
   * @param curve the curve name as the JDK gives it
   * @return this assertion object
   * @throws AssertionError if the key is on another curve or on none
   */
  public SELF usesCurve(String curve) {
    requireNonNull(curve, "curve");
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (!actual.curve().map(c -> c.equalsIgnoreCase(curve)).orElse(false)) {
      throw failureWithActualExpected(actual.curve().orElse(null), curve, "%s",
          shouldUseCurve(actual, curve, report).create());
    }
    return myself;
  }

  /**
   * Verifies that the certificate is not a certificate authority: its basicConstraints do not say CA. A server
   * presenting a CA certificate as its leaf is misconfigured.
   *
   * <pre>{@code
   * assertThat(serverLeaf).isNotCertificateAuthority(); // passes
   * assertThat(testCa).isNotCertificateAuthority();     // fails
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the certificate is a CA
   */
  public SELF isNotCertificateAuthority() {
    if (skipping) {
      return myself;
    }
    isNotNull();
    if (actual.certificateAuthority()) {
      throwAssertionError(shouldNotBeCertificateAuthority(actual, report));
    }
    return myself;
  }

  private static boolean sameName(X500Principal expected, String actual) {
    try {
      return expected.equals(new X500Principal(actual));
    } catch (IllegalArgumentException e) {
      return expected.getName().equals(actual);
    }
  }

  private static boolean sanMatches(String san, String name) {
    if (san.equalsIgnoreCase(name)) {
      return true;
    }
    int colon = san.indexOf(':');
    String type = colon < 0 ? "" : san.substring(0, colon);
    String value = san.substring(colon + 1);
    if (type.equalsIgnoreCase("IP")) {
      String bare = name.regionMatches(true, 0, "IP:", 0, 3) ? name.substring(3) : name;
      Optional<?> address = HostnameMatcher.ipLiteral(value);
      return address.isPresent() && address.equals(HostnameMatcher.ipLiteral(bare));
    }
    return type.equalsIgnoreCase("DNS") ? value.equalsIgnoreCase(name) : value.equals(name);
  }
}
