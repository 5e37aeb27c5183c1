package io.tlsprobe.wire;

import static io.tlsprobe.wire.Samples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerKeyExchangeTest {
  @Test
  void readsEcdheParametersWithANamedCurve() {
    // when
    EcdheParams params = ServerKeyExchange.parseEcdhe(Samples.ecdheBody());
    // then
    assertThat(params.curveType()).isEqualTo(EcdheParams.NAMED_CURVE);
    assertThat(params.namedGroup()).isEqualTo(0x001d);
    assertThat(params.publicPoint()).isEqualTo(Samples.bytes(32, 0x55));
    assertThat(params.signature().length()).isEqualTo(2 + 2 + 256);
  }

  @Test
  void readsDheParametersAndCountsPrimeBitsIgnoringALeadingZeroByte() {
    // when
    DheParams params = ServerKeyExchange.parseDhe(Samples.dheBody());
    // then
    assertThat(params.p().length()).isEqualTo(257);
    assertThat(params.primeBits()).isEqualTo(2048);
    assertThat(params.g()).isEqualTo(Bytes.ofHex("02"));
    assertThat(params.ys().length()).isEqualTo(256);
  }

  @Test
  void countsPrimeBitsOfAnOddSizedPrime() {
    DheParams params = new DheParams(Bytes.ofHex("0001ff"), Bytes.ofHex("02"), Bytes.ofHex("01"), Bytes.empty());
    assertThat(params.primeBits()).isEqualTo(9);
  }

  @Test
  void offersOnlyTheViewThatParses() {
    ServerKeyExchange ecdhe = new ServerKeyExchange(Samples.ecdheBody());
    ServerKeyExchange dhe = new ServerKeyExchange(Samples.dheBody());
    assertThat(ecdhe.ecdhe()).isPresent();
    assertThat(ecdhe.dhe()).isEmpty();
    assertThat(dhe.dhe().map(DheParams::primeBits)).contains(2048);
    assertThat(dhe.ecdhe()).isEmpty();
  }

  @Test
  void rejectsExplicitCurves() {
    assertThatThrownBy(() -> ServerKeyExchange.parseEcdhe(Bytes.ofHex("010017" + "0104")))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("ServerKeyExchange.params.curve_params.curve_type");
          assertThat(e.offset()).isZero();
        });
  }

  @Test
  void rejectsAnEmptyPrime() {
    assertThatThrownBy(() -> ServerKeyExchange.parseDhe(Bytes.ofHex("0000" + "000102" + "000105")))
        .isInstanceOfSatisfying(TlsDecodeException.class,
            e -> assertThat(e.field()).isEqualTo("ServerKeyExchange.params.dh_p"));
  }

  @Test
  void keepsTheBodyForReEncoding() {
    ServerKeyExchange ske = new ServerKeyExchange(Samples.dheBody());
    assertThat(TlsDecoder.decodeHandshake(ske.encode())).isEqualTo(ske);
    assertThat(ske.encode()).startsWith(hex("0c000" + Integer.toHexString(Samples.dheBody().length())));
  }
}
