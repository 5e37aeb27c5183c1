package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection whose cipher suite does not protect records with an AEAD cipher.
 *
 * <pre>
 * Expecting TLS connection to use an AEAD cipher
 * but it used:
 *   TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (CBC mode)
 * Connection: localhost:8443 (direct): established, TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (128 bits), …
 * </pre>
 */
public final class ShouldUseAeadCipher extends BasicErrorMessageFactory {

  private ShouldUseAeadCipher(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose suite is not AEAD or is unknown. */
  public static ErrorMessageFactory shouldUseAeadCipher(TlsConnectionReport report) {
    return report
        .cipherSuite()
        .map(actual -> new ShouldUseAeadCipher(
            "%nExpecting TLS connection to use an AEAD cipher%nbut it used:%n  %s (%s mode)%s",
            actual.name(), actual.mode().name(), connection(report)))
        .orElseGet(() -> new ShouldUseAeadCipher(
            "%nExpecting TLS connection to use an AEAD cipher%nbut no cipher suite was negotiated (%s)%s",
            absence(report), connection(report)));
  }
}
