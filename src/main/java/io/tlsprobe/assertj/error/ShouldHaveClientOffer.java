package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for navigating to the client's offer of a report that recorded no ClientHello.
 *
 * <pre>
 * Expecting TLS connection to hold the client's ClientHello
 * but none was recorded (transport_error: client closed before sending a ClientHello)
 * Connection: 127.0.0.1:50312 (direct): transport_error: …
 * </pre>
 */
public final class ShouldHaveClientOffer extends BasicErrorMessageFactory {

  private ShouldHaveClientOffer(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which holds no ClientHello. */
  public static ErrorMessageFactory shouldHaveClientOffer(TlsConnectionReport report) {
    return new ShouldHaveClientOffer(
        "%nExpecting TLS connection to hold the client's ClientHello%nbut none was recorded (%s)%s",
        absence(report), connection(report));
  }
}
