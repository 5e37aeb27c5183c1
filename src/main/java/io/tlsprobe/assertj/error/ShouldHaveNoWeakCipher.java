package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;
import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a connection whose cipher suite the registry classes as WEAK or INSECURE, with every reason the
 * registry gives ({@link CipherSuite#strengthReason()}), one per line.
 *
 * <pre>
 * Expecting TLS connection not to use a weak or insecure cipher suite
 * but it used TLS_RSA_WITH_3DES_EDE_CBC_SHA, classed WEAK because:
 *   3DES has a 64-bit block: SWEET32 (CVE-2016-2183)
 *   no forward secrecy: static RSA key exchange
 *   CBC mode: Lucky13 and padding-oracle risks
 *   SHA-1 MAC: deprecated hash
 * Connection: localhost:8443 (direct): established, TLSv1.2, TLS_RSA_WITH_3DES_EDE_CBC_SHA (112 bits), …
 * </pre>
 */
public final class ShouldHaveNoWeakCipher extends BasicErrorMessageFactory {

  private ShouldHaveNoWeakCipher(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, whose suite is WEAK, INSECURE or unknown. */
  public static ErrorMessageFactory shouldHaveNoWeakCipher(TlsConnectionReport report) {
    return report
        .cipherSuite()
        .map(actual -> new ShouldHaveNoWeakCipher(
            "%nExpecting TLS connection not to use a weak or insecure cipher suite%n"
                + "but it used %s, classed %s because:%n%s%s",
            actual.name(), actual.strength().name(), reasons(actual), connection(report)))
        .orElseGet(() -> new ShouldHaveNoWeakCipher(
            "%nExpecting TLS connection not to use a weak or insecure cipher suite%n"
                + "but no cipher suite was negotiated (%s)%s",
            absence(report), connection(report)));
  }

  private static String reasons(CipherSuite suite) {
    return Stream.of(suite.strengthReason().split("; ")).map(r -> INDENT + r).collect(Collectors.joining(NL));
  }
}
