package io.tlsprobe.cli;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text view of a report's {@link PlainTextPhase} for {@code tlsprobe probe --starttls …}: field names as in the
 * JSON report's {@code plain_text_phase}. The transcript is shown when it is short ({@value #SHORT_TRANSCRIPT} lines
 * at most) or with {@code --verbose}, which also shows the injection check's own transcript; otherwise only its
 * length.
 *
 * <pre>
 * plain_text_phase:
 *   dialect: smtp
 *   greeting: 220 mail.test ESMTP Postfix
 *   capabilities_before: [PIPELINING, STARTTLS, AUTH PLAIN LOGIN]
 *   starttls_advertised: true
 *   plain_text_authentication_offered: true
 *   authentication_evidence: [AUTH PLAIN LOGIN]
 *   upgraded: true
 *   injection:
 *     verdict: not_vulnerable
 *     …
 *   transcript (9):
 *     S: 220 mail.test ESMTP Postfix
 *     C: EHLO tlsprobe.invalid
 *     …
 * </pre>
 */
final class PlainTextView {
  /** The most transcript lines shown without {@code --verbose}. */
  static final int SHORT_TRANSCRIPT = 24;

  private PlainTextView() {}

  static Fields of(PlainTextPhase phase, boolean verbose) {
    Fields fields = new Fields()
        .put("dialect", phase.dialect())
        .put("greeting", phase.greeting().orElse(null))
        .put("capabilities_before", phase.capabilitiesBefore())
        .put("capabilities_after", phase.capabilitiesAfter())
        .put("starttls_advertised", known(phase.startTlsAdvertised()))
        .put("plain_text_authentication_offered", known(phase.plainTextAuthenticationOffered()));
    if (!phase.authenticationEvidence().isEmpty()) {
      fields.put("authentication_evidence", phase.authenticationEvidence());
    }
    fields.put("upgraded", phase.upgraded());
    fields.put("injection", phase.injection().map(i -> injection(i, verbose)).orElse(null));
    if (verbose || phase.transcript().size() <= SHORT_TRANSCRIPT) {
      fields.put("transcript", lines(phase.transcript()));
      if (phase.truncated()) {
        fields.put("truncated", "later lines dropped after " + PlainTextPhase.MAX_LINES);
      }
    } else {
      fields.put("transcript", phase.transcript().size() + " lines" + (phase.truncated() ? " (truncated)" : "")
          + ": --verbose shows them");
    }
    return fields;
  }

  private static Fields injection(InjectionCheck check, boolean verbose) {
    Fields fields = new Fields()
        .put("verdict", check.verdict().name().toLowerCase(Locale.ROOT))
        .put("injected_command", check.injectedCommand())
        .put("detail", check.detail());
    if (verbose) {
      fields.put("transcript", lines(check.transcript()));
    }
    return fields;
  }

  private static Object known(Optional<Boolean> value) {
    return value.<Object>map(b -> b).orElse("unknown");
  }

  private static Fields.Lines lines(List<PlainTextPhase.Line> transcript) {
    return new Fields.Lines(transcript.stream().map(PlainTextPhase.Line::toString).toList());
  }
}
