package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Instant;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate that is not valid at an instant (RFC 5280 section 4.1.2.5: both ends inclusive).
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z)
 * to be valid at:
 *   2030-01-01T00:00:00Z
 * but it is valid from:
 *   2025-11-27T03:00:00Z
 * until:
 *   2027-11-27T03:00:00Z
 * </pre>
 */
public final class ShouldBeValidAt extends BasicErrorMessageFactory {

  private ShouldBeValidAt(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code certificate}, which is not valid at {@code instant}. */
  public static ErrorMessageFactory shouldBeValidAt(
      CertificateInfo certificate, Instant instant, @Nullable TlsConnectionReport report) {
    return new ShouldBeValidAt(
        "%nExpecting certificate:%n  %s%nto be valid at:%n  %s%nbut it is valid from:%n  %s%nuntil:%n  %s%s",
        certificate.toString(), instant.toString(), certificate.notBefore().toString(),
        certificate.notAfter().toString(), connection(report));
  }
}
