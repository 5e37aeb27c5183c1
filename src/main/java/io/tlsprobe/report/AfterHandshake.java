package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.AlertDescription;
import java.util.Optional;

/**
 * What the peer did once the handshake had completed, as a capture server saw it: whether it went on to send
 * application data (an HTTP request, a protocol command inside TLS), and the fatal alert it sent, if any. A client
 * that checks the server's host name only after the handshake (OkHttp does) completes the handshake, then closes
 * without a request: its report is {@code established}, and this record says it never used the connection.
 *
 * <pre>{@code
 * TlsConnectionReport report = server.awaitConnection(Duration.ofSeconds(5));
 * report.afterHandshake().map(AfterHandshake::peerSentApplicationData); // Optional[false]
 * report.afterHandshake().map(AfterHandshake::detail);
 * // Optional[closed the connection with close_notify, without sending any application data]
 * }</pre>
 *
 * <p>A probe's report has none (the probe is the client). An alert after the handshake is encrypted (RFC 8446,
 * <a href="https://www.rfc-editor.org/rfc/rfc8446#section-6">section 6</a>; RFC 5246 section 7.2): JSSE decrypts it.
 *
 * @param peerSentApplicationData whether the peer sent any application data after the handshake
 * @param peerAlert the fatal alert the peer sent after the handshake, if any
 * @param detail what the peer did, as a phrase that follows "the client": {@code "sent application data"}, {@code
 *     "closed the connection with close_notify, without sending any application data"}, {@code "sent fatal alert
 *     certificate_unknown (46), without sending any application data"}, {@code "sent no application data within the
 *     idle timeout of 10 s"}
 */
public record AfterHandshake(boolean peerSentApplicationData, Optional<AlertDescription> peerAlert, String detail) {

  public AfterHandshake {
    requireNonNull(peerAlert, "peerAlert");
    requireNonNull(detail, "detail");
  }

  /** The peer sent application data and no alert. */
  public static AfterHandshake sentApplicationData() {
    return new AfterHandshake(true, Optional.empty(), "sent application data");
  }

  /** The {@link #detail()}: {@code closed the connection with close_notify, without sending any application data}. */
  @Override
  public String toString() {
    return detail;
  }
}
