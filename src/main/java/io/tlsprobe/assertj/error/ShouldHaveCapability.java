package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.NL;
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
 * The messages for a capability (EHLO keyword, IMAP CAPABILITY atom, FEAT line, …) the server did not announce
 * before or after TLS.
 *
 * <pre>
 * Expecting the server to announce before TLS the capability:
 *   SIZE
 * but its capabilities before TLS were:
 *   STARTTLS
 *   AUTH PLAIN
 * Transcript (starttls:smtp, 9 lines):
 *   …
 * </pre>
 */
public final class ShouldHaveCapability extends BasicErrorMessageFactory {

  private ShouldHaveCapability(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, which did not announce {@code capability} in clear. */
  public static ErrorMessageFactory shouldHaveCapabilityBeforeTls(
      PlainTextPhase phase, String capability, @Nullable TlsConnectionReport report) {
    return message(phase, capability, "before TLS", phase.capabilitiesBefore(), report);
  }

  /** The message for {@code phase}, which did not announce {@code capability} over TLS. */
  public static ErrorMessageFactory shouldHaveCapabilityAfterTls(
      PlainTextPhase phase, String capability, @Nullable TlsConnectionReport report) {
    return message(phase, capability, "after TLS", phase.capabilitiesAfter(), report);
  }

  private static ErrorMessageFactory message(PlainTextPhase phase, String capability, String when,
      List<String> announced, @Nullable TlsConnectionReport report) {
    String found = announced.isEmpty()
        ? "it announced none " + when
        : "its capabilities " + when + " were:" + NL + listing(announced);
    return new ShouldHaveCapability(
        "%nExpecting the server to announce %s the capability:%n  %s%nbut %s%s",
        when, capability, found, context(phase, report));
  }
}
