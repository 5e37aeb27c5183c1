package io.tlsprobe.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random bytes and code points for the round-trip properties, GREASE values mixed in. */
final class RandomBytes {
  private RandomBytes() {}

  /** {@code min} to {@code max} random bytes. */
  static Bytes bytes(Random r, int min, int max) {
    byte[] b = new byte[min + r.nextInt(max - min + 1)];
    r.nextBytes(b);
    return Bytes.of(b);
  }

  /** One of the 16 GREASE values 0x0a0a, 0x1a1a, … 0xfafa. */
  static int grease(Random r) {
    int nibble = r.nextInt(16);
    return (nibble << 12) | 0x0a00 | (nibble << 4) | 0x0a;
  }

  /** A uint16 code point, a GREASE value one time in eight. */
  static int code16(Random r) {
    return r.nextInt(8) == 0 ? grease(r) : r.nextInt(0x10000);
  }

  /** {@code min} to {@code max} uint16 code points, GREASE included. */
  static List<Integer> codes16(Random r, int min, int max) {
    List<Integer> out = new ArrayList<>();
    for (int n = min + r.nextInt(max - min + 1); n > 0; n--) {
      out.add(code16(r));
    }
    return out;
  }

  /** {@code min} to {@code max} uint8 code points. */
  static List<Integer> codes8(Random r, int min, int max) {
    List<Integer> out = new ArrayList<>();
    for (int n = min + r.nextInt(max - min + 1); n > 0; n--) {
      out.add(r.nextInt(256));
    }
    return out;
  }
}
