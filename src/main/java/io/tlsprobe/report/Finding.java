package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One yes-or-no property of a server as a scan found it, with the evidence: for example whether it answers with
 * {@code renegotiation_info} (<a href="https://www.rfc-editor.org/rfc/rfc5746#section-3.6">RFC 5746 section 3.6</a>),
 * or refuses a fallback hello with {@code inappropriate_fallback}
 * (<a href="https://www.rfc-editor.org/rfc/rfc7507#section-3">RFC 7507 section 3</a>). A scan that could not tell
 * says {@link Support#UNKNOWN} with the reason, never a guess.
 *
 * <pre>{@code
 * Finding renegotiation = profile.features().secureRenegotiation();
 * renegotiation.isYes();     // true
 * renegotiation.evidence();  // "renegotiation_info in the TLSv1.2 ServerHello"
 * renegotiation.toString();  // "yes (renegotiation_info in the TLSv1.2 ServerHello)"
 * }</pre>
 *
 * @param support what was found
 * @param evidence for people: what the server sent (or did not) that decided it, or why it could not be decided
 */
public record Finding(Support support, String evidence) {
  /** What a scan can say about one property. */
  public enum Support {
    /** The server has it (for compression and heartbeat: it accepts it). */
    YES,
    /** The server does not have it. */
    NO,
    /** It cannot apply to this server, e.g. renegotiation on a TLS 1.3-only server. */
    NOT_APPLICABLE,
    /** The scan could not tell; the evidence says why. */
    UNKNOWN
  }

  public Finding {
    requireNonNull(support, "support");
    requireNonNull(evidence, "evidence");
  }

  /** {@link Support#YES} because of {@code evidence}. */
  public static Finding yes(String evidence) {
    return new Finding(Support.YES, evidence);
  }

  /** {@link Support#NO} because of {@code evidence}. */
  public static Finding no(String evidence) {
    return new Finding(Support.NO, evidence);
  }

  /** {@link Support#NOT_APPLICABLE}, saying why. */
  public static Finding notApplicable(String why) {
    return new Finding(Support.NOT_APPLICABLE, why);
  }

  /** {@link Support#UNKNOWN}, saying why. */
  public static Finding unknown(String why) {
    return new Finding(Support.UNKNOWN, why);
  }

  /** Whether the server has it. */
  public boolean isYes() {
    return support == Support.YES;
  }

  /** Whether the server does not have it. */
  public boolean isNo() {
    return support == Support.NO;
  }

  /** {@code yes (evidence)}, {@code no (evidence)}, {@code not applicable (why)} or {@code unknown (why)}. */
  @Override
  public String toString() {
    String word = support.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return evidence.isEmpty() ? word : word + " (" + evidence + ")";
  }
}
