package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.ProfileContext.context;
import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;

import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.ServerProfile;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a scanned server that presents a certificate chain its verdict does not trust, or none at all:
 * each untrusted chain in one line with every problem under it.
 *
 * <pre>
 * Expecting the server to present only trusted certificate chains
 * but 1 of 2 is not trusted:
 *   RSA: CN=localhost (RSA 2048, until 2026-10-28T12:00:00Z), chain of 2, TLS 1.2: not trusted: EXPIRED
 *     EXPIRED: CN=localhost expired at 2026-10-28T12:00:00Z (checked at …)
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_2 (2 suites); 9 connections]
 * </pre>
 */
public final class ShouldPresentTrustedCertificates extends BasicErrorMessageFactory {

  private ShouldPresentTrustedCertificates(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, which holds no chain or an untrusted one.
   *
   * @param profile the scan's findings
   */
  public static ErrorMessageFactory shouldPresentTrustedCertificates(ServerProfile profile) {
    List<ServerCertificate> untrusted = profile.certificates().stream().filter(c -> !c.verification().trusted())
        .toList();
    if (profile.certificates().isEmpty()) {
      return new ShouldPresentTrustedCertificates(
          "%nExpecting the server to present only trusted certificate chains%nbut the scan found no chain%s",
          context(profile));
    }
    String chains = untrusted.stream().map(c -> INDENT + c.keyType() + ": " + c + c.verification().problems()
        .stream().map(p -> NL + INDENT + INDENT + p).collect(Collectors.joining())).collect(Collectors.joining(NL));
    return new ShouldPresentTrustedCertificates(
        "%nExpecting the server to present only trusted certificate chains%nbut %s of %s %s not trusted:%n%s%s",
        String.valueOf(untrusted.size()), String.valueOf(profile.certificates().size()),
        untrusted.size() == 1 ? "is" : "are", chains, context(profile));
  }
}
