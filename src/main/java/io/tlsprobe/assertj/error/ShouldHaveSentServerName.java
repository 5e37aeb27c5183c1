package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.OfferContext.context;

import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The messages for a client whose server_name (SNI, RFC 6066 section 3) was not the expected one, or that sent one
 * when none was expected.
 *
 * <pre>
 * Expecting the client to send server name (SNI):
 *   localhost
 * but it sent:
 *   none
 * Client offer: TLSv1.3/TLSv1.2, 17 suites, JA4 t13i1516h2_…
 * </pre>
 */
public final class ShouldHaveSentServerName extends BasicErrorMessageFactory {

  private ShouldHaveSentServerName(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code offer}, whose SNI is not {@code expected}. */
  public static ErrorMessageFactory shouldHaveSentServerName(
      ClientOffer offer, String expected, @Nullable TlsConnectionReport report) {
    return new ShouldHaveSentServerName(
        "%nExpecting the client to send server name (SNI):%n  %s%nbut it sent:%n  %s%s",
        expected, offer.serverName().orElse("none"), context(offer, report));
  }

  /** The message for {@code offer}, which sent an SNI. */
  public static ErrorMessageFactory shouldHaveSentNoServerName(
      ClientOffer offer, @Nullable TlsConnectionReport report) {
    return new ShouldHaveSentServerName(
        "%nExpecting the client to send no server name (SNI)%nbut it sent:%n  %s%s",
        offer.serverName().orElse("none"), context(offer, report));
  }
}
