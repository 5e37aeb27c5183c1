package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.OfferContext.context;
import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a client that offered cipher suites the registry classes as WEAK or INSECURE: every offending
 * suite, one per line, with its class and the registry's reasons ({@link CipherSuite#strengthReason()}).
 *
 * <pre>
 * Expecting the client to offer no weak or insecure cipher suite
 * but it offered 2 of 3:
 *   TLS_RSA_WITH_RC4_128_SHA: INSECURE (RC4 is prohibited by RFC 7465)
 *   TLS_RSA_WITH_3DES_EDE_CBC_SHA: WEAK (3DES has a 64-bit block: SWEET32 (CVE-2016-2183); …)
 * Client offer: TLSv1, 3 suites, SNI localhost, JA4 t10i030000_…
 * </pre>
 */
public final class ShouldOfferNoWeakCipherSuite extends BasicErrorMessageFactory {

  private ShouldOfferNoWeakCipherSuite(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code offer}, which holds the {@code weak} suites.
   *
   * @param offer the client's offer
   * @param weak the offending suites, in wire order
   * @param report the connection, when known
   */
  public static ErrorMessageFactory shouldOfferNoWeakCipherSuite(
      ClientOffer offer, List<CipherSuite> weak, @Nullable TlsConnectionReport report) {
    return new ShouldOfferNoWeakCipherSuite(
        "%nExpecting the client to offer no weak or insecure cipher suite%nbut it offered %s of %s:%n%s%s",
        String.valueOf(weak.size()), String.valueOf(offer.cipherSuites().size()), lines(weak),
        context(offer, report));
  }

  private static String lines(List<CipherSuite> weak) {
    return weak.stream()
        .map(s -> INDENT + s.name() + ": " + s.strength().name() + " (" + s.strengthReason() + ")")
        .collect(Collectors.joining(NL));
  }
}
