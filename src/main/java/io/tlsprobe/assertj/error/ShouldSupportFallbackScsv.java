package io.tlsprobe.assertj.error;

import io.tlsprobe.report.ServerProfile;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a server that answered a lower-version hello carrying TLS_FALLBACK_SCSV with a ServerHello instead
 * of the inappropriate_fallback alert (RFC 7507 section 3), or for which the scan could not tell, or where it does not
 * apply (one version accepted).
 *
 * <pre>
 * Expecting the server to support TLS_FALLBACK_SCSV (RFC 7507)
 * but the scan found:
 *   no
 * evidence:
 *   a TLS 1.1 ServerHello to a TLSv1.1 hello with TLS_FALLBACK_SCSV, though the server accepts TLSv1.2
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_1 (9 suites), TLSv1_2 (20 suites); 60 connections]
 * </pre>
 */
public final class ShouldSupportFallbackScsv extends BasicErrorMessageFactory {

  private ShouldSupportFallbackScsv(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, whose fallback SCSV finding is not yes.
   *
   * @param profile the scan's findings
   */
  public static ErrorMessageFactory shouldSupportFallbackScsv(ServerProfile profile) {
    return new ShouldSupportFallbackScsv(FeatureMessage.format("support TLS_FALLBACK_SCSV (RFC 7507)"),
        FeatureMessage.values(profile.features().fallbackScsv(), profile));
  }
}
