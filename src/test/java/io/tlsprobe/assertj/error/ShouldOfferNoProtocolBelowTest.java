package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ClientOffers;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.wire.ClientHello;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a client offering a version below the minimum, or none known. */
class ShouldOfferNoProtocolBelowTest {

  @Test
  void namesTheOlderVersionsOffered() {
    String text = ShouldOfferNoProtocolBelow.shouldOfferNoProtocolBelow(ClientOffers.legacy(), TlsProtocol.TLSv1_2,
            List.of(TlsProtocol.TLSv1), null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to offer no protocol below:",
        "  TLSv1.2",
        "but it offered:",
        "  TLSv1",
        "Client offer: " + ClientOffers.LEGACY_LINE));
  }

  @Test
  void quotesTheLegacyVersionWhenNoVersionIsKnown() {
    // given an offer of an unknown version only
    ClientOffer offer = ClientOffer.of(ClientHello.builder().legacyVersion(0x7f01).cipherSuites(0x1301).build());

    // when
    String text = ShouldOfferNoProtocolBelow.shouldOfferNoProtocolBelow(offer, TlsProtocol.TLSv1_2, List.of(), null)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to offer no protocol below:",
        "  TLSv1.2",
        "but it offered no version this library knows (legacy_version "
            + TlsProtocol.describeWireVersion(0x7f01) + ")",
        "Client offer: " + offer));
  }
}
