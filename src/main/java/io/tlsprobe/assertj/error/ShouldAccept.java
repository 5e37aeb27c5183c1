package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.OfferContext.list;
import static io.tlsprobe.assertj.error.ProfileContext.context;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The messages for a server that does not accept a protocol version, cipher suite or key-exchange group: what was
 * expected, then everything the scan found it accepts of that kind.
 *
 * <pre>
 * Expecting the server to accept protocol:
 *   TLSv1.3
 * but it accepts:
 *   [TLSv1.2]
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_2 (2 suites); 9 connections]
 * </pre>
 */
public final class ShouldAccept extends BasicErrorMessageFactory {

  private ShouldAccept(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, which does not accept {@code expected}.
   *
   * @param profile the scan's findings
   * @param expected the version that should be accepted
   */
  public static ErrorMessageFactory shouldAcceptProtocol(ServerProfile profile, TlsProtocol expected) {
    return of("protocol", expected.jsseName(),
        profile.acceptedProtocols().stream().map(TlsProtocol::jsseName).toList(), profile);
  }

  /**
   * The message for {@code profile}, which accepts {@code expected} in no version.
   *
   * @param profile the scan's findings
   * @param expected the suite that should be accepted
   */
  public static ErrorMessageFactory shouldAcceptCipherSuite(ServerProfile profile, CipherSuite expected) {
    return of("cipher suite", expected.name(),
        profile.acceptedCipherSuites().stream().map(CipherSuite::name).toList(), profile);
  }

  /**
   * The message for {@code profile}, which accepts {@code expected} in no version.
   *
   * @param profile the scan's findings
   * @param expected the group that should be accepted
   */
  public static ErrorMessageFactory shouldAcceptGroup(ServerProfile profile, NamedGroup expected) {
    return of("group", expected.name(), profile.groups().stream().map(NamedGroup::name).toList(), profile);
  }

  private static ShouldAccept of(String what, String expected, List<String> accepted, ServerProfile profile) {
    return new ShouldAccept("%nExpecting the server to accept " + what + ":%n  %s%nbut it accepts:%n  %s%s",
        expected, list(accepted), context(profile));
  }
}
