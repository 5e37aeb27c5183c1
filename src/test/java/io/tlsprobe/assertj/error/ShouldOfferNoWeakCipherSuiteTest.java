package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.assertj.ClientOffers;
import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.report.ClientOffer;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a client offering WEAK or INSECURE suites. */
class ShouldOfferNoWeakCipherSuiteTest {

  @Test
  void listsEachOffendingSuiteWithItsClassAndReasons() {
    // given the legacy offer's RC4 and 3DES suites
    ClientOffer offer = ClientOffers.legacy();

    // when
    String text = ShouldOfferNoWeakCipherSuite.shouldOfferNoWeakCipherSuite(offer,
            List.of(CipherSuite.of(0x0005), CipherSuite.of(0x000a)), Fixtures.tls13())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    // then
    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client to offer no weak or insecure cipher suite",
        "but it offered 2 of 4:",
        "  TLS_RSA_WITH_RC4_128_SHA: INSECURE (RC4 is prohibited by RFC 7465)",
        "  TLS_RSA_WITH_3DES_EDE_CBC_SHA: WEAK (3DES has a 64-bit block: SWEET32 (CVE-2016-2183); no forward"
            + " secrecy: static RSA key exchange; CBC mode: Lucky13 and padding-oracle risks; SHA-1 MAC: deprecated"
            + " hash)",
        "Client offer: " + ClientOffers.LEGACY_LINE,
        "Connection: " + Fixtures.TLS13_SUMMARY));
  }
}
