package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.NL;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.Collection;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The closing lines of every client-offer message: the offer in one line, then the connection when the offer came
 * from a report.
 *
 * <pre>{@code
 * OfferContext.context(offer, report);
 * // "\nClient offer: TLSv1.3/TLSv1.2, 17 suites, SNI localhost, JA4 t13d…\nConnection: 127.0.0.1:…"
 * }</pre>
 */
final class OfferContext {
  private OfferContext() {}

  /** A line break, {@code Client offer: <offer>}, and the connection line when {@code report} is known. */
  static String context(ClientOffer offer, @Nullable TlsConnectionReport report) {
    return NL + "Client offer: " + offer + connection(report);
  }

  /** {@code [a, b]}, or {@code none} for an empty collection. */
  static String list(Collection<?> values) {
    return values.isEmpty() ? "none" : values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }
}
