package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a captured connection the client did not reject, or not with the expected alert: it says what
 * happened instead (the client accepted, and sent application data if that was recorded; it completed the handshake
 * and then closed with another alert or none; the server ended the handshake, …).
 *
 * <pre>
 * Expecting the client to reject the TLS connection with alert:
 *   certificate_unknown (46)
 * but the client accepted it:
 *   established: handshake completed
 *   alert: none
 * Connection: 127.0.0.1:50312 (direct): established, TLSv1.3, …
 * </pre>
 */
public final class ShouldHaveBeenRejectedByClient extends BasicErrorMessageFactory {

  private ShouldHaveBeenRejectedByClient(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which the client did not reject. */
  public static ErrorMessageFactory shouldHaveBeenRejectedByClient(TlsConnectionReport report) {
    return new ShouldHaveBeenRejectedByClient(
        "%nExpecting the client to reject the TLS connection%nbut %s:%n  %s%s",
        instead(report), report.outcome().toString(), connection(report));
  }

  /** The message for {@code report}, which the client did not reject with {@code expected}. */
  public static ErrorMessageFactory shouldHaveBeenRejectedByClientWith(
      TlsConnectionReport report, AlertDescription expected) {
    return new ShouldHaveBeenRejectedByClient(
        "%nExpecting the client to reject the TLS connection with alert:%n  %s%nbut %s:%n  %s%n  alert: %s%s",
        Render.alert(expected), instead(report), report.outcome().toString(),
        report.outcome().alert().or(() -> report.afterHandshake().flatMap(a -> a.peerAlert())).map(Render::alert)
            .orElse("none"), connection(report));
  }

  private static String instead(TlsConnectionReport report) {
    Outcome outcome = report.outcome();
    return switch (outcome.kind()) {
      case ESTABLISHED -> report.afterHandshake().map(a -> a.peerSentApplicationData()
          ? "the client accepted it and " + a.detail()
          : "the client completed the handshake, then " + a.detail()).orElse("the client accepted it");
      case REJECTED_BY_PEER -> outcome.alert().isPresent()
          ? "the client rejected it with another alert" : "the client rejected it without an alert";
      case ABORTED_LOCALLY -> "the server ended the handshake, not the client";
      case TRANSPORT_ERROR -> "no TLS handshake took place";
      case STARTTLS_FAILED -> "the plain-text phase never reached TLS";
    };
  }
}
