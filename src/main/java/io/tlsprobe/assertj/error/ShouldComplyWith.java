package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;

import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.policy.Violation;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for a server, a connection or a client offer that breaks a {@link TlsPolicy}: the policy with its
 * source, then every {@link Violation} on its own line (rule, expected, found), then what the scan could not check
 * (server profiles only), then the context line.
 *
 * <pre>
 * Expecting the server to comply with Mozilla intermediate 6.0
 *   (Mozilla Server Side TLS 6.0, https://ssl-config.mozilla.org/guidelines/6.0.json)
 * but found 2 violations:
 *   protocol: expected TLS 1.2, TLS 1.3 but found TLS 1.0 accepted
 *   cipher suite: expected one of TLS_AES_128_GCM_SHA256, … but found TLS_RSA_WITH_RC4_128_SHA accepted over TLS 1.0
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1 (2 suites), TLSv1_2 (3 suites); 12 connections]
 * </pre>
 */
public final class ShouldComplyWith extends BasicErrorMessageFactory {

  private ShouldComplyWith(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, which breaks {@code policy} as {@code violations} say; {@code unchecked} are the
   * rules the scan could not decide ({@link TlsPolicy#unchecked(ServerProfile)}), shown after the violations.
   */
  public static ErrorMessageFactory shouldComplyWith(ServerProfile profile, TlsPolicy policy,
      List<Violation> violations, List<String> unchecked) {
    String notChecked = unchecked.isEmpty()
        ? ""
        : NL + "not checked (no definite finding):" + NL + lines(unchecked.stream().map(String::valueOf).toList());
    return message("the server", policy, violations, notChecked + ProfileContext.context(profile));
  }

  /** The message for the connection {@code report}, which breaks {@code policy} as {@code violations} say. */
  public static ErrorMessageFactory shouldComplyWith(TlsConnectionReport report, TlsPolicy policy,
      List<Violation> violations) {
    return message("the connection", policy, violations, Render.connection(report));
  }

  /**
   * The message for the client's {@code offer} (from {@code report} when known), which breaks {@code policy} as
   * {@code violations} say.
   */
  public static ErrorMessageFactory shouldComplyWith(ClientOffer offer, @Nullable TlsConnectionReport report,
      TlsPolicy policy, List<Violation> violations) {
    return message("the client's offer", policy, violations, OfferContext.context(offer, report));
  }

  private static ErrorMessageFactory message(String subject, TlsPolicy policy, List<Violation> violations,
      String tail) {
    String count = violations.size() == 1 ? "1 violation" : violations.size() + " violations";
    return new ShouldComplyWith("%nExpecting %s to comply with %s%n  (%s)%nbut found %s:%n%s%s", subject,
        policy.name(), source(policy), count, lines(violations.stream().map(Violation::toString).toList()), tail);
  }

  /** {@code Mozilla Server Side TLS 6.0, https://…}. */
  private static String source(TlsPolicy policy) {
    return policy.source().document() + " " + policy.source().version() + ", " + policy.source().url();
  }

  private static String lines(List<String> lines) {
    return lines.stream().map(l -> INDENT + l).collect(Collectors.joining(NL));
  }
}
