package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;
import static io.tlsprobe.assertj.error.Render.suites;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.Collection;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection whose cipher suite is not one of those allowed, or that negotiated none.
 *
 * <pre>
 * Expecting TLS connection to use one of the cipher suites:
 *   [TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256]
 * but it used:
 *   TLS_AES_128_GCM_SHA256
 * Connection: localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256 (128 bits), …
 * </pre>
 */
public final class ShouldUseCipherSuiteIn extends BasicErrorMessageFactory {

  private ShouldUseCipherSuiteIn(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose suite is not in {@code allowed}. */
  public static ErrorMessageFactory shouldUseCipherSuiteIn(
      TlsConnectionReport report, Collection<CipherSuite> allowed) {
    return report
        .cipherSuite()
        .map(actual -> new ShouldUseCipherSuiteIn(
            "%nExpecting TLS connection to use one of the cipher suites:%n  %s%nbut it used:%n  %s%s",
            suites(allowed), actual.name(), connection(report)))
        .orElseGet(() -> new ShouldUseCipherSuiteIn(
            "%nExpecting TLS connection to use one of the cipher suites:%n  %s%n"
                + "but no cipher suite was negotiated (%s)%s",
            suites(allowed), absence(report), connection(report)));
  }
}
