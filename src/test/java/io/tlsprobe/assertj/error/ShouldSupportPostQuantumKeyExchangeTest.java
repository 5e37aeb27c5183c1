package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.ServerProfiles;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a server without a post-quantum group. */
class ShouldSupportPostQuantumKeyExchangeTest {

  @Test
  void listsTheClassicalGroupsTheServerAccepts() {
    String text = ShouldSupportPostQuantumKeyExchange.shouldSupportPostQuantumKeyExchange(ServerProfiles.modern())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to accept a post-quantum key exchange (ML-KEM alone or in a hybrid)",
        "but the groups it accepts are:",
        "  [x25519, secp256r1]",
        "Server profile: " + ServerProfiles.MODERN_LINE));
  }
}
