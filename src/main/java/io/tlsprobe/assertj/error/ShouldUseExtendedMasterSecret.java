package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;
import static io.tlsprobe.assertj.error.Render.extensions;

import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a TLS 1.2-or-older connection whose ServerHello did not carry extended_master_secret (RFC 7627),
 * or for a connection where no ServerHello was seen.
 *
 * <pre>
 * Expecting TLS connection to use the extended master secret (RFC 7627)
 * but its ServerHello carried no extended_master_secret; it carried:
 *   [renegotiation_info, ec_point_formats]
 * Connection: localhost:8443 (direct): established, TLSv1.2, …
 * </pre>
 */
public final class ShouldUseExtendedMasterSecret extends BasicErrorMessageFactory {

  private ShouldUseExtendedMasterSecret(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose ServerHello lacks extended_master_secret or is missing. */
  public static ErrorMessageFactory shouldUseExtendedMasterSecret(TlsConnectionReport report) {
    if (report.serverHello().isPresent()) {
      return new ShouldUseExtendedMasterSecret(
          "%nExpecting TLS connection to use the extended master secret (RFC 7627)%n"
              + "but its ServerHello carried no extended_master_secret; it carried:%n  %s%s",
          extensions(report), connection(report));
    }
    return new ShouldUseExtendedMasterSecret(
        "%nExpecting TLS connection to use the extended master secret (RFC 7627)%n"
            + "but no ServerHello was seen (%s)%s",
        absence(report), connection(report));
  }
}
