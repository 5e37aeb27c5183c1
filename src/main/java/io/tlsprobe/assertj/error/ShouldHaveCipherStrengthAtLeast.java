package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection whose cipher has fewer secret key bits than required.
 *
 * <pre>
 * Expecting TLS connection's cipher to have at least:
 *   128 secret key bits
 * but TLS_RSA_WITH_3DES_EDE_CBC_SHA has:
 *   112 bits
 * Connection: localhost:8443 (direct): established, TLSv1.2, TLS_RSA_WITH_3DES_EDE_CBC_SHA (112 bits), …
 * </pre>
 */
public final class ShouldHaveCipherStrengthAtLeast extends BasicErrorMessageFactory {

  private ShouldHaveCipherStrengthAtLeast(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose suite has fewer than {@code bits} secret key bits or is unknown. */
  public static ErrorMessageFactory shouldHaveCipherStrengthAtLeast(TlsConnectionReport report, int bits) {
    return report
        .cipherSuite()
        .map(actual -> new ShouldHaveCipherStrengthAtLeast(
            "%nExpecting TLS connection's cipher to have at least:%n  %s secret key bits%nbut %s has:%n  %s bits%s",
            String.valueOf(bits), actual.name(), String.valueOf(actual.secretKeyBits()), connection(report)))
        .orElseGet(() -> new ShouldHaveCipherStrengthAtLeast(
            "%nExpecting TLS connection's cipher to have at least:%n  %s secret key bits%n"
                + "but no cipher suite was negotiated (%s)%s",
            String.valueOf(bits), absence(report), connection(report)));
  }
}
