package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.OfferContext.context;

import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a client whose JA3 fingerprint is not the expected one: both hashes, then the JA3 text the hash
 * was taken of, so a changed field is easy to spot.
 *
 * <pre>
 * Expecting the client's JA3 hash:
 *   0149f47eabf9a20d0893e2a44e5a6323
 * but it was:
 *   e7d705a3286e19ea42f587b344ee6865
 * JA3: 771,4865-4866-4867,0-23-65281-10-11-35-16-5-13-51-45-43,29-23-24,0
 * Client offer: TLSv1.3/TLSv1.2, 17 suites, SNI localhost, JA4 t13d…
 * </pre>
 */
public final class ShouldHaveJa3Hash extends BasicErrorMessageFactory {

  private ShouldHaveJa3Hash(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code offer}, whose JA3 hash is not {@code expected}. */
  public static ErrorMessageFactory shouldHaveJa3Hash(
      ClientOffer offer, String expected, @Nullable TlsConnectionReport report) {
    return new ShouldHaveJa3Hash("%nExpecting the client's JA3 hash:%n  %s%nbut it was:%n  %s%nJA3: %s%s",
        expected, offer.ja3Hash(), offer.ja3(), context(offer, report));
  }
}
