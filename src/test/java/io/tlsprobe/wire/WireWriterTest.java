package io.tlsprobe.wire;

import static io.tlsprobe.wire.Samples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireWriterTest {
  @Test
  void writesIntegersAndNestedLengthPrefixedBlocks() {
    byte[] out = new WireWriter()
        .u8(1).u16(0x0203).u24(0x040506).u32(0xfffffffeL)
        .block16(w -> w.block8(x -> x.u16(0xabcd)).opaque24(Bytes.ofHex("ee")))
        .toByteArray();
    assertThat(out).isEqualTo(hex("01 0203 040506 fffffffe 0007 02abcd 000001ee"));
  }

  @Test
  void growsPastItsInitialCapacity() {
    WireWriter w = new WireWriter();
    for (int i = 0; i < 1000; i++) {
      w.u16(i);
    }
    assertThat(w.size()).isEqualTo(2000);
    assertThat(new WireReader(w.toByteArray()).bytes(2000, "all").get(1999)).isEqualTo(999 & 0xff);
  }

  @Test
  void refusesValuesThatDoNotFitTheirField() {
    assertThatThrownBy(() -> new WireWriter().u8(256)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256");
    assertThatThrownBy(() -> new WireWriter().u16(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WireWriter().block8(w -> w.bytes(new byte[256])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
  }
}
