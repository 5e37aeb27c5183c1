package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.NL;
import static io.tlsprobe.assertj.error.Transcripts.context;
import static io.tlsprobe.assertj.error.Transcripts.listing;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a server that offered authentication in clear, before TLS (SMTP {@code AUTH} in EHLO, IMAP without
 * {@code LOGINDISABLED}, POP3 {@code USER}, FTP accepting {@code USER} before {@code AUTH}), with the evidence the
 * dialect recorded; or whose phase does not say.
 *
 * <pre>
 * Expecting the server to offer no authentication before TLS
 * but it offered authentication in clear:
 *   AUTH PLAIN LOGIN in the EHLO reply before TLS
 * Transcript (starttls:smtp, 12 lines):
 *   …
 * </pre>
 */
public final class ShouldOfferNoAuthenticationBeforeTls extends BasicErrorMessageFactory {

  private ShouldOfferNoAuthenticationBeforeTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, which offered authentication before TLS or does not say. */
  public static ErrorMessageFactory shouldOfferNoAuthenticationBeforeTls(
      PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    String found;
    if (phase.plainTextAuthenticationOffered().isEmpty()) {
      found = unknown(phase);
    } else if (phase.authenticationEvidence().isEmpty()) {
      found = "it offered authentication in clear (the " + phase.dialect() + " phase recorded no evidence)";
    } else {
      found = "it offered authentication in clear:" + NL + listing(phase.authenticationEvidence());
    }
    return new ShouldOfferNoAuthenticationBeforeTls(
        "%nExpecting the server to offer no authentication before TLS%nbut %s%s", found, context(phase, report));
  }

  /** Why the phase does not say whether authentication was offered in clear. */
  static String unknown(PlainTextPhase phase) {
    return "whether it offered any is unknown: the " + phase.dialect()
        + " phase recorded no verdict (the dialect cannot tell, or it was not reached)";
  }
}
