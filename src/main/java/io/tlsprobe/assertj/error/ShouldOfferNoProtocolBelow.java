package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.OfferContext.context;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a client that offered a protocol version older than allowed, or none this library knows.
 *
 * <pre>
 * Expecting the client to offer no protocol below:
 *   TLSv1.2
 * but it offered:
 *   TLSv1
 * Client offer: TLSv1, 3 suites, SNI localhost, JA4 t10i030000_…
 * </pre>
 */
public final class ShouldOfferNoProtocolBelow extends BasicErrorMessageFactory {

  private ShouldOfferNoProtocolBelow(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code offer}, which offered the {@code older} versions (or, when empty, no known version).
   *
   * @param offer the client's offer
   * @param minimum the oldest version allowed
   * @param older the offered versions older than {@code minimum}
   * @param report the connection, when known
   */
  public static ErrorMessageFactory shouldOfferNoProtocolBelow(
      ClientOffer offer, TlsProtocol minimum, List<TlsProtocol> older, @Nullable TlsConnectionReport report) {
    if (older.isEmpty()) {
      return new ShouldOfferNoProtocolBelow(
          "%nExpecting the client to offer no protocol below:%n  %s%n"
              + "but it offered no version this library knows (legacy_version %s)%s",
          minimum.jsseName(), TlsProtocol.describeWireVersion(offer.legacyVersion()), context(offer, report));
    }
    return new ShouldOfferNoProtocolBelow(
        "%nExpecting the client to offer no protocol below:%n  %s%nbut it offered:%n  %s%s",
        minimum.jsseName(), older.stream().map(TlsProtocol::jsseName).collect(Collectors.joining(", ")),
        context(offer, report));
  }
}
