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
 * The message for a client that carried on in clear once STARTTLS was refused or stripped (the lines it sent, with
 * credentials masked), or for a phase where the upgrade was performed, so the question does not arise.
 *
 * <pre>
 * Expecting the client to stop without TLS once STARTTLS was refused or stripped
 * but it carried on in clear:
 *   C: USER *** (a user name)
 *   C: PASS *** (a password)
 *   C: STAT
 * Transcript (starttls:pop3, 16 lines, credentials masked):
 *   …
 * </pre>
 */
public final class ShouldStopWithoutTls extends BasicErrorMessageFactory {

  private ShouldStopWithoutTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for a client that sent {@code continued} in clear.
   *
   * @param maskedPhase the phase with every credential masked
   * @param continued the lines it sent after it learned TLS was unavailable, e.g. {@code C: PASS *** (a password)}
   * @param report the connection, when known
   */
  public static ErrorMessageFactory shouldStopWithoutTls(
      PlainTextPhase maskedPhase, List<String> continued, @Nullable TlsConnectionReport report) {
    return new ShouldStopWithoutTls(
        "%nExpecting the client to stop without TLS once STARTTLS was refused or stripped%n"
            + "but it carried on in clear:%n%s%s",
        listing(continued), context(maskedPhase, ", credentials masked", report));
  }

  /** The message for a phase whose upgrade the server agreed to: STARTTLS was neither refused nor stripped. */
  public static ErrorMessageFactory shouldStopWithoutTlsButUpgraded(
      PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    return new ShouldStopWithoutTls(
        "%nExpecting the client to stop without TLS once STARTTLS was refused or stripped%n"
            + "but the server agreed to start TLS, so the client had no reason to stop%s",
        context(phase, report));
  }
}
