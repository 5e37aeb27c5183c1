package io.tlsprobe.policy;

import io.tlsprobe.CipherMode;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.AcceptedCipherSuite;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerFeatures;
import io.tlsprobe.report.ServerProfile;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A rule on one of the protocol features a scan reports ({@link ServerFeatures}), e.g. "the server supports secure
 * renegotiation (RFC 5746)", applied only when it matters for the server (renegotiation only where TLS 1.2 or older
 * is accepted, encrypt-then-MAC only where a CBC suite is).
 *
 * <pre>{@code
 * TlsPolicy ours = TlsPolicy.builder("ours")
 *     .requiredFeatures(FeatureRule.SECURE_RENEGOTIATION, FeatureRule.EXTENDED_MASTER_SECRET, FeatureRule.NO_HEARTBEAT)
 *     .build();
 * }</pre>
 *
 * <p>Only a definite finding can break the rule: {@link Finding.Support#YES} or {@link Finding.Support#NO} against
 * what the rule wants is a {@link Violation}; {@link Finding.Support#UNKNOWN} (the scan could not tell, or did not
 * ask) and {@link Finding.Support#NOT_APPLICABLE} are never violations, and {@link TlsPolicy#unchecked(ServerProfile)}
 * lists them so a report can say what it could not check.
 */
public enum FeatureRule {
  /** Answers {@code renegotiation_info} (RFC 5746 section 3.6) wherever TLS 1.2 or older is accepted. */
  SECURE_RENEGOTIATION("secure renegotiation", "renegotiation_info (RFC 5746) supported",
      ServerFeatures::secureRenegotiation, true, FeatureRule::acceptsTls12OrOlder),
  /** Answers {@code extended_master_secret} (RFC 7627) wherever TLS 1.2 or older is accepted. */
  EXTENDED_MASTER_SECRET("extended master secret", "extended_master_secret (RFC 7627) supported",
      ServerFeatures::extendedMasterSecret, true, FeatureRule::acceptsTls12OrOlder),
  /** Answers {@code encrypt_then_mac} (RFC 7366) wherever a CBC suite is accepted in TLS 1.2 or older. */
  ENCRYPT_THEN_MAC("encrypt-then-MAC", "encrypt_then_mac (RFC 7366) supported with CBC suites",
      ServerFeatures::encryptThenMac, true, FeatureRule::acceptsCbcSuite),
  /** Answers {@code status_request} (RFC 6066 section 8) with a stapled OCSP response. */
  OCSP_STAPLING("certificate status request", "status_request (RFC 6066) supported",
      ServerFeatures::ocspStapling, true, p -> !p.acceptedProtocols().isEmpty()),
  /**
   * Refuses a lower-version hello carrying {@code TLS_FALLBACK_SCSV} (RFC 7507) wherever TLS 1.0 or 1.1 is accepted
   * and TLS 1.3 is not.
   */
  FALLBACK_SCSV("fallback SCSV", "TLS_FALLBACK_SCSV (RFC 7507) honoured",
      ServerFeatures::fallbackScsv, true, FeatureRule::acceptsPreTls12WithoutTls13),
  /** Does not accept the Heartbeat extension (RFC 6520). */
  NO_HEARTBEAT("heartbeat", "no Heartbeat extension (RFC 6520)", ServerFeatures::heartbeat, false,
      p -> !p.acceptedProtocols().isEmpty());

  private final String rule;
  private final String expected;
  private final Function<ServerFeatures, Finding> finding;
  private final boolean wanted;
  private final Predicate<ServerProfile> applies;

  FeatureRule(String rule, String expected, Function<ServerFeatures, Finding> finding, boolean wanted,
      Predicate<ServerProfile> applies) {
    this.rule = rule;
    this.expected = expected;
    this.finding = finding;
    this.wanted = wanted;
    this.applies = applies;
  }

  /** The rule's name as a {@link Violation} shows it, e.g. {@code "secure renegotiation"}. */
  public String rule() {
    return rule;
  }

  /** What the rule wants, as a {@link Violation} shows it. */
  public String expected() {
    return expected;
  }

  /** Whether the rule applies to {@code profile} at all (e.g. renegotiation only where TLS 1.2 or older is accepted). */
  boolean appliesTo(ServerProfile profile) {
    return applies.test(profile);
  }

  /** The scan's finding for this feature. */
  Finding findingIn(ServerProfile profile) {
    return finding.apply(profile.features());
  }

  /** Whether a definite finding breaks the rule. */
  boolean brokenBy(Finding found) {
    return wanted ? found.isNo() : found.isYes();
  }

  private static boolean acceptsTls12OrOlder(ServerProfile profile) {
    return profile.acceptedProtocols().stream().anyMatch(p -> !p.isAtLeast(TlsProtocol.TLSv1_3));
  }

  private static boolean acceptsPreTls12WithoutTls13(ServerProfile profile) {
    return !profile.accepts(TlsProtocol.TLSv1_3)
        && (profile.accepts(TlsProtocol.TLSv1) || profile.accepts(TlsProtocol.TLSv1_1));
  }

  private static boolean acceptsCbcSuite(ServerProfile profile) {
    for (ProtocolSupport p : profile.protocols()) {
      if (p.accepted() && !p.protocol().isAtLeast(TlsProtocol.TLSv1_3)) {
        for (AcceptedCipherSuite s : p.suites()) {
          if (s.cipherSuite().mode() == CipherMode.CBC) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
