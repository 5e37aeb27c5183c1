package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.OfferContext.context;
import static io.tlsprobe.assertj.error.OfferContext.list;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The messages for a client that did not offer a protocol version, cipher suite, group or ALPN protocol: what was
 * expected, then everything it offered of that kind, in wire order.
 *
 * <pre>
 * Expecting the client to offer protocol:
 *   TLSv1.3
 * but it offered:
 *   [TLSv1.2]
 * Client offer: TLSv1.2, 21 suites, SNI localhost, JA4 t12d2108h1_…
 * </pre>
 */
public final class ShouldOffer extends BasicErrorMessageFactory {

  private ShouldOffer(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code offer}, which lacks {@code expected} among its versions. */
  public static ErrorMessageFactory shouldOfferProtocol(
      ClientOffer offer, TlsProtocol expected, @Nullable TlsConnectionReport report) {
    return of("protocol", expected.jsseName(), offer.versions().stream().map(TlsProtocol::jsseName).toList(),
        offer, report);
  }

  /** The message for {@code offer}, which lacks {@code expected} among its cipher suites. */
  public static ErrorMessageFactory shouldOfferCipherSuite(
      ClientOffer offer, CipherSuite expected, @Nullable TlsConnectionReport report) {
    return of("cipher suite", expected.name(), offer.cipherSuites().stream().map(CipherSuite::name).toList(),
        offer, report);
  }

  /** The message for {@code offer}, which lacks {@code expected} among its supported groups. */
  public static ErrorMessageFactory shouldOfferGroup(
      ClientOffer offer, NamedGroup expected, @Nullable TlsConnectionReport report) {
    return of("group", expected.name(), offer.groups().stream().map(NamedGroup::name).toList(), offer, report);
  }

  /** The message for {@code offer}, which lacks the {@code missing} ALPN protocols of {@code expected}. */
  public static ErrorMessageFactory shouldOfferAlpn(
      ClientOffer offer, List<String> expected, List<String> missing, @Nullable TlsConnectionReport report) {
    return new ShouldOffer(
        "%nExpecting the client to offer ALPN protocols:%n  %s%nbut it offered:%n  %s%nmissing:%n  %s%s",
        list(expected), list(offer.alpn()), list(missing), context(offer, report));
  }

  private static ShouldOffer of(
      String what, String expected, List<String> offered, ClientOffer offer, @Nullable TlsConnectionReport report) {
    return new ShouldOffer("%nExpecting the client to offer " + what + ":%n  %s%nbut it offered:%n  %s%s",
        expected, list(offered), context(offer, report));
  }
}
