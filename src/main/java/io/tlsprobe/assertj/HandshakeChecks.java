package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.ReportCheck.unless;
import static java.util.Objects.requireNonNull;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherStrength;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ReportCheck.Failure;
import io.tlsprobe.assertj.error.ShouldBeEstablished;
import io.tlsprobe.assertj.error.ShouldBeTrusted;
import io.tlsprobe.assertj.error.ShouldHaveBeenRejected;
import io.tlsprobe.assertj.error.ShouldHaveCipherStrengthAtLeast;
import io.tlsprobe.assertj.error.ShouldHaveForwardSecrecy;
import io.tlsprobe.assertj.error.ShouldHaveHandshakeTimeAtMost;
import io.tlsprobe.assertj.error.ShouldHaveNegotiatedApplicationProtocol;
import io.tlsprobe.assertj.error.ShouldHaveNoCompression;
import io.tlsprobe.assertj.error.ShouldHaveNoWeakCipher;
import io.tlsprobe.assertj.error.ShouldHaveStapledOcspResponse;
import io.tlsprobe.assertj.error.ShouldNotBeEstablished;
import io.tlsprobe.assertj.error.ShouldSupportSecureRenegotiation;
import io.tlsprobe.assertj.error.ShouldUseAeadCipher;
import io.tlsprobe.assertj.error.ShouldUseCipherSuite;
import io.tlsprobe.assertj.error.ShouldUseCipherSuiteIn;
import io.tlsprobe.assertj.error.ShouldUseExtendedMasterSecret;
import io.tlsprobe.assertj.error.ShouldUseGroup;
import io.tlsprobe.assertj.error.ShouldUsePostQuantumKeyExchange;
import io.tlsprobe.assertj.error.ShouldUseProtocol;
import io.tlsprobe.assertj.error.ShouldUseProtocolAtLeast;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The handshake checks of {@link AbstractTlsConnectionReportAssert}: outcome, protocol version, cipher suite, key
 * exchange group, ALPN, the ServerHello's security extensions, timing and the trust verdict. Each factory validates its
 * arguments at once, as the assertion method did, and returns the {@link ReportCheck}.
 *
 * <pre>{@code
 * ReportCheck check = HandshakeChecks.usesProtocolAtLeast(TlsProtocol.TLSv1_2);
 * check.failure(tls10Report); // ShouldUseProtocolAtLeast's message
 * }</pre>
 */
final class HandshakeChecks {
  private HandshakeChecks() {}

  static ReportCheck isEstablished() {
    return unless(r -> r.outcome().isEstablished(), ShouldBeEstablished::shouldBeEstablished);
  }

  static ReportCheck isNotEstablished() {
    return unless(r -> !r.outcome().isEstablished(), ShouldNotBeEstablished::shouldNotBeEstablished);
  }

  static ReportCheck wasRejected() {
    return unless(r -> r.outcome().kind() == Outcome.Kind.REJECTED_BY_PEER,
        ShouldHaveBeenRejected::shouldHaveBeenRejected);
  }

  static ReportCheck wasRejected(AlertDescription alert) {
    requireNonNull(alert, "alert");
    return unless(r -> r.outcome().kind() == Outcome.Kind.REJECTED_BY_PEER
        && r.outcome().alert().equals(Optional.of(alert)),
        r -> ShouldHaveBeenRejected.shouldHaveBeenRejectedWith(r, alert));
  }

  static AlertDescription alertNamed(String alertName) {
    requireNonNull(alertName, "alertName");
    return AlertDescription.byName(alertName)
        .orElseThrow(() -> new IllegalArgumentException("no TLS alert is named " + alertName));
  }

  static ReportCheck usesProtocol(TlsProtocol protocol) {
    requireNonNull(protocol, "protocol");
    return r -> r.protocol().equals(Optional.of(protocol)) ? null
        : Failure.withDiff(r.protocol().map(TlsProtocol::jsseName).orElse(null), protocol.jsseName(),
            ShouldUseProtocol.shouldUseProtocol(r, protocol));
  }

  static ReportCheck usesProtocolAtLeast(TlsProtocol minimum) {
    requireNonNull(minimum, "minimum");
    return unless(r -> r.protocol().map(p -> p.isAtLeast(minimum)).orElse(false),
        r -> ShouldUseProtocolAtLeast.shouldUseProtocolAtLeast(r, minimum));
  }

  static ReportCheck usesCipherSuite(CipherSuite suite) {
    requireNonNull(suite, "suite");
    return r -> r.cipherSuite().equals(Optional.of(suite)) ? null
        : Failure.withDiff(r.cipherSuite().map(CipherSuite::name).orElse(null), suite.name(),
            ShouldUseCipherSuite.shouldUseCipherSuite(r, suite));
  }

  static ReportCheck usesCipherSuiteIn(Collection<CipherSuite> suites) {
    requireNonNull(suites, "suites");
    if (suites.isEmpty()) {
      throw new IllegalArgumentException("suites must not be empty");
    }
    List<CipherSuite> allowed = List.copyOf(suites);
    return unless(r -> r.cipherSuite().map(allowed::contains).orElse(false),
        r -> ShouldUseCipherSuiteIn.shouldUseCipherSuiteIn(r, allowed));
  }

  static CipherSuite suiteNamed(String name) {
    requireNonNull(name, "name");
    return CipherSuite.byName(name)
        .orElseThrow(() -> new IllegalArgumentException("no cipher suite is named " + name));
  }

  static ReportCheck hasForwardSecrecy() {
    return unless(r -> r.cipherSuite().map(CipherSuite::forwardSecrecy).orElse(false),
        ShouldHaveForwardSecrecy::shouldHaveForwardSecrecy);
  }

  static ReportCheck usesAeadCipher() {
    return unless(r -> r.cipherSuite().map(CipherSuite::isAead).orElse(false),
        ShouldUseAeadCipher::shouldUseAeadCipher);
  }

  static ReportCheck hasCipherStrengthAtLeast(int bits) {
    return unless(r -> r.cipherSuite().map(s -> s.secretKeyBits() >= bits).orElse(false),
        r -> ShouldHaveCipherStrengthAtLeast.shouldHaveCipherStrengthAtLeast(r, bits));
  }

  static ReportCheck hasNoWeakCipher() {
    return unless(r -> r.cipherSuite().map(s -> s.strength().isAtLeast(CipherStrength.SECURE)).orElse(false),
        ShouldHaveNoWeakCipher::shouldHaveNoWeakCipher);
  }

  static ReportCheck hasNoCompression() {
    return unless(r -> r.compression().map(CompressionMethod::isNull).orElse(false),
        ShouldHaveNoCompression::shouldHaveNoCompression);
  }

  static ReportCheck usesGroup(NamedGroup group) {
    requireNonNull(group, "group");
    return r -> r.group().equals(Optional.of(group)) ? null
        : Failure.withDiff(r.group().map(NamedGroup::name).orElse(null), group.name(),
            ShouldUseGroup.shouldUseGroup(r, group));
  }

  static NamedGroup groupNamed(String name) {
    requireNonNull(name, "name");
    return NamedGroup.byName(name).orElseThrow(() -> new IllegalArgumentException("no named group is called " + name));
  }

  static ReportCheck usesPostQuantumKeyExchange() {
    return unless(r -> r.group().map(NamedGroup::isPostQuantum).orElse(false),
        ShouldUsePostQuantumKeyExchange::shouldUsePostQuantumKeyExchange);
  }

  static ReportCheck negotiatedApplicationProtocol(String protocol) {
    requireNonNull(protocol, "protocol");
    return r -> r.applicationProtocol().equals(Optional.of(protocol)) ? null
        : Failure.withDiff(r.applicationProtocol().orElse(null), protocol,
            ShouldHaveNegotiatedApplicationProtocol.shouldHaveNegotiatedApplicationProtocol(r, protocol));
  }

  static ReportCheck supportsSecureRenegotiation() {
    return unless(r -> isTls13(r) || r.secureRenegotiation(),
        ShouldSupportSecureRenegotiation::shouldSupportSecureRenegotiation);
  }

  static ReportCheck usesExtendedMasterSecret() {
    return unless(r -> isTls13(r) || r.extendedMasterSecret(),
        ShouldUseExtendedMasterSecret::shouldUseExtendedMasterSecret);
  }

  static ReportCheck hasStapledOcspResponse() {
    return unless(TlsConnectionReport::ocspStapled, ShouldHaveStapledOcspResponse::shouldHaveStapledOcspResponse);
  }

  static ReportCheck hasHandshakeTimeAtMost(Duration maximum) {
    requireNonNull(maximum, "maximum");
    return unless(r -> r.handshakeTime().map(t -> t.compareTo(maximum) <= 0).orElse(false),
        r -> ShouldHaveHandshakeTimeAtMost.shouldHaveHandshakeTimeAtMost(r, maximum));
  }

  static ReportCheck hasTrustedCertificate() {
    return unless(r -> r.verification().trusted(), ShouldBeTrusted::shouldBeTrusted);
  }

  private static boolean isTls13(TlsConnectionReport report) {
    return report.protocol().equals(Optional.of(TlsProtocol.TLSv1_3));
  }
}
