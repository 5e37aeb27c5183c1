package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.error.ShouldComplyWith.shouldComplyWith;
import static io.tlsprobe.assertj.error.ShouldHaveJa3Hash.shouldHaveJa3Hash;
import static io.tlsprobe.assertj.error.ShouldHaveSentServerName.shouldHaveSentNoServerName;
import static io.tlsprobe.assertj.error.ShouldHaveSentServerName.shouldHaveSentServerName;
import static io.tlsprobe.assertj.error.ShouldOffer.shouldOfferAlpn;
import static io.tlsprobe.assertj.error.ShouldOffer.shouldOfferCipherSuite;
import static io.tlsprobe.assertj.error.ShouldOffer.shouldOfferGroup;
import static io.tlsprobe.assertj.error.ShouldOffer.shouldOfferProtocol;
import static io.tlsprobe.assertj.error.ShouldOfferNoCompression.shouldOfferNoCompression;
import static io.tlsprobe.assertj.error.ShouldOfferNoProtocolBelow.shouldOfferNoProtocolBelow;
import static io.tlsprobe.assertj.error.ShouldOfferNoWeakCipherSuite.shouldOfferNoWeakCipherSuite;
import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherStrength;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.policy.Violation;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on what a client offered in its ClientHello ({@link ClientOffer}), typically one a {@code
 * TlsCaptureServer} recorded: the versions, cipher suites, groups, compression, SNI, ALPN and JA3 fingerprint. Each
 * failure names what was expected, what the client offered of that kind, the offer in one line and, for an offer
 * reached from a report, the whole connection.
 *
 * <pre>{@code
 * assertThat(server.awaitConnection(Duration.ofSeconds(5))).wasAcceptedByClient()
 *     .clientOffer()
 *     .offersNoWeakCipherSuite()
 *     .offersNoProtocolBelow(TlsProtocol.TLSv1_2)
 *     .offersProtocol(TlsProtocol.TLSv1_3)
 *     .sentServerName("localhost")
 *     .offersNoCompression();
 * }</pre>
 *
 * @param <SELF> the concrete assert type
 */
public abstract class AbstractClientOfferAssert<SELF extends AbstractClientOfferAssert<SELF>>
    extends AbstractAssert<SELF, ClientOffer> {

  private @Nullable TlsConnectionReport report;
  private boolean skipping;

  /**
   * For subclasses, as AssertJ's {@code AbstractAssert}.
   *
   * @param actual the client's offer
   * @param selfType the concrete assert class
   */
  protected AbstractClientOfferAssert(@Nullable ClientOffer actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** The report this offer came from, shown in every failure. */
  SELF inContext(@Nullable TlsConnectionReport report) {
    this.report = report;
    return myself;
  }

  /** Makes every assertion of this class do nothing: a soft navigation found no offer and said so already. */
  SELF skippingAssertions() {
    this.skipping = true;
    return myself;
  }

  /**
   * Verifies that the client offered no cipher suite the registry classes {@link CipherStrength#WEAK} or {@link
   * CipherStrength#INSECURE} (the rules are on {@link CipherSuite}); signalling values such as {@code
   * TLS_EMPTY_RENEGOTIATION_INFO_SCSV} and GREASE are not ciphers and are ignored. The failure lists every offending
   * suite with its class and reasons.
   *
   * <pre>{@code
   * assertThat(jdkClientReport).clientOffer().offersNoWeakCipherSuite(); // passes: GCM/ChaCha20 with ECDHE only
   * assertThat(legacyOffer).offersNoWeakCipherSuite();
   * // fails: TLS_RSA_WITH_RC4_128_SHA: INSECURE (RC4 is prohibited by RFC 7465)
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if a WEAK or INSECURE suite was offered
   */
  public SELF offersNoWeakCipherSuite() {
    if (check()) {
      List<CipherSuite> weak = weakSuites(actual);
      if (!weak.isEmpty()) {
        throwAssertionError(shouldOfferNoWeakCipherSuite(actual, weak, report));
      }
    }
    return myself;
  }

  /**
   * Verifies that the client offered no version older than {@code minimum}. A client without supported_versions
   * names only its highest version ({@code legacy_version}), so only that one can be checked; it also fails when the
   * offer holds no version this library knows.
   *
   * <pre>{@code
   * assertThat(jdkClientReport).clientOffer().offersNoProtocolBelow(TlsProtocol.TLSv1_2); // passes: TLSv1.3, TLSv1.2
   * assertThat(tls10Offer).offersNoProtocolBelow(TlsProtocol.TLSv1_2);                    // fails: it offered TLSv1
   * }</pre>
   *
   * @param minimum the oldest acceptable version
   * @return this assertion object
   * @throws AssertionError if an older version, or no known version, was offered
   */
  public SELF offersNoProtocolBelow(TlsProtocol minimum) {
    requireNonNull(minimum, "minimum");
    if (check()) {
      List<TlsProtocol> older = actual.versions().stream().filter(v -> !v.isAtLeast(minimum)).toList();
      if (!older.isEmpty() || actual.versions().isEmpty()) {
        throwAssertionError(shouldOfferNoProtocolBelow(actual, minimum, older, report));
      }
    }
    return myself;
  }

  /**
   * Verifies that the client offered {@code protocol}.
   *
   * <pre>{@code
   * assertThat(jdkClientReport).clientOffer().offersProtocol(TlsProtocol.TLSv1_3); // passes
   * assertThat(tls10Offer).offersProtocol(TlsProtocol.TLSv1_3);                   // fails: it offered [TLSv1]
   * }</pre>
   *
   * @param protocol the version the client must offer
   * @return this assertion object
   * @throws AssertionError if the client did not offer {@code protocol}
   */
  public SELF offersProtocol(TlsProtocol protocol) {
    requireNonNull(protocol, "protocol");
    if (check() && !actual.versions().contains(protocol)) {
      throwAssertionError(shouldOfferProtocol(actual, protocol, report));
    }
    return myself;
  }

  /**
   * Verifies that the client offered {@code suite}.
   *
   * <pre>{@code
   * assertThat(jdkClientReport).clientOffer().offersCipherSuite(CipherSuite.of(0x1301)); // passes
   * assertThat(tls10Offer).offersCipherSuite(CipherSuite.of(0x1301)); // fails, listing the suites it offered
   * }</pre>
   *
   * @param suite the suite the client must offer
   * @return this assertion object
   * @throws AssertionError if the client did not offer {@code suite}
   */
  public SELF offersCipherSuite(CipherSuite suite) {
    requireNonNull(suite, "suite");
    if (check() && !actual.cipherSuites().contains(suite)) {
      throwAssertionError(shouldOfferCipherSuite(actual, suite, report));
    }
    return myself;
  }

  /**
   * Verifies that the client offered the suite named {@code name}, an IANA or an OpenSSL name (ignoring case).
   *
   * <pre>{@code
   * assertThat(offer).offersCipherSuite("TLS_AES_128_GCM_SHA256"); // passes for a TLS 1.3 client
   * assertThat(offer).offersCipherSuite("AES128-SHA");             // fails, listing the suites it offered
   * }</pre>
   *
   * @param name an IANA or OpenSSL cipher suite name
   * @return this assertion object
   * @throws AssertionError if the client did not offer that suite
   * @throws IllegalArgumentException if no cipher suite has that name
   */
  public SELF offersCipherSuite(String name) {
    return offersCipherSuite(HandshakeChecks.suiteNamed(name));
  }

  /**
   * Verifies that the client sent the server name (SNI, RFC 6066 section 3) {@code hostName}, ignoring case as DNS
   * does.
   *
   * <pre>{@code
   * assertThat(report).clientOffer().sentServerName("localhost"); // passes for a client of https://localhost:…/
   * assertThat(ipClientReport).clientOffer().sentServerName("localhost"); // fails: it sent none
   * }</pre>
   *
   * @param hostName the host name the client must send
   * @return this assertion object
   * @throws AssertionError if the client sent another name or none
   */
  public SELF sentServerName(String hostName) {
    requireNonNull(hostName, "hostName");
    if (check() && !actual.serverName().map(n -> n.equalsIgnoreCase(hostName)).orElse(false)) {
      throw failureWithActualExpected(actual.serverName().orElse(null), hostName, "%s",
          shouldHaveSentServerName(actual, hostName, report).create());
    }
    return myself;
  }

  /**
   * Verifies that the client sent no server name (SNI), as clients must when they connect to an IP address (RFC 6066
   * section 3).
   *
   * <pre>{@code
   * assertThat(ipClientReport).clientOffer().sentNoServerName(); // passes for a client of https://127.0.0.1:…/
   * assertThat(report).clientOffer().sentNoServerName();         // fails: it sent localhost
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the client sent a server name
   */
  public SELF sentNoServerName() {
    if (check() && actual.serverName().isPresent()) {
      throwAssertionError(shouldHaveSentNoServerName(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the client offered every one of {@code protocols} in its ALPN extension (RFC 7301), in any order;
   * it may offer others too.
   *
   * <pre>{@code
   * assertThat(httpClientReport).clientOffer().offersAlpn("h2", "http/1.1"); // passes
   * assertThat(urlConnectionReport).clientOffer().offersAlpn("h2");          // fails: it offered none
   * }</pre>
   *
   * @param protocols the ALPN protocol ids the client must offer, at least one
   * @return this assertion object
   * @throws AssertionError if one of them was not offered
   */
  public SELF offersAlpn(String... protocols) {
    requireNonNull(protocols, "protocols");
    if (protocols.length == 0) {
      throw new IllegalArgumentException("protocols must not be empty");
    }
    List<String> expected = List.copyOf(Arrays.asList(protocols));
    if (check()) {
      List<String> missing = expected.stream().filter(p -> !actual.alpn().contains(p)).toList();
      if (!missing.isEmpty()) {
        throwAssertionError(shouldOfferAlpn(actual, expected, missing, report));
      }
    }
    return myself;
  }

  /**
   * Verifies that the client offered {@code group} in supported_groups.
   *
   * <pre>{@code
   * assertThat(jdkClientReport).clientOffer().offersGroup(NamedGroup.byName("x25519").orElseThrow()); // passes
   * assertThat(legacyOffer).offersGroup(NamedGroup.byName("x25519").orElseThrow()); // fails, listing its groups
   * }</pre>
   *
   * @param group the group the client must offer
   * @return this assertion object
   * @throws AssertionError if the client did not offer {@code group}
   */
  public SELF offersGroup(NamedGroup group) {
    requireNonNull(group, "group");
    if (check() && !actual.groups().contains(group)) {
      throwAssertionError(shouldOfferGroup(actual, group, report));
    }
    return myself;
  }

  /**
   * Verifies that the client offered the group named {@code name} (IANA name, ignoring case).
   *
   * <pre>{@code
   * assertThat(offer).offersGroup("x25519");         // passes for a JDK client
   * assertThat(offer).offersGroup("X25519MLKEM768"); // fails, listing its groups
   * }</pre>
   *
   * @param name an IANA supported-groups name, e.g. {@code x25519}
   * @return this assertion object
   * @throws AssertionError if the client did not offer that group
   * @throws IllegalArgumentException if no group has that name
   */
  public SELF offersGroup(String name) {
    return offersGroup(HandshakeChecks.groupNamed(name));
  }

  /**
   * Verifies that the client offered only the {@code null} compression method: TLS compression enables CRIME
   * (CVE-2012-4929).
   *
   * <pre>{@code
   * assertThat(jdkClientReport).clientOffer().offersNoCompression(); // passes: [null]
   * assertThat(deflateOffer).offersNoCompression();                  // fails: it offered [DEFLATE, null]
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if another compression method was offered
   */
  public SELF offersNoCompression() {
    if (check() && actual.offersCompression()) {
      throwAssertionError(shouldOfferNoCompression(actual, report));
    }
    return myself;
  }

  /**
   * Verifies that the client's JA3 fingerprint hash is {@code hash} (32 hex digits, ignoring case), e.g. to pin a
   * client library's TLS configuration. On failure, IDEs can show both hashes side by side.
   *
   * <pre>{@code
   * assertThat(report).clientOffer().hasJa3Hash(knownGoodHash); // passes while the client's offer is unchanged
   * assertThat(report).clientOffer().hasJa3Hash("00000000000000000000000000000000"); // fails, quoting the JA3 text
   * }</pre>
   *
   * @param hash the expected JA3 MD5, in hex
   * @return this assertion object
   * @throws AssertionError if the hash differs
   */
  public SELF hasJa3Hash(String hash) {
    requireNonNull(hash, "hash");
    String expected = hash.strip().toLowerCase(Locale.ROOT);
    if (check() && !actual.ja3Hash().equalsIgnoreCase(expected)) {
      throw failureWithActualExpected(actual.ja3Hash(), expected, "%s",
          shouldHaveJa3Hash(actual, expected, report).create());
    }
    return myself;
  }

  /**
   * Verifies that the client's offer breaks no rule of {@code policy}: every version, suite (signalling values and
   * GREASE aside), group and compression method offered is allowed, and every version the policy requires is
   * offered. One failure lists every {@link Violation} with the policy's name, version and source, and the offer.
   *
   * <pre>{@code
   * assertThat(report).clientOffer().compliesWith(TlsPolicy.MOZILLA_MODERN); // passes for a TLS 1.3-only client
   * assertThat(jdkDefaultOffer).compliesWith(TlsPolicy.MOZILLA_INTERMEDIATE);
   * // fails: but found 14 violations:
   * //   cipher suite: expected one of … but found TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 offered
   * }</pre>
   *
   * @param policy the policy the client is held to
   * @return this assertion object
   * @throws AssertionError listing every violation, if there is any
   */
  public SELF compliesWith(TlsPolicy policy) {
    requireNonNull(policy, "policy");
    if (check()) {
      List<Violation> violations = policy.evaluate(actual);
      if (!violations.isEmpty()) {
        throwAssertionError(shouldComplyWith(actual, report, policy, violations));
      }
    }
    return myself;
  }

  /** The suites of {@code offer} classed WEAK or INSECURE, signalling values left out, in wire order. */
  static List<CipherSuite> weakSuites(ClientOffer offer) {
    return offer.cipherSuites().stream().filter(AbstractClientOfferAssert::isWeak).toList();
  }

  /**
   * Whether {@code suite} is a cipher the registry classes WEAK or INSECURE; signalling values and GREASE are not
   * ciphers. Shared by every "no weak cipher suite" assertion.
   */
  static boolean isWeak(CipherSuite suite) {
    return !suite.isSignaling() && !suite.isGrease() && !suite.strength().isAtLeast(CipherStrength.SECURE);
  }

  /** Whether the assertion should run: not skipping, and {@code actual} is not null (else it fails). */
  private boolean check() {
    if (skipping) {
      return false;
    }
    isNotNull();
    return true;
  }
}
