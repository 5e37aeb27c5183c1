package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.CodePoint;
import io.tlsprobe.Grease;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.testing.ClientHelloVector;
import io.tlsprobe.testing.ClientHelloVectors;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.TlsDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientOfferTest {

  @Test
  void keepsGreaseApartFromTheRealOfferOfAChromiumHello() {
    // given a real Chromium hello, whose lists carry GREASE values
    ClientHelloVector chromium = ClientHelloVectors.captured("chromium_headless");
    ClientHello hello = TlsDecoder.decode(chromium.bytes()).clientHello().orElseThrow();

    // when
    ClientOffer offer = ClientOffer.of(hello);

    // then the suites are tshark's list without GREASE, and the GREASE suites are kept apart
    List<Integer> suites = chromium.codePoints("cipher_suites");
    assertThat(offer.cipherSuites()).map(CodePoint::code).containsExactlyElementsOf(
        suites.stream().filter(c -> !Grease.isGrease(c)).toList());
    assertThat(offer.greaseCipherSuites()).map(CodePoint::code).containsExactlyElementsOf(
        suites.stream().filter(Grease::isGrease).toList()).isNotEmpty();
    assertThat(offer.sendsGrease()).isTrue();
    assertThat(offer.extensions()).map(CodePoint::code).containsExactlyElementsOf(chromium.codePoints("extensions"));
    assertThat(offer.groups()).map(CodePoint::code).containsExactlyElementsOf(
        chromium.codePoints("supported_groups").stream().filter(c -> !Grease.isGrease(c)).toList());
    assertThat(offer.versions()).containsExactly(TlsProtocol.TLSv1_3, TlsProtocol.TLSv1_2);
    assertThat(offer.serverName()).isEqualTo(chromium.serverName());
    assertThat(offer.alpn()).isEqualTo(chromium.alpn());
    assertThat(offer.ja3()).isEqualTo(chromium.ja3());
    assertThat(offer.ja3Hash()).isEqualTo(chromium.ja3Hash());
    assertThat(offer.ja4()).startsWith("t13d");
  }

  @Test
  void namesTheLegacyVersionWhenTheClientSentNoSupportedVersions() {
    // given a hello from `openssl s_client -tls1`, which has no supported_versions extension
    ClientHello hello =
        TlsDecoder.decode(ClientHelloVectors.captured("openssl_legacy_tls1").bytes()).clientHello().orElseThrow();

    // when
    ClientOffer offer = ClientOffer.of(hello);

    // then
    assertThat(offer.versions()).containsExactly(TlsProtocol.TLSv1);
    assertThat(offer.legacyVersion()).isEqualTo(0x0301);
    assertThat(offer.highestVersion()).contains(TlsProtocol.TLSv1);
    assertThat(offer.cipherSuites()).allMatch(s -> !s.isGrease()).contains(CipherSuite.of(0x00ff));
    assertThat(offer.offersCompression()).isFalse();
  }

  @Test
  void reportDerivesItsOfferFromItsClientHello() {
    ClientHello hello =
        TlsDecoder.decode(ClientHelloVectors.captured("chromium_headless").bytes()).clientHello().orElseThrow();
    TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("127.0.0.1", 1), Outcome.established())
        .clientHello(hello).build();

    assertThat(report.clientOffer()).contains(ClientOffer.of(hello));
    assertThat(report.toBuilder().clientHello(null).build().clientOffer()).isEmpty();
  }
}
