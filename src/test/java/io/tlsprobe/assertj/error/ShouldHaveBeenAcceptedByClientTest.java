package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.Fixtures;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a captured connection the client did not complete. */
class ShouldHaveBeenAcceptedByClientTest {

  @Test
  void showsTheOutcomeAndTheConnection() {
    String text = ShouldHaveBeenAcceptedByClient.shouldHaveBeenAcceptedByClient(Fixtures.rejected())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to accept the TLS connection (outcome established)",
        "but it ended with:",
        "  rejected_by_peer: server sent fatal alert handshake_failure (40)",
        "Connection: " + Fixtures.REJECTED_SUMMARY));
  }
}
