package io.tlsprobe.wire;

import static io.tlsprobe.wire.Samples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TlsRecordTest {
  @Test
  void encodesHeaderAndFragment() {
    TlsRecord alert = new TlsRecord(TlsRecord.ALERT, 0x0303, Bytes.ofHex("0228"));
    assertThat(alert.encode()).isEqualTo(hex("15 0303 0002 0228"));
  }

  @Test
  void wrapsAHandshakeLargerThanOneRecordIntoRecordsOfAtMostTwoToTheFourteen() {
    // given
    UnknownHandshake big = new UnknownHandshake(HandshakeMessage.CERTIFICATE_REQUEST, Samples.bytes(40_000, 0x42));
    // when
    Decoded records = TlsDecoder.decode(TlsRecord.wrapHandshake(big.encode(), 0x0301));
    // then
    assertThat(records.records()).extracting(r -> r.fragment().length()).containsExactly(16384, 16384, 7236);
    assertThat(records.messages()).containsExactly(big);
    assertThat(records.records()).allSatisfy(r -> {
      assertThat(r.contentType()).isEqualTo(TlsRecord.HANDSHAKE);
      assertThat(r.version()).isEqualTo(0x0301);
    });
  }

  @Test
  void wrapsASmallHandshakeIntoOneRecord() {
    assertThat(TlsRecord.wrapHandshake(new ServerHelloDone().encode(), 0x0303))
        .isEqualTo(hex("16 0303 0004 0e000000"));
  }

  @Test
  void refusesAFragmentLargerThanTheCiphertextLimit() {
    assertThatThrownBy(() -> new TlsRecord(TlsRecord.APPLICATION_DATA, 0x0303,
        Samples.bytes(TlsRecord.MAX_CIPHERTEXT + 1, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("18433");
  }

  @Test
  void refusesToWrapNothing() {
    assertThatThrownBy(() -> TlsRecord.wrapHandshake(new byte[0], 0x0303))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesTheRecordLimits() {
    assertThat(TlsRecord.MAX_PLAINTEXT).isEqualTo(1 << 14);
    assertThat(TlsRecord.MAX_CIPHERTEXT).isEqualTo((1 << 14) + 2048);
  }
}
