package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection that did not use the expected cipher suite, or none.
 *
 * <pre>
 * Expecting TLS connection to use cipher suite:
 *   TLS_AES_256_GCM_SHA384
 * but it used:
 *   TLS_AES_128_GCM_SHA256
 * Connection: localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256 (128 bits), …
 * </pre>
 */
public final class ShouldUseCipherSuite extends BasicErrorMessageFactory {

  private ShouldUseCipherSuite(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which did not use {@code expected}. */
  public static ErrorMessageFactory shouldUseCipherSuite(TlsConnectionReport report, CipherSuite expected) {
    return report
        .cipherSuite()
        .map(actual -> new ShouldUseCipherSuite(
            "%nExpecting TLS connection to use cipher suite:%n  %s%nbut it used:%n  %s%s",
            expected.name(), actual.name(), connection(report)))
        .orElseGet(() -> new ShouldUseCipherSuite(
            "%nExpecting TLS connection to use cipher suite:%n  %s%nbut no cipher suite was negotiated (%s)%s",
            expected.name(), absence(report), connection(report)));
  }
}
