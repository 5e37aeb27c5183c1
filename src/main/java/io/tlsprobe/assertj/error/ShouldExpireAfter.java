package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.connection;
import static io.tlsprobe.assertj.error.Render.duration;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a certificate that expires sooner than required (or has expired).
 *
 * <pre>
 * Expecting certificate:
 *   CN=localhost (EC 256 secp256r1, until 2026-01-10T00:00:00Z)
 * to stay valid for at least:
 *   30 days (until 2026-01-31T00:00:00Z)
 * but it expires at:
 *   2026-01-10T00:00:00Z (in 9 days)
 * Connection: localhost:8443 (direct): established, TLSv1.3, …
 * </pre>
 */
public final class ShouldExpireAfter extends BasicErrorMessageFactory {

  private ShouldExpireAfter(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code certificate}, which expires before {@code now + minimum}.
   *
   * @param now the instant the assertion was made at
   */
  public static ErrorMessageFactory shouldExpireAfter(
      CertificateInfo certificate, Duration minimum, Instant now, @Nullable TlsConnectionReport report) {
    Duration left = Duration.between(now, certificate.notAfter());
    String when = left.isNegative() ? "expired " + duration(left) + " ago"
        : left.isZero() ? "expires now" : "in " + duration(left);
    return new ShouldExpireAfter(
        "%nExpecting certificate:%n  %s%nto stay valid for at least:%n  %s (until %s)%nbut it expires at:%n  %s (%s)%s",
        certificate.toString(), duration(minimum), now.plus(minimum).toString(), certificate.notAfter().toString(),
        when, connection(report));
  }
}
