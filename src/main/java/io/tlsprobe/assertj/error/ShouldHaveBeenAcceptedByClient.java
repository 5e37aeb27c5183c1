package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a captured connection the client did not complete, or completed and then did not use.
 *
 * <pre>
 * Expecting the client to accept the TLS connection (outcome established)
 * but it ended with:
 *   rejected_by_peer: client sent fatal alert certificate_unknown (46)
 * Connection: 127.0.0.1:50312 (direct): rejected_by_peer: …
 *
 * Expecting the client to accept the TLS connection (outcome established, then application data)
 * but the client completed the handshake, then closed the connection with close_notify, without sending any application data
 * (a client that checks the host name after the handshake, as OkHttp does, ends this way)
 * Connection: 127.0.0.1:50314 (direct): established, TLSv1.3, …
 * </pre>
 */
public final class ShouldHaveBeenAcceptedByClient extends BasicErrorMessageFactory {

  private ShouldHaveBeenAcceptedByClient(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose outcome is not {@code established}. */
  public static ErrorMessageFactory shouldHaveBeenAcceptedByClient(TlsConnectionReport report) {
    return new ShouldHaveBeenAcceptedByClient(
        "%nExpecting the client to accept the TLS connection (outcome established)%nbut it ended with:%n  %s%s",
        report.outcome().toString(), connection(report));
  }

  /**
   * The message for {@code report}, whose handshake completed but whose client then sent no application data (its
   * {@link TlsConnectionReport#afterHandshake()} says how it ended instead, with the alert if it sent one).
   */
  public static ErrorMessageFactory shouldHaveBeenAcceptedByClientButSentNoApplicationData(
      TlsConnectionReport report) {
    String detail = report.afterHandshake().map(a -> a.detail()).orElse("sent no application data");
    return new ShouldHaveBeenAcceptedByClient("%nExpecting the client to accept the TLS connection (outcome "
        + "established, then application data)%nbut the client completed the handshake, then %s%n(a client that "
        + "checks the host name after the handshake, as OkHttp does, ends this way)%s", detail, connection(report));
  }
}
