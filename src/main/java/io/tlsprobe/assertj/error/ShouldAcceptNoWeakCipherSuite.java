package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.ProfileContext.context;
import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a server that accepts cipher suites the registry classes as WEAK or INSECURE: per version, every
 * offending suite on its own line with its class and the registry's reasons ({@link CipherSuite#strengthReason()}).
 *
 * <pre>
 * Expecting the server to accept no weak or insecure cipher suite
 * but it accepts 1 in TLSv1:
 *   TLS_RSA_WITH_RC4_128_SHA: INSECURE (RC4 is prohibited by RFC 7465)
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1 (2 suites), …]
 * </pre>
 */
public final class ShouldAcceptNoWeakCipherSuite extends BasicErrorMessageFactory {

  private ShouldAcceptNoWeakCipherSuite(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, which accepts the {@code weak} suites.
   *
   * @param profile the scan's findings
   * @param weak per accepted version holding some, oldest first, the offending suites in the profile's order
   */
  public static ErrorMessageFactory shouldAcceptNoWeakCipherSuite(
      ServerProfile profile, Map<TlsProtocol, List<CipherSuite>> weak) {
    List<String> lines = new ArrayList<>();
    weak.forEach((protocol, suites) -> {
      lines.add("but it accepts " + suites.size() + " in " + protocol.jsseName() + ":");
      suites.forEach(s -> lines.add(INDENT + s.name() + ": " + s.strength().name() + " (" + s.strengthReason() + ")"));
    });
    return new ShouldAcceptNoWeakCipherSuite("%nExpecting the server to accept no weak or insecure cipher suite%n%s%s",
        String.join(NL, lines), context(profile));
  }
}
