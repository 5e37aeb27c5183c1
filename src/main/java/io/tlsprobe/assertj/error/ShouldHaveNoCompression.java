package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection that negotiated TLS compression (CRIME, CVE-2012-4929), or whose compression method
 * is unknown because no ServerHello was seen; and for a server whose scan found compression accepted.
 *
 * <pre>
 * Expecting TLS connection to use no compression (method null)
 * but the server chose:
 *   DEFLATE (CRIME, CVE-2012-4929)
 * Connection: localhost:8443 (direct): established, TLSv1.2, …, compression DEFLATE, …
 * </pre>
 */
public final class ShouldHaveNoCompression extends BasicErrorMessageFactory {

  private ShouldHaveNoCompression(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, whose scan found compression accepted or could not tell:
   *
   * <pre>
   * Expecting the server to accept no TLS compression (CRIME, CVE-2012-4929)
   * but the scan found:
   *   yes
   * evidence:
   *   compression method DEFLATE (1) in the TLSv1.2 ServerHello, offered before null (0)
   * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_2 (1 suites); 14 connections]
   * </pre>
   *
   * @param profile the scan's findings
   */
  public static ErrorMessageFactory shouldHaveNoCompression(ServerProfile profile) {
    return new ShouldHaveNoCompression(FeatureMessage.format("accept no TLS compression (CRIME, CVE-2012-4929)"),
        FeatureMessage.values(profile.features().compression(), profile));
  }

  /** The message for {@code report}, which compresses or shows no compression method. */
  public static ErrorMessageFactory shouldHaveNoCompression(TlsConnectionReport report) {
    return report
        .compression()
        .map(actual -> new ShouldHaveNoCompression(
            "%nExpecting TLS connection to use no compression (method null)%nbut the server chose:%n"
                + "  %s (CRIME, CVE-2012-4929)%s",
            actual.name(), connection(report)))
        .orElseGet(() -> new ShouldHaveNoCompression(
            "%nExpecting TLS connection to use no compression (method null)%n"
                + "but no compression method is known (%s)%s",
            absence(report), connection(report)));
  }
}
