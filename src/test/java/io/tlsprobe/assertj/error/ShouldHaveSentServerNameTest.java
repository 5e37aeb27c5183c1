package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.ClientOffers;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for an unexpected SNI, or a missing one. */
class ShouldHaveSentServerNameTest {

  @Test
  void saysNoneWhenTheClientSentNoName() {
    String text = ShouldHaveSentServerName.shouldHaveSentServerName(ClientOffers.modern(), "localhost", null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to send server name (SNI):",
        "  localhost",
        "but it sent:",
        "  none",
        "Client offer: " + ClientOffers.MODERN_LINE));
  }

  @Test
  void quotesTheNameSentWhenNoneWasExpected() {
    String text = ShouldHaveSentServerName.shouldHaveSentNoServerName(ClientOffers.legacy(), null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to send no server name (SNI)",
        "but it sent:",
        "  localhost",
        "Client offer: " + ClientOffers.LEGACY_LINE));
  }
}
