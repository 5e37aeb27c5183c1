package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.NL;
import static io.tlsprobe.assertj.error.ShouldOfferNoAuthenticationBeforeTls.unknown;
import static io.tlsprobe.assertj.error.Transcripts.context;
import static io.tlsprobe.assertj.error.Transcripts.listing;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a server that offered no authentication before TLS where the test expected it to (a legacy
 * server the test documents), or whose phase does not say.
 *
 * <pre>
 * Expecting the server to offer authentication before TLS
 * but it offered none:
 *   LOGINDISABLED in the CAPABILITY reply before TLS
 * Transcript (starttls:imap, 6 lines):
 *   …
 * </pre>
 */
public final class ShouldOfferAuthenticationBeforeTls extends BasicErrorMessageFactory {

  private ShouldOfferAuthenticationBeforeTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, which offered no authentication before TLS or does not say. */
  public static ErrorMessageFactory shouldOfferAuthenticationBeforeTls(
      PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    String found;
    if (phase.plainTextAuthenticationOffered().isEmpty()) {
      found = unknown(phase);
    } else if (phase.authenticationEvidence().isEmpty()) {
      found = "it offered none";
    } else {
      found = "it offered none:" + NL + listing(phase.authenticationEvidence());
    }
    return new ShouldOfferAuthenticationBeforeTls(
        "%nExpecting the server to offer authentication before TLS%nbut %s%s", found, context(phase, report));
  }
}
