package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;
import static io.tlsprobe.assertj.error.Render.extensions;

import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a TLS 1.2-or-older server whose ServerHello did not carry renegotiation_info (RFC 5746), or for a
 * connection where no ServerHello was seen; and for a server whose scan did not find secure renegotiation.
 *
 * <pre>
 * Expecting the server to support secure renegotiation (RFC 5746)
 * but its ServerHello carried no renegotiation_info; it carried:
 *   [extended_master_secret, ec_point_formats]
 * Connection: localhost:8443 (direct): established, TLSv1.2, …
 * </pre>
 */
public final class ShouldSupportSecureRenegotiation extends BasicErrorMessageFactory {

  private ShouldSupportSecureRenegotiation(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, whose scan found no secure renegotiation, could not tell, or found it does not
   * apply (TLS 1.3 only):
   *
   * <pre>
   * Expecting the server to support secure renegotiation (RFC 5746)
   * but the scan found:
   *   no
   * evidence:
   *   no renegotiation_info in the TLSv1.2 ServerHello to a hello offering it
   * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_2 (1 suites); 14 connections]
   * </pre>
   *
   * @param profile the scan's findings
   */
  public static ErrorMessageFactory shouldSupportSecureRenegotiation(ServerProfile profile) {
    return new ShouldSupportSecureRenegotiation(FeatureMessage.format("support secure renegotiation (RFC 5746)"),
        FeatureMessage.values(profile.features().secureRenegotiation(), profile));
  }

  /** The message for {@code report}, whose ServerHello lacks renegotiation_info or is missing. */
  public static ErrorMessageFactory shouldSupportSecureRenegotiation(TlsConnectionReport report) {
    if (report.serverHello().isPresent()) {
      return new ShouldSupportSecureRenegotiation(
          "%nExpecting the server to support secure renegotiation (RFC 5746)%n"
              + "but its ServerHello carried no renegotiation_info; it carried:%n  %s%s",
          extensions(report), connection(report));
    }
    return new ShouldSupportSecureRenegotiation(
        "%nExpecting the server to support secure renegotiation (RFC 5746)%nbut no ServerHello was seen (%s)%s",
        absence(report), connection(report));
  }
}
