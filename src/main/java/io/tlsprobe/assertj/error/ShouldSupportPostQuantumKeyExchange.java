package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.OfferContext.list;
import static io.tlsprobe.assertj.error.ProfileContext.context;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.report.ServerProfile;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a server that accepts no post-quantum key-exchange group (ML-KEM alone or in a hybrid such as
 * X25519MLKEM768): the groups it does accept.
 *
 * <pre>
 * Expecting the server to accept a post-quantum key exchange (ML-KEM alone or in a hybrid)
 * but the groups it accepts are:
 *   [x25519, secp256r1]
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_2 (2 suites), TLSv1_3 (2 suites); 9 connections]
 * </pre>
 */
public final class ShouldSupportPostQuantumKeyExchange extends BasicErrorMessageFactory {

  private ShouldSupportPostQuantumKeyExchange(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, which accepts no post-quantum group.
   *
   * @param profile the scan's findings
   */
  public static ErrorMessageFactory shouldSupportPostQuantumKeyExchange(ServerProfile profile) {
    return new ShouldSupportPostQuantumKeyExchange("%nExpecting the server to accept a post-quantum key exchange"
        + " (ML-KEM alone or in a hybrid)%nbut the groups it accepts are:%n  %s%s",
        list(profile.groups().stream().map(NamedGroup::name).toList()), context(profile));
  }
}
