package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Transcripts.context;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a client expected to carry on in clear once STARTTLS was refused or stripped (a test documenting a
 * weak client) that stopped instead, or whose upgrade was performed.
 *
 * <pre>
 * Expecting the client to carry on in clear once STARTTLS was refused or stripped
 * but it sent nothing more than QUIT, LOGOUT, capability queries or the upgrade command
 * Transcript (starttls:pop3, 12 lines):
 *   …
 * </pre>
 */
public final class ShouldContinueWithoutTls extends BasicErrorMessageFactory {

  private ShouldContinueWithoutTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}: the client stopped ({@code upgraded} false) or the server let it upgrade. */
  public static ErrorMessageFactory shouldContinueWithoutTls(PlainTextPhase phase,
      @Nullable TlsConnectionReport report) {
    String found = phase.upgraded() ? "the server agreed to start TLS, so the client had no reason to carry on in clear"
        : "it sent nothing more than QUIT, LOGOUT, capability queries or the upgrade command";
    return new ShouldContinueWithoutTls(
        "%nExpecting the client to carry on in clear once STARTTLS was refused or stripped%nbut %s%s", found,
        context(phase, report));
  }
}
