package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;
import static io.tlsprobe.assertj.error.Render.duration;

import io.tlsprobe.report.TlsConnectionReport;
import java.time.Duration;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a handshake that took longer than allowed, or whose time was not recorded.
 *
 * <pre>
 * Expecting TLS handshake to take at most:
 *   250 ms
 * but it took:
 *   1.250 s
 * Connection: localhost:8443 (direct): established, TLSv1.3, …
 * </pre>
 */
public final class ShouldHaveHandshakeTimeAtMost extends BasicErrorMessageFactory {

  private ShouldHaveHandshakeTimeAtMost(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose handshake took longer than {@code maximum} or was not timed. */
  public static ErrorMessageFactory shouldHaveHandshakeTimeAtMost(TlsConnectionReport report, Duration maximum) {
    return report
        .handshakeTime()
        .map(actual -> new ShouldHaveHandshakeTimeAtMost(
            "%nExpecting TLS handshake to take at most:%n  %s%nbut it took:%n  %s%s",
            duration(maximum), duration(actual), connection(report)))
        .orElseGet(() -> new ShouldHaveHandshakeTimeAtMost(
            "%nExpecting TLS handshake to take at most:%n  %s%nbut no handshake time was recorded (%s)%s",
            duration(maximum), absence(report), connection(report)));
  }
}
