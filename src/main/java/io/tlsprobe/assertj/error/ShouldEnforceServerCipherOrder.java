package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.ProfileContext.context;
import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;

import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerProfile;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a server that lets the client's preference decide the cipher suite (or whose order the scan could
 * not determine), in every accepted version or in one: each version found with the order it shows.
 *
 * <pre>
 * Expecting the server to enforce its own cipher suite order
 * but in:
 *   TLSv1.2: client order (2 suites)
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_2 (2 suites); 9 connections]
 * </pre>
 */
public final class ShouldEnforceServerCipherOrder extends BasicErrorMessageFactory {

  private ShouldEnforceServerCipherOrder(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, whose {@code versions} do not enforce server order.
   *
   * @param profile the scan's findings
   * @param versions the offending versions, oldest first; a version not accepted is shown as such
   */
  public static ErrorMessageFactory shouldEnforceServerCipherOrder(
      ServerProfile profile, List<ProtocolSupport> versions) {
    String lines = versions.stream().map(v -> INDENT + v.protocol().jsseName() + ": " + (v.accepted()
            ? v.cipherOrder().name().toLowerCase(Locale.ROOT) + " order (" + v.suites().size() + " suites)"
            : "not accepted"))
        .collect(Collectors.joining(NL));
    return new ShouldEnforceServerCipherOrder("%nExpecting the server to enforce its own cipher suite order%nbut in:%n%s%s",
        lines, context(profile));
  }
}
