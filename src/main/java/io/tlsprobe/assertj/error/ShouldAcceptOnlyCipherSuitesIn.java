package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.ProfileContext.context;
import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;
import static io.tlsprobe.assertj.error.Render.suites;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a server that accepts cipher suites outside an allowed set: the set, then per version the suites
 * it accepts beyond it.
 *
 * <pre>
 * Expecting the server to accept only cipher suites in:
 *   [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]
 * but it also accepts, in TLSv1.2:
 *   [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA]
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_2 (3 suites), TLSv1_3 (2 suites); 12 connections]
 * </pre>
 */
public final class ShouldAcceptOnlyCipherSuitesIn extends BasicErrorMessageFactory {

  private ShouldAcceptOnlyCipherSuitesIn(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, which accepts the {@code extra} suites beyond {@code allowed}.
   *
   * @param profile the scan's findings
   * @param allowed the suites allowed
   * @param extra per accepted version holding some, oldest first, the suites outside {@code allowed}
   */
  public static ErrorMessageFactory shouldAcceptOnlyCipherSuitesIn(
      ServerProfile profile, Collection<CipherSuite> allowed, Map<TlsProtocol, List<CipherSuite>> extra) {
    List<String> lines = new ArrayList<>();
    extra.forEach((protocol, found) -> {
      lines.add("but it also accepts, in " + protocol.jsseName() + ":");
      lines.add(INDENT + suites(found));
    });
    return new ShouldAcceptOnlyCipherSuitesIn("%nExpecting the server to accept only cipher suites in:%n  %s%n%s%s",
        suites(allowed), String.join(NL, lines), context(profile));
  }
}
