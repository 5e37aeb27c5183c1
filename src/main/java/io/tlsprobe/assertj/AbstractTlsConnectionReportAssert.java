package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.error.ShouldComplyWith.shouldComplyWith;
import static io.tlsprobe.assertj.error.ShouldHaveCertificate.shouldHaveCertificate;
import static io.tlsprobe.assertj.error.ShouldHaveClientOffer.shouldHaveClientOffer;
import static io.tlsprobe.assertj.error.ShouldHavePlainTextPhase.shouldHavePlainTextPhase;
import static java.util.Objects.requireNonNull;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.policy.Violation;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTls;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on what one TLS connection negotiated ({@link TlsConnectionReport}). Each failure says what was
 * expected, what was found, and the whole connection in one line ({@link TlsConnectionReport#summary()}), so a CI log
 * alone explains it; equality checks also hand actual and expected to the IDE for a diff.
 *
 * <p>The protocol, cipher suite, compression and group in a report are the server's choice whenever a ServerHello
 * was seen, even when the handshake then failed: {@code usesProtocol(TLSv1)} can pass on a connection this JVM
 * refused. Combine with {@link #isEstablished()} to require both.
 *
 * <pre>{@code
 * assertThat(report)
 *     .isEstablished()
 *     .usesProtocolAtLeast(TlsProtocol.TLSv1_2)
 *     .hasNoWeakCipher()
 *     .hasForwardSecrecy()
 *     .hasNoCompression()
 *     .certificate().isValidFor("localhost").expiresAfter(Duration.ofDays(30));
 * }</pre>
 *
 * @param <SELF> the concrete assert type
 */
public abstract class AbstractTlsConnectionReportAssert<SELF extends AbstractTlsConnectionReportAssert<SELF>>
    extends AbstractAssert<SELF, TlsConnectionReport> {

  private Navigator navigator = Navigator.HARD;
  private Clock clock = Clock.systemUTC();

  /**
   * For subclasses, as AssertJ's {@code AbstractAssert}.
   *
   * @param actual the report
   * @param selfType the concrete assert class
   */
  protected AbstractTlsConnectionReportAssert(@Nullable TlsConnectionReport actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** Makes {@link #certificate()} and {@link #certificateChain()} hand out asserts built by {@code navigator}. */
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
   * Verifies that the handshake completed.
   *
   * <pre>{@code
   * assertThat(establishedReport).isEstablished(); // passes
   * assertThat(rejectedReport).isEstablished();    // fails: rejected_by_peer: server sent fatal alert …
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the outcome is not {@code established}
   */
  public SELF isEstablished() {
    return check(HandshakeChecks.isEstablished());
  }

  /**
   * Verifies that the handshake did not complete, whatever the reason (rejected, aborted, transport error).
   *
   * <pre>{@code
   * assertThat(tls10OnlyServerReport).isNotEstablished(); // passes
   * assertThat(establishedReport).isNotEstablished();     // fails
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the handshake completed
   */
  public SELF isNotEstablished() {
    return check(HandshakeChecks.isNotEstablished());
  }

  /**
   * Verifies that the peer ended the handshake (outcome {@code rejected_by_peer}), with or without an alert.
   *
   * <pre>{@code
   * assertThat(rejectedReport).wasRejected();    // passes
   * assertThat(establishedReport).wasRejected(); // fails
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the outcome is another
   */
  public SELF wasRejected() {
    return check(HandshakeChecks.wasRejected());
  }

  /**
   * Verifies that the peer ended the handshake with the alert {@code alert}.
   *
   * <pre>{@code
   * // a TLS 1.3-only server probed with TLS 1.2
   * assertThat(report).wasRejected(AlertDescription.of(70)); // passes: protocol_version
   * assertThat(report).wasRejected(AlertDescription.of(40)); // fails: the alert was protocol_version (70)
   * }</pre>
   *
   * @param alert the alert the peer must have sent
   * @return this assertion object
   * @throws AssertionError if the peer did not reject the handshake with {@code alert}
   */
  public SELF wasRejected(AlertDescription alert) {
    return check(HandshakeChecks.wasRejected(alert));
  }

  /**
   * Verifies that the peer ended the handshake with the alert named {@code alertName} (RFC name, e.g. {@code
   * "handshake_failure"}).
   *
   * <pre>{@code
   * assertThat(report).wasRejected("protocol_version");  // passes when the peer sent protocol_version
   * assertThat(report).wasRejected("handshake_failure"); // fails
   * }</pre>
   *
   * @param alertName an alert name from IANA's TLS Alerts registry
   * @return this assertion object
   * @throws AssertionError if the peer did not reject the handshake with that alert
   * @throws IllegalArgumentException if no alert has that name
   */
  public SELF wasRejected(String alertName) {
    return wasRejected(HandshakeChecks.alertNamed(alertName));
  }

  /**
   * Verifies that the client under test completed the handshake with a capture server (outcome {@code
   * established}) and went on to use the connection: it accepted the server's certificate and parameters. When the
   * report records what the client did after the handshake ({@link TlsConnectionReport#afterHandshake()}), the
   * client must have sent application data: one that completes the handshake, then closes (or sends an alert, or
   * stays silent) without a request refused the server after the handshake, as OkHttp does for a wrong host name.
   * The failure shows how it ended instead.
   *
   * <pre>{@code
   * // a client given server.clientSslContext(), against CertificateScenario.VALID
   * assertThat(server.awaitConnection(Duration.ofSeconds(5))).wasAcceptedByClient(); // passes
   * // the same client against CertificateScenario.EXPIRED
   * assertThat(server.awaitConnection(Duration.ofSeconds(5))).wasAcceptedByClient();
   * // fails: rejected_by_peer: client sent fatal alert certificate_unknown (46)
   * // OkHttp against CertificateScenario.WRONG_HOST
   * assertThat(server.awaitConnection(Duration.ofSeconds(5))).wasAcceptedByClient();
   * // fails: the client completed the handshake, then closed the connection with close_notify, without sending …
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the outcome is not {@code established}, or the client sent no application data
   */
  public SELF wasAcceptedByClient() {
    return check(ClientVerdictChecks.wasAcceptedByClient());
  }

  /**
   * Verifies that the client under test refused a capture server: it ended the handshake (outcome {@code
   * rejected_by_peer}), with an alert or by closing, or it completed the handshake and then sent no application data
   * ({@link TlsConnectionReport#afterHandshake()}: it closed, sent an alert or stayed silent, as OkHttp does after
   * checking the host name). The failure says what happened instead: the client accepted, or the server ended the
   * handshake.
   *
   * <pre>{@code
   * // a client given server.clientSslContext(), against CertificateScenario.EXPIRED
   * assertThat(server.awaitConnection(Duration.ofSeconds(5))).wasRejectedByClient(); // passes
   * // OkHttp against CertificateScenario.WRONG_HOST: handshake completed, no request
   * assertThat(server.awaitConnection(Duration.ofSeconds(5))).wasRejectedByClient(); // passes
   * // against CertificateScenario.VALID
   * assertThat(server.awaitConnection(Duration.ofSeconds(5))).wasRejectedByClient(); // fails: the client accepted it
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the outcome is another, or the client sent application data after the handshake
   */
  public SELF wasRejectedByClient() {
    return check(ClientVerdictChecks.wasRejectedByClient());
  }

  /**
   * Verifies that the client under test ended the handshake with a capture server by sending the fatal alert
   * {@code alert}, or sent it after completing the handshake, without any application data.
   *
   * <pre>{@code
   * // a JSSE client against CertificateScenario.EXPIRED
   * assertThat(report).wasRejectedByClient(AlertDescription.of(46)); // passes: certificate_unknown
   * assertThat(report).wasRejectedByClient(AlertDescription.of(45)); // fails: the alert was certificate_unknown (46)
   * }</pre>
   *
   * @param alert the alert the client must have sent
   * @return this assertion object
   * @throws AssertionError if the client did not reject the handshake with {@code alert}
   */
  public SELF wasRejectedByClient(AlertDescription alert) {
    return check(ClientVerdictChecks.wasRejectedByClient(alert));
  }

  /**
   * Verifies that the client under test ended the handshake by sending the alert named {@code alertName} (RFC
   * name, e.g. {@code "certificate_expired"}).
   *
   * <pre>{@code
   * assertThat(report).wasRejectedByClient("certificate_unknown"); // passes for a JSSE client and a bad chain
   * assertThat(report).wasRejectedByClient("bad_certificate");     // fails: the alert was certificate_unknown (46)
   * }</pre>
   *
   * @param alertName an alert name from IANA's TLS Alerts registry
   * @return this assertion object
   * @throws AssertionError if the client did not reject the handshake with that alert
   * @throws IllegalArgumentException if no alert has that name
   */
  public SELF wasRejectedByClient(String alertName) {
    return wasRejectedByClient(HandshakeChecks.alertNamed(alertName));
  }

  /**
   * Navigates to assertions on what the ClientHello offered: the client's offer when a capture server recorded the
   * report, the probe's own when it probed a server. They know this report: failures show the connection. From soft
   * assertions the navigation stays soft.
   *
   * <pre>{@code
   * assertThat(capturedReport).clientOffer().offersNoWeakCipherSuite().sentServerName("localhost"); // passes
   * assertThat(notTlsReport).clientOffer(); // fails: expected the client's ClientHello but none was recorded
   * }</pre>
   *
   * @return assertions on the client's offer
   * @throws AssertionError if the report holds no ClientHello
   */
  public ClientOfferAssert clientOffer() {
    isNotNull();
    Optional<ClientOffer> offer = actual.clientOffer();
    if (offer.isEmpty()) {
      return navigator.missingClientOffer(assertionError(shouldHaveClientOffer(actual)), actual);
    }
    return navigator.clientOffer(offer.get(), actual, info.description());
  }

  /**
   * Verifies that the server chose {@code protocol}. On failure, IDEs can show both versions side by side.
   *
   * <pre>{@code
   * assertThat(tls13Report).usesProtocol(TlsProtocol.TLSv1_3); // passes
   * assertThat(tls13Report).usesProtocol(TlsProtocol.TLSv1_2); // fails: it used TLSv1.3
   * }</pre>
   *
   * @param protocol the expected version
   * @return this assertion object
   * @throws AssertionError if the server chose another version or none was seen
   */
  public SELF usesProtocol(TlsProtocol protocol) {
    return check(HandshakeChecks.usesProtocol(protocol));
  }

  /**
   * Verifies that the server chose {@code minimum} or a newer version.
   *
   * <pre>{@code
   * assertThat(tls12Report).usesProtocolAtLeast(TlsProtocol.TLSv1_2); // passes
   * assertThat(tls10Report).usesProtocolAtLeast(TlsProtocol.TLSv1_2); // fails: it used TLSv1
   * }</pre>
   *
   * @param minimum the oldest acceptable version
   * @return this assertion object
   * @throws AssertionError if the server chose an older version or none was seen
   */
  public SELF usesProtocolAtLeast(TlsProtocol minimum) {
    return check(HandshakeChecks.usesProtocolAtLeast(minimum));
  }

  /**
   * Verifies that the server chose {@code suite}. On failure, IDEs can show both suites side by side.
   *
   * <pre>{@code
   * assertThat(report).usesCipherSuite(CipherSuite.of(0x1301)); // passes for TLS_AES_128_GCM_SHA256
   * assertThat(report).usesCipherSuite(CipherSuite.of(0x1302)); // fails: it used TLS_AES_128_GCM_SHA256
   * }</pre>
   *
   * @param suite the expected suite
   * @return this assertion object
   * @throws AssertionError if the server chose another suite or none was seen
   */
  public SELF usesCipherSuite(CipherSuite suite) {
    return check(HandshakeChecks.usesCipherSuite(suite));
  }

  /**
   * Verifies that the server chose the suite named {@code name}, an IANA or an OpenSSL name (ignoring case).
   *
   * <pre>{@code
   * assertThat(report).usesCipherSuite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"); // passes for that suite
   * assertThat(report).usesCipherSuite("ECDHE-RSA-AES128-GCM-SHA256");           // passes too: OpenSSL name
   * assertThat(report).usesCipherSuite("AES128-SHA");                            // fails
   * }</pre>
   *
   * @param name an IANA or OpenSSL cipher suite name
   * @return this assertion object
   * @throws AssertionError if the server chose another suite or none was seen
   * @throws IllegalArgumentException if no cipher suite has that name
   */
  public SELF usesCipherSuite(String name) {
    return usesCipherSuite(HandshakeChecks.suiteNamed(name));
  }

  /**
   * Verifies that the server chose one of {@code suites}.
   *
   * <pre>{@code
   * assertThat(report).usesCipherSuiteIn(List.of(CipherSuite.of(0x1301), CipherSuite.of(0x1303))); // passes for 0x1301
   * assertThat(report).usesCipherSuiteIn(List.of(CipherSuite.of(0x1302)));                        // fails
   * }</pre>
   *
   * @param suites the acceptable suites, not empty
   * @return this assertion object
   * @throws AssertionError if the server chose a suite outside {@code suites} or none was seen
   */
  public SELF usesCipherSuiteIn(Collection<CipherSuite> suites) {
    return check(HandshakeChecks.usesCipherSuiteIn(suites));
  }

  /**
   * Verifies that the server chose one of {@code suites}.
   *
   * <pre>{@code
   * assertThat(report).usesCipherSuiteIn(CipherSuite.of(0x1301), CipherSuite.of(0x1303)); // passes for 0x1301
   * assertThat(report).usesCipherSuiteIn(CipherSuite.of(0x1302));                         // fails
   * }</pre>
   *
   * @param suites the acceptable suites, at least one
   * @return this assertion object
   * @throws AssertionError if the server chose a suite outside {@code suites} or none was seen
   */
  public SELF usesCipherSuiteIn(CipherSuite... suites) {
    return usesCipherSuiteIn(Arrays.asList(requireNonNull(suites, "suites")));
  }

  /**
   * Verifies that the server chose one of the suites named {@code names} (IANA or OpenSSL names, ignoring case).
   *
   * <pre>{@code
   * assertThat(report).usesCipherSuiteIn("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"); // passes for 0x1301
   * assertThat(report).usesCipherSuiteIn("TLS_CHACHA20_POLY1305_SHA256");                     // fails
   * }</pre>
   *
   * @param names acceptable suite names, at least one
   * @return this assertion object
   * @throws AssertionError if the server chose a suite outside those named or none was seen
   * @throws IllegalArgumentException if a name names no cipher suite
   */
  public SELF usesCipherSuiteIn(String... names) {
    return usesCipherSuiteIn(Arrays.stream(requireNonNull(names, "names")).map(HandshakeChecks::suiteNamed).toList());
  }

  /**
   * Verifies that the suite gives forward secrecy: an ephemeral key exchange ((EC)DHE, and all of TLS 1.3), so a
   * stolen server key cannot decrypt recorded traffic.
   *
   * <pre>{@code
   * assertThat(ecdheReport).hasForwardSecrecy();   // passes: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
   * assertThat(rsaKexReport).hasForwardSecrecy();  // fails: TLS_RSA_WITH_AES_128_GCM_SHA256 (key exchange RSA)
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the suite has no forward secrecy or none was seen
   */
  public SELF hasForwardSecrecy() {
    return check(HandshakeChecks.hasForwardSecrecy());
  }

  /**
   * Verifies that records are protected by an AEAD cipher (GCM, CCM, ChaCha20-Poly1305), not CBC or a stream cipher.
   *
   * <pre>{@code
   * assertThat(gcmReport).usesAeadCipher(); // passes
   * assertThat(cbcReport).usesAeadCipher(); // fails: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (CBC mode)
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the suite is not AEAD or none was seen
   */
  public SELF usesAeadCipher() {
    return check(HandshakeChecks.usesAeadCipher());
  }

  /**
   * Verifies that the cipher has at least {@code bits} secret key bits, as OpenSSL counts them (AES-128: 128, 3DES:
   * 112).
   *
   * <pre>{@code
   * assertThat(aes256Report).hasCipherStrengthAtLeast(128); // passes
   * assertThat(tripleDesReport).hasCipherStrengthAtLeast(128); // fails: 112 bits
   * }</pre>
   *
   * @param bits the least number of secret key bits
   * @return this assertion object
   * @throws AssertionError if the cipher has fewer bits or no suite was seen
   */
  public SELF hasCipherStrengthAtLeast(int bits) {
    return check(HandshakeChecks.hasCipherStrengthAtLeast(bits));
  }

  /**
   * Verifies that the registry does not class the suite {@link CipherStrength#WEAK} or {@link
   * CipherStrength#INSECURE}; the failure names every reason the registry gives (SWEET32, no forward secrecy, CBC,
   * RC4 …). The classes are documented on {@link CipherSuite}.
   *
   * <pre>{@code
   * assertThat(tls13Report).hasNoWeakCipher();     // passes: TLS_AES_128_GCM_SHA256 is RECOMMENDED
   * assertThat(tripleDesReport).hasNoWeakCipher(); // fails: WEAK because 3DES has a 64-bit block: SWEET32 …
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the suite is WEAK or INSECURE, or none was seen
   */
  public SELF hasNoWeakCipher() {
    return check(HandshakeChecks.hasNoWeakCipher());
  }

  /**
   * Verifies that the ServerHello chose the {@code null} compression method: TLS compression enables CRIME
   * (CVE-2012-4929). Fails when no ServerHello was seen, since then nothing proves it.
   *
   * <pre>{@code
   * assertThat(report).hasNoCompression();           // passes: compression null
   * assertThat(deflateReport).hasNoCompression();    // fails: the server chose DEFLATE
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if compression was chosen or no compression method is known
   */
  public SELF hasNoCompression() {
    return check(HandshakeChecks.hasNoCompression());
  }

  /**
   * Verifies that the key exchange used {@code group} (the TLS 1.3 key_share, or a TLS 1.2 ECDHE
   * ServerKeyExchange's curve). On failure, IDEs can show both groups side by side.
   *
   * <pre>{@code
   * assertThat(report).usesGroup(NamedGroup.byName("x25519").orElseThrow());    // passes for x25519
   * assertThat(report).usesGroup(NamedGroup.byName("secp384r1").orElseThrow()); // fails: it used x25519
   * }</pre>
   *
   * @param group the expected group
   * @return this assertion object
   * @throws AssertionError if another group or none was used
   */
  public SELF usesGroup(NamedGroup group) {
    return check(HandshakeChecks.usesGroup(group));
  }

  /**
   * Verifies that the key exchange used the group named {@code name} (IANA name, ignoring case).
   *
   * <pre>{@code
   * assertThat(report).usesGroup("x25519");    // passes for x25519
   * assertThat(report).usesGroup("secp384r1"); // fails: it used x25519
   * }</pre>
   *
   * @param name an IANA supported-groups name, e.g. {@code x25519}, {@code secp256r1}, {@code X25519MLKEM768}
   * @return this assertion object
   * @throws AssertionError if another group or none was used
   * @throws IllegalArgumentException if no group has that name
   */
  public SELF usesGroup(String name) {
    return usesGroup(HandshakeChecks.groupNamed(name));
  }

  /**
   * Verifies that the key exchange has a post-quantum part: ML-KEM alone or in a hybrid such as {@code
   * X25519MLKEM768}, so recorded traffic resists a future quantum computer.
   *
   * <pre>{@code
   * assertThat(hybridReport).usesPostQuantumKeyExchange(); // passes: X25519MLKEM768
   * assertThat(x25519Report).usesPostQuantumKeyExchange(); // fails: x25519 (ELLIPTIC_CURVE)
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the key exchange is classical or unknown
   */
  public SELF usesPostQuantumKeyExchange() {
    return check(HandshakeChecks.usesPostQuantumKeyExchange());
  }

  /**
   * Verifies that ALPN (RFC 7301) agreed on {@code protocol}. On failure, IDEs can show both side by side.
   *
   * <pre>{@code
   * assertThat(h2Report).negotiatedApplicationProtocol("h2");       // passes
   * assertThat(h2Report).negotiatedApplicationProtocol("http/1.1"); // fails: it negotiated h2
   * }</pre>
   *
   * @param protocol the expected ALPN protocol id, e.g. {@code h2}
   * @return this assertion object
   * @throws AssertionError if another or no application protocol was agreed
   */
  public SELF negotiatedApplicationProtocol(String protocol) {
    return check(HandshakeChecks.negotiatedApplicationProtocol(protocol));
  }

  /**
   * Verifies that the server supports secure renegotiation: its ServerHello carried renegotiation_info (RFC 5746).
   * Passes for TLS 1.3, which has no renegotiation at all, so nothing can be renegotiated insecurely.
   *
   * <pre>{@code
   * assertThat(tls13Report).supportsSecureRenegotiation();            // passes: TLS 1.3
   * assertThat(tls12WithRenegotiationInfo).supportsSecureRenegotiation(); // passes
   * assertThat(tls12Without).supportsSecureRenegotiation();           // fails, listing the extensions it sent
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if a TLS 1.2-or-older ServerHello lacks renegotiation_info, or no ServerHello was seen
   */
  public SELF supportsSecureRenegotiation() {
    return check(HandshakeChecks.supportsSecureRenegotiation());
  }

  /**
   * Verifies that the connection uses the extended master secret (RFC 7627): the ServerHello carried
   * extended_master_secret, which binds the master secret to the handshake transcript. Passes for TLS 1.3, whose key
   * schedule always binds the transcript.
   *
   * <pre>{@code
   * assertThat(tls13Report).usesExtendedMasterSecret();   // passes: TLS 1.3
   * assertThat(tls12WithEms).usesExtendedMasterSecret();  // passes
   * assertThat(tls12Without).usesExtendedMasterSecret();  // fails, listing the extensions it sent
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if a TLS 1.2-or-older ServerHello lacks extended_master_secret, or none was seen
   */
  public SELF usesExtendedMasterSecret() {
    return check(HandshakeChecks.usesExtendedMasterSecret());
  }

  /**
   * Verifies that the server stapled an OCSP response (status_request, RFC 6066 section 8).
   *
   * <pre>{@code
   * assertThat(staplingReport).hasStapledOcspResponse(); // passes
   * assertThat(report).hasStapledOcspResponse();         // fails: it stapled none
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if no OCSP response was stapled
   */
  public SELF hasStapledOcspResponse() {
    return check(HandshakeChecks.hasStapledOcspResponse());
  }

  /**
   * Verifies that the handshake took at most {@code maximum}, from the first ClientHello byte to its end.
   *
   * <pre>{@code
   * // a handshake that took 40 ms
   * assertThat(report).hasHandshakeTimeAtMost(Duration.ofMillis(250)); // passes
   * assertThat(report).hasHandshakeTimeAtMost(Duration.ofMillis(10));  // fails: it took 40 ms
   * }</pre>
   *
   * @param maximum the longest acceptable handshake
   * @return this assertion object
   * @throws AssertionError if the handshake took longer or was not timed
   */
  public SELF hasHandshakeTimeAtMost(Duration maximum) {
    return check(HandshakeChecks.hasHandshakeTimeAtMost(maximum));
  }

  /**
   * Verifies that the report's verdict trusts the peer's certificate chain: it builds to an anchor of the trust store
   * the probe used, and no problem was found. The failure lists every problem.
   *
   * <pre>{@code
   * assertThat(reportTrustedByTestCa).hasTrustedCertificate(); // passes
   * assertThat(selfSignedReport).hasTrustedCertificate();      // fails: SELF_SIGNED: …
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the chain is not trusted (or no certificate was received)
   */
  public SELF hasTrustedCertificate() {
    return check(HandshakeChecks.hasTrustedCertificate());
  }

  /**
   * Navigates to assertions on the peer's leaf certificate. They know this report: failures show the connection and
   * {@code isTrusted()} consults its verdict. From soft assertions the navigation stays soft.
   *
   * <pre>{@code
   * assertThat(report).certificate().isValidFor("localhost");   // passes for a localhost certificate
   * assertThat(rejectedReport).certificate();                   // fails: the peer sent no certificate
   * }</pre>
   *
   * @return assertions on the leaf certificate
   * @throws AssertionError if the peer sent no certificate
   */
  public CertificateAssert certificate() {
    isNotNull();
    Optional<CertificateInfo> leaf = actual.leafCertificate();
    if (leaf.isEmpty()) {
      return navigator.missing(assertionError(shouldHaveCertificate(actual)), actual, clock);
    }
    return navigator.certificate(leaf.get(), actual, clock, info.description());
  }

  /**
   * Navigates to list assertions on the peer's certificate chain, leaf first, whose elements are certificate
   * assertions that know this report.
   *
   * <pre>{@code
   * assertThat(report).certificateChain().hasSize(2).last().hasSubject("CN=Test CA"); // passes for leaf + CA
   * assertThat(report).certificateChain().hasSize(3);                                 // fails: it holds 2
   * }</pre>
   *
   * @return assertions on the chain
   */
  public CertificateChainAssert certificateChain() {
    isNotNull();
    return navigator.chain(actual, clock, info.description());
  }

  /**
   * Verifies that TLS started with the connection's first byte (implicit TLS: HTTPS, SMTPS on 465, IMAPS on 993 …):
   * the endpoint's connection is {@code direct}.
   *
   * <pre>{@code
   * assertThat(imapsReport).usesImplicitTls();    // passes: 127.0.0.1:993 (direct)
   * assertThat(starttlsReport).usesImplicitTls(); // fails: it used starttls:imap
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the connection was upgraded from plain text
   */
  public SELF usesImplicitTls() {
    return check(StartTlsChecks.usesImplicitTls());
  }

  /**
   * Verifies that TLS started by a STARTTLS upgrade of a plain-text connection, in any dialect.
   *
   * <pre>{@code
   * assertThat(submissionReport).usesStartTls(); // passes: starttls:smtp
   * assertThat(httpsReport).usesStartTls();      // fails: it used direct
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if TLS started from the first byte
   */
  public SELF usesStartTls() {
    return check(StartTlsChecks.usesStartTls());
  }

  /**
   * Verifies that TLS started by a STARTTLS upgrade in {@code dialect}. On failure, IDEs can show both connection
   * names side by side.
   *
   * <pre>{@code
   * assertThat(submissionReport).usesStartTls(StartTls.SMTP); // passes: starttls:smtp
   * assertThat(submissionReport).usesStartTls(StartTls.IMAP); // fails: it used starttls:smtp
   * }</pre>
   *
   * @param dialect the STARTTLS dialect; for TLS from the first byte use {@link #usesImplicitTls()}
   * @return this assertion object
   * @throws AssertionError if TLS started another way
   * @throws IllegalArgumentException for {@link StartTls#NONE}
   */
  public SELF usesStartTls(StartTls dialect) {
    return check(StartTlsChecks.usesStartTls(dialect));
  }

  /**
   * Verifies that the plain-text phase never reached TLS (outcome {@code starttls_failed}): the server did not
   * advertise or refused the upgrade, answered something the dialect cannot read, closed, or went silent.
   *
   * <pre>{@code
   * assertThat(notAdvertisingReport).failedStartTls(); // passes: server did not advertise STARTTLS; …
   * assertThat(postfixReport).failedStartTls();        // fails: established: handshake completed
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the outcome is another
   */
  public SELF failedStartTls() {
    return check(StartTlsChecks.failedStartTls());
  }

  /**
   * Verifies that the STARTTLS command-injection check (CVE-2011-0411 class) found the server {@code NOT_VULNERABLE}.
   * Strict: it fails on a direct-TLS report, and when the check was not run or was {@code INCONCLUSIVE}, since then
   * nothing proves the server safe; the failure quotes the check's detail and its transcript. To tolerate an
   * inconclusive check, use {@code plainTextPhase().hasStartTlsInjectionVerdictIn(NOT_VULNERABLE, INCONCLUSIVE)}.
   *
   * <pre>{@code
   * assertThat(postfixReport).isNotVulnerableToStartTlsInjection();   // passes
   * assertThat(buggyFrontReport).isNotVulnerableToStartTlsInjection();
   * // fails: the server answered NOOP, sent in clear with the upgrade command, inside TLS
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the report has no plain-text phase, or its check found the server vulnerable, could
   *     not tell, or was not run
   */
  public SELF isNotVulnerableToStartTlsInjection() {
    return check(StartTlsChecks.isNotVulnerableToStartTlsInjection());
  }

  /**
   * Navigates to assertions on what crossed in clear before the STARTTLS upgrade. They know this report: failures
   * show the transcript and the connection. From soft assertions the navigation stays soft.
   *
   * <pre>{@code
   * assertThat(submissionReport).plainTextPhase().advertisedStartTls().offeredNoAuthenticationBeforeTls(); // passes
   * assertThat(httpsReport).plainTextPhase();
   * // fails: expected a STARTTLS connection with a plain-text phase but localhost:443 (direct) was direct TLS
   * }</pre>
   *
   * @return assertions on the plain-text phase
   * @throws AssertionError if the report has no plain-text phase
   */
  public PlainTextPhaseAssert plainTextPhase() {
    isNotNull();
    Optional<PlainTextPhase> phase = actual.plainTextPhase();
    if (phase.isEmpty()) {
      return navigator.missingPlainTextPhase(assertionError(shouldHavePlainTextPhase(actual)), actual);
    }
    return navigator.plainTextPhase(phase.get(), actual, info.description());
  }

  /**
   * Verifies that what this connection negotiated breaks no rule of {@code policy}: version, cipher suite, group, DHE
   * prime, compression and the leaf certificate's key. What the report does not show (no version on a refused
   * handshake) is not checked. One failure lists every {@link Violation} with the policy's name, version and source,
   * and the connection.
   *
   * <pre>{@code
   * assertThat(tls13Report).compliesWith(TlsPolicy.MOZILLA_MODERN); // passes
   * assertThat(tls10Report).compliesWith(TlsPolicy.MOZILLA_INTERMEDIATE);
   * // fails: but found 2 violations:
   * //   protocol: expected TLS 1.2, TLS 1.3 but found TLS 1.0 negotiated
   * //   cipher suite: expected one of … but found TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA negotiated
   * }</pre>
   *
   * @param policy the policy the connection is held to
   * @return this assertion object
   * @throws AssertionError listing every violation, if there is any
   */
  public SELF compliesWith(TlsPolicy policy) {
    requireNonNull(policy, "policy");
    isNotNull();
    List<Violation> violations = policy.evaluate(actual);
    if (!violations.isEmpty()) {
      throwAssertionError(shouldComplyWith(actual, policy, violations));
    }
    return myself;
  }

  /** Fails with {@code check}'s failure of the report, if any, as AssertJ's own assertions do. */
  private SELF check(ReportCheck check) {
    isNotNull();
    ReportCheck.Failure failure = check.failure(actual);
    if (failure != null && failure.diff()) {
      throw failureWithActualExpected(failure.actual(), failure.expected(), "%s", failure.message().create());
    }
    if (failure != null) {
      throwAssertionError(failure.message());
    }
    return myself;
  }
}
