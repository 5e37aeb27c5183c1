package io.tlsprobe.wire;

import static io.tlsprobe.wire.Samples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SslV2ClientHelloTest {
  private static SslV2ClientHello decode(byte[] bytes) {
    return (SslV2ClientHello) TlsDecoder.decode(bytes).messages().get(0);
  }

  @Test
  void decodesVersionSpecsSessionIdAndChallenge() {
    SslV2ClientHello v2 = decode(Samples.sslV2Hello());
    assertThat(v2.version()).isEqualTo(0x0301);
    assertThat(v2.cipherSpecs()).containsExactly(0x010080, 0x00002f, 0x000035);
    assertThat(v2.sessionId().isEmpty()).isTrue();
    assertThat(v2.challenge()).isEqualTo(Bytes.ofHex("000102030405060708090a0b0c0d0e0f"));
    assertThat(v2.type()).isEqualTo(HandshakeMessage.CLIENT_HELLO);
  }

  @Test
  void encodesBackToTheSameV2Bytes() {
    SslV2ClientHello v2 = decode(Samples.sslV2Hello());
    assertThat(v2.encodeRecord()).isEqualTo(Samples.sslV2Hello());
    assertThat(v2.encode()).isEqualTo(Samples.sslV2Hello());
  }

  @Test
  void mapsToAClientHelloWithTheChallengeRightAlignedInTheRandom() {
    // when
    ClientHello hello = decode(Samples.sslV2Hello()).toClientHello();
    // then: RFC 5246 E.2
    assertThat(hello.legacyVersion()).isEqualTo(0x0301);
    assertThat(hello.cipherSuites()).containsExactly(0x002f, 0x0035);
    assertThat(hello.random()).isEqualTo(Bytes.ofHex("00".repeat(16) + "000102030405060708090a0b0c0d0e0f"));
    assertThat(hello.compressionMethods()).containsExactly(0);
    assertThat(hello.hasExtensionsBlock()).isFalse();
  }

  @Test
  void rejectsAChallengeShorterThan16Bytes() {
    byte[] bytes = hex("801b 01 0301 0003 0000 000f 00002f 0102030405060708090a0b0c0d0e0f");
    assertThatThrownBy(() -> TlsDecoder.decode(bytes))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("SSLv2ClientHello.challenge_length");
          assertThat(e.offset()).isEqualTo(9);
        });
  }

  @Test
  void rejectsCipherSpecsThatAreNotWholeTriples() {
    byte[] bytes = hex("801d 01 0301 0004 0000 0010 00002f00 000102030405060708090a0b0c0d0e0f");
    assertThatThrownBy(() -> TlsDecoder.decode(bytes))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("SSLv2ClientHello.cipher_spec_length");
          assertThat(e.offset()).isEqualTo(5);
        });
  }

  @Test
  void rejectsAMessageLengthThatDisagreesWithTheFields() {
    byte[] bytes = hex("801d 01 0301 0003 0000 0010 00002f 000102030405060708090a0b0c0d0e0f 00");
    assertThatThrownBy(() -> TlsDecoder.decode(bytes))
        .isInstanceOfSatisfying(TlsDecodeException.class,
            e -> assertThat(e.field()).isEqualTo("SSLv2ClientHello.msg_length"));
  }

  @Test
  void encodesAHandMadeHello() {
    SslV2ClientHello v2 = new SslV2ClientHello(0x0002, List.of(0x070c0), Bytes.empty(), Samples.bytes(16, 1));
    assertThat(decode(v2.encodeRecord())).isEqualTo(v2);
  }
}
