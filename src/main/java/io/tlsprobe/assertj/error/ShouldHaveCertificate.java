package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;
import static io.tlsprobe.assertj.error.Render.absence;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.jspecify.annotations.Nullable;

/**
 * The message for navigating to a certificate that is not there: no leaf at all, no certificate at an index, or not
 * exactly one certificate.
 *
 * <pre>
 * Expecting the peer to have sent a certificate
 * but it sent none (rejected_by_peer: server sent fatal alert handshake_failure (40))
 * Connection: localhost:8443 (direct): rejected_by_peer: …
 * </pre>
 */
public final class ShouldHaveCertificate extends BasicErrorMessageFactory {

  private ShouldHaveCertificate(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /** The message for {@code report}, which holds no certificate. */
  public static ErrorMessageFactory shouldHaveCertificate(TlsConnectionReport report) {
    return new ShouldHaveCertificate(
        "%nExpecting the peer to have sent a certificate%nbut it sent none (%s)%s",
        absence(report), connection(report));
  }

  /** The message for a chain with no certificate at {@code index}. */
  public static ErrorMessageFactory shouldHaveCertificateAt(
      List<CertificateInfo> chain, int index, @Nullable TlsConnectionReport report) {
    return new ShouldHaveCertificate(
        "%nExpecting the certificate chain to have a certificate at index %s%nbut it holds %s%s",
        String.valueOf(index), listing(chain), connection(report));
  }

  /** The message for a chain that does not hold exactly one certificate. */
  public static ErrorMessageFactory shouldHaveSingleCertificate(
      List<CertificateInfo> chain, @Nullable TlsConnectionReport report) {
    return new ShouldHaveCertificate(
        "%nExpecting the certificate chain to hold exactly one certificate%nbut it holds %s%s",
        listing(chain), connection(report));
  }

  private static String listing(List<CertificateInfo> chain) {
    if (chain.isEmpty()) {
      return "none";
    }
    return chain.size() + (chain.size() == 1 ? " certificate:" : " certificates:") + NL
        + chain.stream().map(c -> INDENT + c).collect(Collectors.joining(NL));
  }
}
