package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection that used an older protocol version than required, or none.
 *
 * <pre>
 * Expecting TLS connection to use protocol at least:
 *   TLSv1.2
 * but it used:
 *   TLSv1
 * Connection: localhost:8443 (direct): established, TLSv1, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (128 bits), …
 * </pre>
 */
public final class ShouldUseProtocolAtLeast extends BasicErrorMessageFactory {

  private ShouldUseProtocolAtLeast(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which used a version older than {@code minimum} or none. */
  public static ErrorMessageFactory shouldUseProtocolAtLeast(TlsConnectionReport report, TlsProtocol minimum) {
    return report
        .protocol()
        .map(actual -> new ShouldUseProtocolAtLeast(
            "%nExpecting TLS connection to use protocol at least:%n  %s%nbut it used:%n  %s%s",
            minimum.jsseName(), actual.jsseName(), connection(report)))
        .orElseGet(() -> new ShouldUseProtocolAtLeast(
            "%nExpecting TLS connection to use protocol at least:%n  %s%nbut no protocol was negotiated (%s)%s",
            minimum.jsseName(), absence(report), connection(report)));
  }
}
