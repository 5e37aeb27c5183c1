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
 * The message for a server that did not advertise STARTTLS in clear, or whose phase cannot tell (protocols without
 * such an announcement: LDAP, PostgreSQL, MySQL).
 *
 * <pre>
 * Expecting the server to advertise STARTTLS before TLS
 * but its capabilities before TLS were:
 *   PIPELINING
 *   AUTH PLAIN
 * Transcript (starttls:smtp, 6 lines):
 *   S: 220 front.test ESMTP
 *   …
 * Connection: 127.0.0.1:2525 (starttls:smtp): starttls_failed: server did not advertise STARTTLS; …
 * </pre>
 */
public final class ShouldAdvertiseStartTls extends BasicErrorMessageFactory {

  private ShouldAdvertiseStartTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, which did not advertise the upgrade or does not say. */
  public static ErrorMessageFactory shouldAdvertiseStartTls(
      PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    String found = phase.startTlsAdvertised().isEmpty() ? unknown(phase) : capabilities(phase);
    return new ShouldAdvertiseStartTls(
        "%nExpecting the server to advertise STARTTLS before TLS%nbut %s%s", found, context(phase, report));
  }

  /** {@code its capabilities before TLS were: …} or {@code it announced no capabilities before TLS}. */
  static String capabilities(PlainTextPhase phase) {
    return phase.capabilitiesBefore().isEmpty()
        ? "it announced no capabilities before TLS"
        : "its capabilities before TLS were:" + NL + listing(phase.capabilitiesBefore());
  }

  /** Why the phase does not say whether the upgrade was advertised. */
  static String unknown(PlainTextPhase phase) {
    return "whether it did is unknown: the " + phase.dialect()
        + " phase recorded no announcement (the protocol has none, or it was not reached)";
  }
}
