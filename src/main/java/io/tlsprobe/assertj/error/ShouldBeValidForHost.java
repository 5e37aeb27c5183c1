package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate whose names (RFC 6125: DNS and IP subject alternative names, the common name only
 * when there is no DNS name) do not cover a host.
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)
 * to be valid for host:
 *   example.com
 * but it is valid only for:
 *   [DNS:localhost, IP:127.0.0.1]
 * Connection: localhost:8443 (direct): established, TLSv1.3, …
 * </pre>
 */
public final class ShouldBeValidForHost extends BasicErrorMessageFactory {

  private ShouldBeValidForHost(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code certificate}, which does not cover {@code host}.
   *
   * @param names the names the certificate was matched by, rendered, e.g. {@code [DNS:localhost, IP:127.0.0.1]}
   * @param report the report the certificate came from, if any
   */
  public static ErrorMessageFactory shouldBeValidForHost(
      CertificateInfo certificate, String host, String names, @Nullable TlsConnectionReport report) {
    return new ShouldBeValidForHost(
        "%nExpecting certificate:%n  %s%nto be valid for host:%n  %s%nbut it is valid only for:%n  %s%s",
        certificate.toString(), host, names, connection(report));
  }
}
