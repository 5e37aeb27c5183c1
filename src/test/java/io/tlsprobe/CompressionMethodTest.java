package io.tlsprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class CompressionMethodTest {

  @Test
  void listsNullDeflateAndLzs() {
    assertThat(CompressionMethod.all())
        .extracting(CompressionMethod::code, CompressionMethod::name)
        .containsExactly(
            tuple(0, "null"),
            tuple(1, "DEFLATE"),
            tuple(64, "LZS"));
    assertThat(CompressionMethod.of(0).isNull()).isTrue();
    assertThat(CompressionMethod.of(1).isNull()).isFalse();
    assertThat(CompressionMethod.of(1).reference()).isEqualTo("RFC3749");
  }

  @Test
  void findsMethodsByNameIgnoringCase() {
    assertThat(CompressionMethod.byName("deflate")).contains(CompressionMethod.of(1));
    assertThat(CompressionMethod.byName("NULL")).contains(CompressionMethod.of(0));
    assertThat(CompressionMethod.byName("brotli")).isEmpty();
  }

  @Test
  void turnsAnUnassignedCodeIntoAnUnknownValueWithTwoHexDigits() {
    CompressionMethod method = CompressionMethod.of(0x41);

    assertThat(method.code()).isEqualTo(0x41);
    assertThat(method.name()).isEqualTo("unknown(0x41)").isEqualTo(method.toString());
    assertThat(method.isKnown()).isFalse();
    assertThat(method.isGrease()).isFalse();
    assertThat(method.isNull()).isFalse();
  }
}
