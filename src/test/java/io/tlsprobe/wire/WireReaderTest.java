package io.tlsprobe.wire;

import static io.tlsprobe.wire.Samples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireReaderTest {
  @Test
  void readsBigEndianIntegersAtAbsoluteOffsets() {
    WireReader r = new WireReader(hex("01 0203 040506 0708090a"), 100);
    assertThat(r.u8("a")).isEqualTo(1);
    assertThat(r.u16("b")).isEqualTo(0x0203);
    assertThat(r.u24("c")).isEqualTo(0x040506);
    assertThat(r.offset()).isEqualTo(106);
    assertThat(r.u32("d")).isEqualTo(0x0708090aL);
    r.expectEnd("end");
  }

  @Test
  void readsAnUnsigned32BitValueAboveIntegerMax() {
    assertThat(new WireReader(hex("ffffffff")).u32("x")).isEqualTo(0xffffffffL);
  }

  @Test
  void namesTheFieldAndOffsetOfAShortRead() {
    WireReader r = new WireReader(hex("0102"), 10);
    r.u8("first");
    assertThatThrownBy(() -> r.u16("second"))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("second");
          assertThat(e.offset()).isEqualTo(11);
          assertThat(e.getMessage()).isEqualTo("second: needs 2 bytes, 1 left at offset 11");
        });
  }

  @Test
  void confinesABlockReaderToItsBlock() {
    WireReader r = new WireReader(hex("0002 aabb cc"));
    WireReader block = r.block16("block", 0);
    assertThat(block.rest()).isEqualTo(Bytes.ofHex("aabb"));
    assertThat(block.hasRemaining()).isFalse();
    assertThat(r.u8("after")).isEqualTo(0xcc);
  }

  @Test
  void checksABlocksMinimumAtItsLengthField() {
    assertThatThrownBy(() -> new WireReader(hex("01 aa"), 5).block8("list", 2))
        .isInstanceOf(TlsDecodeException.class).hasMessage("list: length 1 is below the minimum 2 at offset 5");
  }

  @Test
  void rejectsTrailingBytesWithTheirCount() {
    WireReader r = new WireReader(hex("0102"));
    assertThatThrownBy(() -> r.expectEnd("msg"))
        .isInstanceOf(TlsDecodeException.class).hasMessage("msg: 2 unexpected trailing bytes at offset 0");
  }

  @Test
  void rejectsABlockLongerThanWhatIsLeft() {
    WireReader r = new WireReader(hex("aa 0005 0102"), 20);
    r.u8("skip");
    assertThatThrownBy(() -> r.block16("list", 0))
        .isInstanceOf(TlsDecodeException.class)
        .hasMessage("list: length 5 exceeds the 2 bytes left at offset 21");
  }

  @Test
  void rejectsAnOddLengthForAListOfUint16() {
    assertThatThrownBy(() -> new WireReader(hex("0003 010203")).block16("list", 2, 2))
        .isInstanceOf(TlsDecodeException.class).hasMessage("list: length 3 is odd at offset 0");
  }
}
