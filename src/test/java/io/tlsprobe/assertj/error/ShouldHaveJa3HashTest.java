package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.ClientOffers;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for an unexpected JA3 fingerprint. */
class ShouldHaveJa3HashTest {

  @Test
  void showsBothHashesAndTheJa3Text() {
    String text = ShouldHaveJa3Hash.shouldHaveJa3Hash(ClientOffers.modern(), "0149f47eabf9a20d0893e2a44e5a6323", null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client's JA3 hash:",
        "  0149f47eabf9a20d0893e2a44e5a6323",
        "but it was:",
        "  2bbdf64611242af192b80a0ce676a60f",
        "JA3: 771,4865-49199,10-43-16,29-23,",
        "Client offer: " + ClientOffers.MODERN_LINE));
  }
}
