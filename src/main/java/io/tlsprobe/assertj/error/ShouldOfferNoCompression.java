package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.OfferContext.context;
import static io.tlsprobe.assertj.error.OfferContext.list;

import io.tlsprobe.CompressionMethod;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a client that offered a compression method other than null (CRIME, CVE-2012-4929).
 *
 * <pre>
 * Expecting the client to offer only the null compression method
 * but it offered:
 *   [DEFLATE, null]
 * Client offer: TLSv1, 2 suites, JA4 t10i020000_…
 * </pre>
 */
public final class ShouldOfferNoCompression extends BasicErrorMessageFactory {

  private ShouldOfferNoCompression(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code offer}, which offered compression. */
  public static ErrorMessageFactory shouldOfferNoCompression(ClientOffer offer, @Nullable TlsConnectionReport report) {
    return new ShouldOfferNoCompression(
        "%nExpecting the client to offer only the null compression method%nbut it offered:%n  %s%s",
        list(offer.compressionMethods().stream().map(CompressionMethod::name).toList()), context(offer, report));
  }
}
