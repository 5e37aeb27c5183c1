package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection whose cipher suite has no forward secrecy, or that negotiated none.
 *
 * <pre>
 * Expecting TLS connection to have forward secrecy
 * but it used a cipher suite without it:
 *   TLS_RSA_WITH_AES_128_GCM_SHA256 (key exchange RSA)
 * Connection: localhost:8443 (direct): established, TLSv1.2, TLS_RSA_WITH_AES_128_GCM_SHA256 (128 bits), …
 * </pre>
 */
public final class ShouldHaveForwardSecrecy extends BasicErrorMessageFactory {

  private ShouldHaveForwardSecrecy(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose suite lacks forward secrecy or is unknown. */
  public static ErrorMessageFactory shouldHaveForwardSecrecy(TlsConnectionReport report) {
    return report
        .cipherSuite()
        .map(actual -> new ShouldHaveForwardSecrecy(
            "%nExpecting TLS connection to have forward secrecy%nbut it used a cipher suite without it:%n"
                + "  %s (key exchange %s)%s",
            actual.name(), actual.keyExchange(), connection(report)))
        .orElseGet(() -> new ShouldHaveForwardSecrecy(
            "%nExpecting TLS connection to have forward secrecy%nbut no cipher suite was negotiated (%s)%s",
            absence(report), connection(report)));
  }
}
