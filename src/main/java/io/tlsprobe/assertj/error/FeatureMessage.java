package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.ProfileContext.context;

import io.tlsprobe.report.Finding;
import io.tlsprobe.report.ServerProfile;
import java.util.Locale;

/**
 * The layout of every message about one {@link Finding} of a server profile: what was expected, what the scan found
 * (or that it could not tell, or that the feature does not apply), the evidence, and the profile.
 *
 * <pre>
 * Expecting the server to support TLS_FALLBACK_SCSV (RFC 7507)
 * but the scan found:
 *   not applicable
 * evidence:
 *   the server accepts only TLSv1.3: there is no lower version to fall back to
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_3 (3 suites); 22 connections]
 * </pre>
 */
final class FeatureMessage {
  private FeatureMessage() {}

  /** The format, with three {@code %s}: the finding's support, its evidence and the profile context. */
  static String format(String expectation) {
    return "%nExpecting the server to " + expectation + "%nbut the scan found:%n  %s%nevidence:%n  %s%s";
  }

  /** The values for {@link #format}: support in words, evidence, context. */
  static String[] values(Finding finding, ServerProfile profile) {
    return new String[] {finding.support().name().toLowerCase(Locale.ROOT).replace('_', ' '),
        finding.evidence().isEmpty() ? "(none recorded)" : finding.evidence(), context(profile)};
  }
}
