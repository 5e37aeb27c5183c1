package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ClientOffers;
import io.tlsprobe.assertj.Fixtures;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.junit.jupiter.api.Test;

/** The messages for a protocol, suite, group or ALPN protocol the client did not offer. */
class ShouldOfferTest {

  private static String render(ErrorMessageFactory factory) {
    return factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);
  }

  @Test
  void listsTheVersionsOffered() {
    assertThat(render(ShouldOffer.shouldOfferProtocol(ClientOffers.modern(), TlsProtocol.TLSv1_1, Fixtures.tls13())))
        .isEqualTo("[Test] " + message(
            "Expecting the client to offer protocol:",
            "  TLSv1.1",
            "but it offered:",
            "  [TLSv1.3, TLSv1.2]",
            "Client offer: " + ClientOffers.MODERN_LINE,
            "Connection: " + Fixtures.TLS13_SUMMARY));
  }

  @Test
  void listsTheSuitesOffered() {
    assertThat(render(ShouldOffer.shouldOfferCipherSuite(ClientOffers.modern(), CipherSuite.of(0x1302), null)))
        .isEqualTo("[Test] " + message(
            "Expecting the client to offer cipher suite:",
            "  TLS_AES_256_GCM_SHA384",
            "but it offered:",
            "  [TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
            "Client offer: " + ClientOffers.MODERN_LINE));
  }

  @Test
  void saysNoneWhenNoGroupWasOffered() {
    NamedGroup x25519 = NamedGroup.byName("x25519").orElseThrow();
    assertThat(render(ShouldOffer.shouldOfferGroup(ClientOffers.legacy(), x25519, null)))
        .isEqualTo("[Test] " + message(
            "Expecting the client to offer group:",
            "  x25519",
            "but it offered:",
            "  none",
            "Client offer: " + ClientOffers.LEGACY_LINE));
  }

  @Test
  void namesTheMissingAlpnProtocols() {
    assertThat(render(ShouldOffer.shouldOfferAlpn(ClientOffers.modern(), List.of("h2", "h3"), List.of("h3"), null)))
        .isEqualTo("[Test] " + message(
            "Expecting the client to offer ALPN protocols:",
            "  [h2, h3]",
            "but it offered:",
            "  [h2, http/1.1]",
            "missing:",
            "  [h3]",
            "Client offer: " + ClientOffers.MODERN_LINE));
  }
}
