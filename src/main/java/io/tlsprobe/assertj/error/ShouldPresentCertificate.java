package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.ProfileContext.context;

import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.ServerProfile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a scanned server that presents no certificate chain with the asked key type.
 *
 * <pre>
 * Expecting the server to present a certificate chain with a key of type:
 *   RSA
 * but it presents:
 *   [EC]
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_3 (3 suites); 23 connections]
 * </pre>
 */
public final class ShouldPresentCertificate extends BasicErrorMessageFactory {

  private ShouldPresentCertificate(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, which holds no chain whose leaf has a {@code keyType} key.
   *
   * @param profile the scan's findings
   * @param keyType the key type asked for, e.g. {@code RSA}
   */
  public static ErrorMessageFactory shouldPresentCertificate(ServerProfile profile, String keyType) {
    return new ShouldPresentCertificate(
        "%nExpecting the server to present a certificate chain with a key of type:%n  %s%nbut it presents:%n  %s%s",
        keyType, profile.certificates().isEmpty() ? "no chain"
            : profile.certificates().stream().map(ServerCertificate::keyType).collect(Collectors.joining(", ", "[",
                "]")), context(profile));
  }
}
