package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Transcripts.context;
import static io.tlsprobe.assertj.error.Transcripts.listing;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a client that sent credentials in clear, before TLS: each offending line (its secret masked, so
 * the CI log does not repeat it), then the transcript, masked the same way.
 *
 * <pre>
 * Expecting the client to send no credentials before TLS
 * but it sent in clear:
 *   C: USER *** (a user name)
 *   C: PASS *** (a password)
 * Transcript (starttls:pop3, 5 lines, credentials masked):
 *   S: +OK ready
 *   C: USER ***
 *   …
 * </pre>
 */
public final class ShouldSendNoCredentialsBeforeTls extends BasicErrorMessageFactory {

  private ShouldSendNoCredentialsBeforeTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for a client that sent {@code findings} in clear.
   *
   * @param maskedPhase the phase with every credential masked
   * @param findings each offending line with what it carries, e.g. {@code C: PASS *** (a password)}
   * @param report the connection, when known
   */
  public static ErrorMessageFactory shouldSendNoCredentialsBeforeTls(
      PlainTextPhase maskedPhase, List<String> findings, @Nullable TlsConnectionReport report) {
    return new ShouldSendNoCredentialsBeforeTls(
        "%nExpecting the client to send no credentials before TLS%nbut it sent in clear:%n%s%s",
        listing(findings), context(maskedPhase, ", credentials masked", report));
  }

  /** The message for a phase whose transcript was cut off before TLS began: the rest of the clear text is unknown. */
  public static ErrorMessageFactory shouldSendNoCredentialsBeforeTlsButUnknown(
      PlainTextPhase maskedPhase, @Nullable TlsConnectionReport report) {
    return new ShouldSendNoCredentialsBeforeTls(
        "%nExpecting the client to send no credentials before TLS%n"
            + "but the transcript was truncated at %s lines before TLS began, so the rest of the clear text is"
            + " unknown%s",
        String.valueOf(PlainTextPhase.MAX_LINES), context(maskedPhase, ", credentials masked", report));
  }
}
