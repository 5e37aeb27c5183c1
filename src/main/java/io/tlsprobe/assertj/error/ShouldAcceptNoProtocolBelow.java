package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.ProfileContext.context;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a server that accepts a protocol version older than allowed.
 *
 * <pre>
 * Expecting the server to accept no protocol below:
 *   TLSv1.2
 * but it accepts:
 *   TLSv1, TLSv1.1
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1 (2 suites), …]
 * </pre>
 */
public final class ShouldAcceptNoProtocolBelow extends BasicErrorMessageFactory {

  private ShouldAcceptNoProtocolBelow(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, which accepts the {@code older} versions.
   *
   * @param profile the scan's findings
   * @param minimum the oldest version allowed
   * @param older the accepted versions older than {@code minimum}, oldest first
   */
  public static ErrorMessageFactory shouldAcceptNoProtocolBelow(
      ServerProfile profile, TlsProtocol minimum, List<TlsProtocol> older) {
    return new ShouldAcceptNoProtocolBelow(
        "%nExpecting the server to accept no protocol below:%n  %s%nbut it accepts:%n  %s%s",
        minimum.jsseName(), older.stream().map(TlsProtocol::jsseName).collect(Collectors.joining(", ")),
        context(profile));
  }
}
