package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.ShouldAdvertiseStartTls.capabilities;
import static io.tlsprobe.assertj.error.ShouldAdvertiseStartTls.unknown;
import static io.tlsprobe.assertj.error.Transcripts.context;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a server that advertised STARTTLS where the test expected it not to (a stripping scenario, a port
 * meant to be implicit TLS only), or whose phase cannot tell.
 *
 * <pre>
 * Expecting the server not to advertise STARTTLS before TLS
 * but it did; its capabilities before TLS were:
 *   STARTTLS
 *   AUTH PLAIN
 * Transcript (starttls:smtp, 9 lines):
 *   …
 * </pre>
 */
public final class ShouldNotAdvertiseStartTls extends BasicErrorMessageFactory {

  private ShouldNotAdvertiseStartTls(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code phase}, which advertised the upgrade or does not say. */
  public static ErrorMessageFactory shouldNotAdvertiseStartTls(
      PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    String found = phase.startTlsAdvertised().isEmpty() ? unknown(phase) : "it did; " + capabilities(phase);
    return new ShouldNotAdvertiseStartTls(
        "%nExpecting the server not to advertise STARTTLS before TLS%nbut %s%s", found, context(phase, report));
  }
}
