package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.ClientOffers;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a client offering TLS compression. */
class ShouldOfferNoCompressionTest {

  @Test
  void listsTheCompressionMethodsInWireOrder() {
    String text = ShouldOfferNoCompression.shouldOfferNoCompression(ClientOffers.legacy(), null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to offer only the null compression method",
        "but it offered:",
        "  [DEFLATE, null]",
        "Client offer: " + ClientOffers.LEGACY_LINE));
  }
}
