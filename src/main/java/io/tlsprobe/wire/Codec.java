package io.tlsprobe.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small shared helpers for lists of code points and strings. */
final class Codec {
  private Codec() {}

  /** Reads uint16 values until {@code r} is exhausted (a block read with unit 2). */
  static List<Integer> u16s(WireReader r, String field) {
    List<Integer> out = new ArrayList<>(r.remaining() / 2);
    while (r.hasRemaining()) {
      out.add(r.u16(field));
    }
    return out;
  }

  /** Reads uint8 values until {@code r} is exhausted. */
  static List<Integer> u8s(WireReader r, String field) {
    List<Integer> out = new ArrayList<>(r.remaining());
    while (r.hasRemaining()) {
      out.add(r.u8(field));
    }
    return out;
  }

  static void u16s(WireWriter w, List<Integer> values) {
    values.forEach(w::u16);
  }

  static void u8s(WireWriter w, List<Integer> values) {
    values.forEach(w::u8);
  }

  /** Bytes as text: ASCII/UTF-8, malformed sequences replaced. */
  static String text(Bytes bytes) {
    return new String(bytes.toArray(), StandardCharsets.UTF_8);
  }

  static Bytes utf8(String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }

  static List<Integer> copyCodes(List<Integer> values, int max, String what) {
    List<Integer> copy = List.copyOf(values);
    for (Integer v : copy) {
      if (v < 0 || v > max) {
        throw new IllegalArgumentException(what + " " + v + " out of range 0.." + max);
      }
    }
    return copy;
  }
}
