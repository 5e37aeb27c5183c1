package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.error.ShouldAccept.shouldAcceptCipherSuite;
import static io.tlsprobe.assertj.error.ShouldAccept.shouldAcceptGroup;
import static io.tlsprobe.assertj.error.ShouldAccept.shouldAcceptProtocol;
import static io.tlsprobe.assertj.error.ShouldAcceptNoProtocolBelow.shouldAcceptNoProtocolBelow;
import static io.tlsprobe.assertj.error.ShouldAcceptNoWeakCipherSuite.shouldAcceptNoWeakCipherSuite;
import static io.tlsprobe.assertj.error.ShouldAcceptOnlyCipherSuitesIn.shouldAcceptOnlyCipherSuitesIn;
import static io.tlsprobe.assertj.error.ShouldBeCompleteScan.shouldBeCompleteScan;
import static io.tlsprobe.assertj.error.ShouldComplyWith.shouldComplyWith;
import static io.tlsprobe.assertj.error.ShouldEnforceServerCipherOrder.shouldEnforceServerCipherOrder;
import static io.tlsprobe.assertj.error.ShouldHaveNoCompression.shouldHaveNoCompression;
import static io.tlsprobe.assertj.error.ShouldSupportFallbackScsv.shouldSupportFallbackScsv;
import static io.tlsprobe.assertj.error.ShouldSupportPostQuantumKeyExchange.shouldSupportPostQuantumKeyExchange;
import static io.tlsprobe.assertj.error.ShouldSupportSecureRenegotiation.shouldSupportSecureRenegotiation;
import static io.tlsprobe.assertj.error.ShouldPresentCertificate.shouldPresentCertificate;
import static io.tlsprobe.assertj.error.ShouldPresentTrustedCertificates.shouldPresentTrustedCertificates;
import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherStrength;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.policy.Violation;
import io.tlsprobe.report.CipherOrder;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.ServerProfile;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on everything a server accepts ({@link ServerProfile}), as a scan found it: the versions, the cipher
 * suites per version and their strength, whose order decides, the key-exchange groups, and whether the scan is
 * complete. Each failure names what was expected, what the scan found (per version where it matters) and the
 * profile in one line with its endpoint.
 *
 * <pre>{@code
 * assertThat(TlsScans.scan(ScanOptions.builder("localhost", 8443).build()))
 *     .isComplete()
 *     .acceptsProtocol(TlsProtocol.TLSv1_3)
 *     .acceptsNoProtocolBelow(TlsProtocol.TLSv1_2)
 *     .acceptsNoWeakCipherSuite()
 *     .enforcesServerCipherOrder(TlsProtocol.TLSv1_2)
 *     .acceptsGroup("x25519");
 * }</pre>
 *
 * @param <SELF> the concrete assert type
 */
public abstract class AbstractServerProfileAssert<SELF extends AbstractServerProfileAssert<SELF>>
    extends AbstractAssert<SELF, ServerProfile> {

  private Navigator navigator = Navigator.HARD;
  private Clock clock = Clock.systemUTC();

  /**
   * For subclasses, as AssertJ's {@code AbstractAssert}.
   *
   * @param actual the scan's findings
   * @param selfType the concrete assert class
   */
  protected AbstractServerProfileAssert(@Nullable ServerProfile actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** Makes {@link #certificate(String)} and {@link #certificateChain(String)} hand out asserts built by it. */
  SELF navigatingWith(Navigator navigator) {
    this.navigator = requireNonNull(navigator, "navigator");
    return myself;
  }

  /** Reads "now" from {@code clock} in the certificate asserts this one navigates to (tests pin it). */
  SELF withClock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return myself;
  }

  /**
   * Verifies that the server accepts {@code protocol}.
   *
   * <pre>{@code
   * assertThat(modernProfile).acceptsProtocol(TlsProtocol.TLSv1_3); // passes
   * assertThat(tls12OnlyProfile).acceptsProtocol(TlsProtocol.TLSv1_3); // fails: it accepts [TLSv1.2]
   * }</pre>
   *
   * @param protocol the version the server must accept
   * @return this assertion object
   * @throws AssertionError if the scan found {@code protocol} not accepted, or did not scan it
   */
  public SELF acceptsProtocol(TlsProtocol protocol) {
    requireNonNull(protocol, "protocol");
    isNotNull();
    if (!actual.accepts(protocol)) {
      throwAssertionError(shouldAcceptProtocol(actual, protocol));
    }
    return myself;
  }

  /**
   * Verifies that the server accepts no version older than {@code minimum}.
   *
   * <pre>{@code
   * assertThat(modernProfile).acceptsNoProtocolBelow(TlsProtocol.TLSv1_2); // passes: TLSv1.2, TLSv1.3
   * assertThat(legacyProfile).acceptsNoProtocolBelow(TlsProtocol.TLSv1_2); // fails: it accepts TLSv1
   * }</pre>
   *
   * @param minimum the oldest acceptable version
   * @return this assertion object
   * @throws AssertionError if an older version is accepted
   */
  public SELF acceptsNoProtocolBelow(TlsProtocol minimum) {
    requireNonNull(minimum, "minimum");
    isNotNull();
    List<TlsProtocol> older = actual.acceptedProtocols().stream().filter(v -> !v.isAtLeast(minimum)).toList();
    if (!older.isEmpty()) {
      throwAssertionError(shouldAcceptNoProtocolBelow(actual, minimum, older));
    }
    return myself;
  }

  /**
   * Verifies that the server accepts {@code suite} in at least one version.
   *
   * <pre>{@code
   * assertThat(modernProfile).acceptsCipherSuite(CipherSuite.of(0x1301)); // passes
   * assertThat(tls12OnlyProfile).acceptsCipherSuite(CipherSuite.of(0x1301)); // fails, listing what it accepts
   * }</pre>
   *
   * @param suite the suite the server must accept
   * @return this assertion object
   * @throws AssertionError if no version accepts {@code suite}
   */
  public SELF acceptsCipherSuite(CipherSuite suite) {
    requireNonNull(suite, "suite");
    isNotNull();
    if (!actual.acceptedCipherSuites().contains(suite)) {
      throwAssertionError(shouldAcceptCipherSuite(actual, suite));
    }
    return myself;
  }

  /**
   * Verifies that the server accepts the suite named {@code name}, an IANA or an OpenSSL name (ignoring case), in at
   * least one version.
   *
   * <pre>{@code
   * assertThat(modernProfile).acceptsCipherSuite("TLS_AES_128_GCM_SHA256"); // passes
   * assertThat(modernProfile).acceptsCipherSuite("AES128-SHA");             // fails, listing what it accepts
   * }</pre>
   *
   * @param name an IANA or OpenSSL cipher suite name
   * @return this assertion object
   * @throws AssertionError if no version accepts that suite
   * @throws IllegalArgumentException if no cipher suite has that name
   */
  public SELF acceptsCipherSuite(String name) {
    return acceptsCipherSuite(HandshakeChecks.suiteNamed(name));
  }

  /**
   * Verifies that the server accepts no cipher suite the registry classes {@link CipherStrength#WEAK} or {@link
   * CipherStrength#INSECURE} in any version, by the same rule as the client-offer assertion {@code
   * offersNoWeakCipherSuite()}. The failure lists, per version, every offending suite with its class and reasons.
   *
   * <pre>{@code
   * assertThat(modernProfile).acceptsNoWeakCipherSuite(); // passes: AEAD suites with ECDHE only
   * assertThat(legacyProfile).acceptsNoWeakCipherSuite();
   * // fails: but it accepts 1 in TLSv1: TLS_RSA_WITH_RC4_128_SHA: INSECURE (RC4 is prohibited by RFC 7465)
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if a WEAK or INSECURE suite is accepted
   */
  public SELF acceptsNoWeakCipherSuite() {
    isNotNull();
    Map<TlsProtocol, List<CipherSuite>> weak = perVersion(AbstractClientOfferAssert::isWeak);
    if (!weak.isEmpty()) {
      throwAssertionError(shouldAcceptNoWeakCipherSuite(actual, weak));
    }
    return myself;
  }

  /**
   * Verifies that every suite the server accepts, in every version, is one of {@code suites}; the server need not
   * accept them all.
   *
   * <pre>{@code
   * assertThat(tls13OnlyProfile).acceptsOnlyCipherSuitesIn(CipherSuite.of(0x1301), CipherSuite.of(0x1302)); // passes
   * assertThat(modernProfile).acceptsOnlyCipherSuitesIn(CipherSuite.of(0x1301)); // fails, listing the others
   * }</pre>
   *
   * @param suites the suites allowed, at least one
   * @return this assertion object
   * @throws AssertionError if another suite is accepted
   */
  public SELF acceptsOnlyCipherSuitesIn(CipherSuite... suites) {
    requireNonNull(suites, "suites");
    if (suites.length == 0) {
      throw new IllegalArgumentException("suites must not be empty");
    }
    Set<CipherSuite> allowed = new LinkedHashSet<>(List.of(suites));
    isNotNull();
    Map<TlsProtocol, List<CipherSuite>> extra = perVersion(s -> !allowed.contains(s));
    if (!extra.isEmpty()) {
      throwAssertionError(shouldAcceptOnlyCipherSuitesIn(actual, allowed, extra));
    }
    return myself;
  }

  /**
   * Verifies that in every accepted version with at least two suites the server decides the suite by its own order
   * ({@link CipherOrder#SERVER}); a version with a single suite has nothing to order and passes.
   *
   * <pre>{@code
   * assertThat(serverPrefProfile).enforcesServerCipherOrder(); // passes
   * assertThat(clientOrderProfile).enforcesServerCipherOrder(); // fails: TLSv1.2: client order (2 suites)
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if a version follows the client's order, or its order could not be determined
   */
  public SELF enforcesServerCipherOrder() {
    isNotNull();
    List<ProtocolSupport> offending = actual.protocols().stream()
        .filter(p -> p.accepted() && p.suites().size() > 1 && !p.enforcesServerOrder()).toList();
    if (!offending.isEmpty()) {
      throwAssertionError(shouldEnforceServerCipherOrder(actual, offending));
    }
    return myself;
  }

  /**
   * Verifies that the server accepts {@code protocol} and decides the suite by its own order in it.
   *
   * <pre>{@code
   * assertThat(serverPrefProfile).enforcesServerCipherOrder(TlsProtocol.TLSv1_2); // passes
   * assertThat(clientOrderProfile).enforcesServerCipherOrder(TlsProtocol.TLSv1_2); // fails: client order
   * }</pre>
   *
   * @param protocol the version to check
   * @return this assertion object
   * @throws AssertionError if {@code protocol} is not accepted or its order is not the server's
   */
  public SELF enforcesServerCipherOrder(TlsProtocol protocol) {
    requireNonNull(protocol, "protocol");
    isNotNull();
    if (!actual.enforcesServerOrder(protocol)) {
      ProtocolSupport found = actual.protocol(protocol).orElseGet(() -> ProtocolSupport.refused(protocol));
      throwAssertionError(shouldEnforceServerCipherOrder(actual, List.of(found)));
    }
    return myself;
  }

  /**
   * Verifies that the server breaks no rule of {@code policy}: one failure lists every {@link Violation} (rule,
   * expected, found) with the policy's name, version and source, then the rules the scan could not decide (a feature
   * it did not find out is never a violation), then the profile.
   *
   * <pre>{@code
   * assertThat(modernProfile).compliesWith(TlsPolicy.MOZILLA_INTERMEDIATE); // passes
   * assertThat(legacyProfile).compliesWith(TlsPolicy.MOZILLA_INTERMEDIATE);
   * // fails: but found 5 violations:
   * //   protocol: expected TLS 1.2, TLS 1.3 but found TLS 1.0 accepted
   * //   cipher suite: expected one of TLS_AES_128_GCM_SHA256, … but found TLS_RSA_WITH_RC4_128_SHA accepted over TLS 1.0
   * }</pre>
   *
   * @param policy the policy, e.g. {@link TlsPolicy#MOZILLA_INTERMEDIATE} or {@code TlsPolicy.named("nist-800-52r2")}
   * @return this assertion object
   * @throws AssertionError listing every violation, if there is any
   */
  public SELF compliesWith(TlsPolicy policy) {
    requireNonNull(policy, "policy");
    isNotNull();
    List<Violation> violations = policy.evaluate(actual);
    if (!violations.isEmpty()) {
      throwAssertionError(shouldComplyWith(actual, policy, violations, policy.unchecked(actual)));
    }
    return myself;
  }

  /**
   * Verifies that the server accepts the key-exchange group {@code group} in at least one version.
   *
   * <pre>{@code
   * assertThat(modernProfile).acceptsGroup(NamedGroup.byName("x25519").orElseThrow()); // passes
   * assertThat(modernProfile).acceptsGroup(NamedGroup.byName("X25519MLKEM768").orElseThrow()); // fails
   * }</pre>
   *
   * @param group the group the server must accept
   * @return this assertion object
   * @throws AssertionError if no version accepts {@code group}
   */
  public SELF acceptsGroup(NamedGroup group) {
    requireNonNull(group, "group");
    isNotNull();
    if (!actual.groups().contains(group)) {
      throwAssertionError(shouldAcceptGroup(actual, group));
    }
    return myself;
  }

  /**
   * Verifies that the server accepts the group named {@code name} (IANA name, ignoring case).
   *
   * <pre>{@code
   * assertThat(modernProfile).acceptsGroup("x25519");         // passes
   * assertThat(modernProfile).acceptsGroup("X25519MLKEM768"); // fails, listing its groups
   * }</pre>
   *
   * @param name an IANA supported-groups name, e.g. {@code x25519}
   * @return this assertion object
   * @throws AssertionError if no version accepts that group
   * @throws IllegalArgumentException if no group has that name
   */
  public SELF acceptsGroup(String name) {
    return acceptsGroup(HandshakeChecks.groupNamed(name));
  }

  /**
   * Verifies that the server accepts a post-quantum key-exchange group ({@link NamedGroup#isPostQuantum()}: ML-KEM
   * alone or in a hybrid such as {@code X25519MLKEM768}) in at least one version.
   *
   * <pre>{@code
   * assertThat(jdk25Profile).supportsPostQuantumKeyExchange(); // passes: X25519MLKEM768 among its TLS 1.3 groups
   * assertThat(openssl30Profile).supportsPostQuantumKeyExchange(); // fails, listing [x25519, secp256r1, …]
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if no accepted group is post-quantum
   */
  public SELF supportsPostQuantumKeyExchange() {
    isNotNull();
    if (actual.groups().stream().noneMatch(NamedGroup::isPostQuantum)) {
      throwAssertionError(shouldSupportPostQuantumKeyExchange(actual));
    }
    return myself;
  }

  /**
   * Verifies that the server accepts no TLS compression (CRIME, CVE-2012-4929): the scan offered DEFLATE before null
   * and the server chose null ({@link Finding.Support#NO}), or it accepts only TLS 1.3, which has no compression
   * ({@link Finding.Support#NOT_APPLICABLE}). A finding the scan could not make fails with its reason.
   *
   * <pre>{@code
   * assertThat(profile).hasNoCompression();          // passes: compression method null (0) in the TLSv1.2 ServerHello
   * assertThat(deflateProfile).hasNoCompression();   // fails: yes, compression method DEFLATE (1) in the …
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the server accepts compression, or the scan could not tell
   */
  public SELF hasNoCompression() {
    isNotNull();
    Finding.Support found = actual.features().compression().support();
    if (found != Finding.Support.NO && found != Finding.Support.NOT_APPLICABLE) {
      throwAssertionError(shouldHaveNoCompression(actual));
    }
    return myself;
  }

  /**
   * Verifies that the server supports secure renegotiation (RFC 5746): its TLS 1.2-or-older ServerHello answered
   * {@code renegotiation_info}. Not applicable (a TLS 1.3-only server, which cannot renegotiate) and unknown fail,
   * saying why.
   *
   * <pre>{@code
   * assertThat(profile).supportsSecureRenegotiation();        // passes: renegotiation_info in the TLSv1.2 ServerHello
   * assertThat(tls13OnlyProfile).supportsSecureRenegotiation(); // fails: not applicable, it accepts only TLSv1.3, …
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the finding is not {@link Finding.Support#YES}
   */
  public SELF supportsSecureRenegotiation() {
    isNotNull();
    if (!actual.features().secureRenegotiation().isYes()) {
      throwAssertionError(shouldSupportSecureRenegotiation(actual));
    }
    return myself;
  }

  /**
   * Verifies that the server supports TLS_FALLBACK_SCSV (RFC 7507): a hello for a version below its newest, carrying
   * the SCSV, was refused with {@code inappropriate_fallback}. A server that accepts one version has nothing to fall
   * back to: not applicable, which fails saying so, as does unknown.
   *
   * <pre>{@code
   * assertThat(profile).supportsFallbackScsv();        // passes: alert inappropriate_fallback to a TLSv1.2 hello …
   * assertThat(tls13OnlyProfile).supportsFallbackScsv(); // fails: not applicable, the server accepts only TLSv1.3: …
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the finding is not {@link Finding.Support#YES}
   */
  public SELF supportsFallbackScsv() {
    isNotNull();
    if (!actual.features().fallbackScsv().isYes()) {
      throwAssertionError(shouldSupportFallbackScsv(actual));
    }
    return myself;
  }

  /**
   * Verifies that the scan got an answer to every question it asked, so that "not accepted" means refused and not
   * "not found before the server stopped answering".
   *
   * <pre>{@code
   * assertThat(profile).isComplete(); // passes for a scan that finished
   * assertThat(cutShortProfile).isComplete(); // fails, quoting why it is partial
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the profile is partial
   */
  public SELF isComplete() {
    isNotNull();
    if (!actual.isComplete()) {
      throwAssertionError(shouldBeCompleteScan(actual));
    }
    return myself;
  }

  /**
   * Verifies that the scan found at least one certificate chain and that the verdict trusts every one (one per key
   * type: a server with an RSA and an ECDSA certificate must have both right), against the scan's trust store and
   * for its host name ({@code ScanOptions.Builder.trustStore}). The failure lists each untrusted chain with all its
   * problems.
   *
   * <pre>{@code
   * assertThat(profileTrustedByTestCa).presentsTrustedCertificates(); // passes
   * assertThat(profileWithExpiredRsaChain).presentsTrustedCertificates();
   * // fails: but 1 of 2 is not trusted: RSA: CN=localhost (RSA 2048, …): not trusted: EXPIRED
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if no chain was found or any chain is not trusted
   */
  public SELF presentsTrustedCertificates() {
    isNotNull();
    if (actual.certificates().isEmpty()
        || actual.certificates().stream().anyMatch(c -> !c.verification().trusted())) {
      throwAssertionError(shouldPresentTrustedCertificates(actual));
    }
    return myself;
  }

  /**
   * Navigates to assertions on the leaf certificate of the chain whose key type is {@code keyType} (as
   * {@code CertificateInfo.keyType()} names it: {@code RSA}, {@code EC}, {@code Ed25519}, …; ignoring case). The
   * certificate assert has no connection report: its {@code isTrusted()} fails for want of a verdict, which
   * {@link #presentsTrustedCertificates()} checks instead. From soft assertions the navigation stays soft.
   *
   * <pre>{@code
   * assertThat(profile).certificate("EC").isValidFor("localhost").hasKeyStrengthAtLeast(256); // passes
   * assertThat(ecdsaOnlyProfile).certificate("RSA"); // fails: but it presents: [EC]
   * }</pre>
   *
   * @param keyType the leaf's key type
   * @return assertions on that chain's leaf
   * @throws AssertionError if no chain has that key type
   */
  public CertificateAssert certificate(String keyType) {
    isNotNull();
    Optional<ServerCertificate> chain = chain(keyType);
    if (chain.isEmpty()) {
      return navigator.missing(assertionError(shouldPresentCertificate(actual, keyType)), null, clock);
    }
    return navigator.certificate(chain.get().leaf(), null, clock, info.description());
  }

  /**
   * Navigates to list assertions on the chain whose key type is {@code keyType} (ignoring case), leaf first, as
   * {@link CertificateChainAssert} (without a connection report, see {@link #certificate(String)}).
   *
   * <pre>{@code
   * assertThat(profile).certificateChain("RSA").hasSize(2).last().hasSubject("CN=Test Intermediate"); // passes
   * assertThat(ecdsaOnlyProfile).certificateChain("RSA"); // fails: but it presents: [EC]
   * }</pre>
   *
   * @param keyType the leaf's key type
   * @return assertions on that chain
   * @throws AssertionError if no chain has that key type
   */
  public CertificateChainAssert certificateChain(String keyType) {
    isNotNull();
    Optional<ServerCertificate> chain = chain(keyType);
    if (chain.isEmpty()) {
      return navigator.missingChain(assertionError(shouldPresentCertificate(actual, keyType)), clock);
    }
    return navigator.chain(chain.get().chain(), clock, info.description());
  }

  private Optional<ServerCertificate> chain(String keyType) {
    requireNonNull(keyType, "keyType");
    return actual.certificates().stream().filter(c -> c.keyType().equalsIgnoreCase(keyType)).findFirst();
  }

  /** Per accepted version, oldest first, the suites matching {@code matching}; versions without any left out. */
  private Map<TlsProtocol, List<CipherSuite>> perVersion(Predicate<CipherSuite> matching) {
    Map<TlsProtocol, List<CipherSuite>> found = new LinkedHashMap<>();
    for (ProtocolSupport p : actual.protocols()) {
      List<CipherSuite> suites = p.cipherSuites().stream().filter(matching).toList();
      if (p.accepted() && !suites.isEmpty()) {
        found.put(p.protocol(), suites);
      }
    }
    return found;
  }
}
