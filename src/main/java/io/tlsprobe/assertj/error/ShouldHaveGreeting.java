package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;
import static io.tlsprobe.assertj.error.Transcripts.context;
import static io.tlsprobe.assertj.error.Transcripts.cut;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a server greeting that does not contain the expected text, or no greeting at all.
 *
 * <pre>
 * Expecting the server's greeting to contain:
 *   ESMTP Postfix
 * but it was:
 *   220 front.test ESMTP
 * Transcript (starttls:smtp, 9 lines):
 *   …
 * </pre>
 */
public final class ShouldHaveGreeting extends BasicErrorMessageFactory {

  private ShouldHaveGreeting(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, whose greeting lacks {@code expected} or is missing. */
  public static ErrorMessageFactory shouldHaveGreetingContaining(
      PlainTextPhase phase, String expected, @Nullable TlsConnectionReport report) {
    String found = phase.greeting().map(g -> "it was:" + NL + INDENT + cut(g)).orElse("the server sent no greeting");
    return new ShouldHaveGreeting(
        "%nExpecting the server's greeting to contain:%n  %s%nbut %s%s", expected, found, context(phase, report));
  }
}
