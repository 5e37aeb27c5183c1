package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The stream property of {@link TlsDecoder#decodePartial}: a prefix of a valid stream is never malformed, and what
 * it decodes to is the start of what the whole stream decodes to.
 */
final class StreamPrefixes {
  private StreamPrefixes() {}

  /**
   * Checks prefixes of {@code stream} (which decodes completely to {@code whole}) cut around the start of every
   * record and at the first bytes, where headers are incomplete; every prefix when the stream is short.
   */
  static void assertEveryPrefixDecodesToAPrefix(byte[] stream, Decoded whole) {
    TreeSet<Integer> cuts = new TreeSet<>();
    if (stream.length <= 256) {
      for (int i = 0; i < stream.length; i++) {
        cuts.add(i);
      }
    } else {
      int start = stream.length - whole.records().stream().mapToInt(r -> 5 + r.fragment().length()).sum();
      for (int i = 0; i <= 8; i++) {
        cuts.add(i);
      }
      for (TlsRecord record : whole.records()) {
        for (int delta : new int[] {1, 2, 4, 5, 6, 9}) {
          cuts.add(Math.min(stream.length - 1, start + delta));
        }
        start += 5 + record.fragment().length();
      }
      cuts.add(stream.length / 2);
      cuts.add(stream.length - 1);
    }
    for (int cut : cuts) {
      assertPrefix(Arrays.copyOf(stream, cut), whole);
    }
  }

  private static void assertPrefix(byte[] prefix, Decoded whole) {
    Decoded part;
    try {
      part = TlsDecoder.decodePartial(prefix);
    } catch (TlsDecodeException e) {
      throw new AssertionError("the first " + prefix.length + " bytes of a valid stream were rejected: " + e, e);
    }
    assertStartsWith(part.records(), whole.records(), "records of the first %d bytes", prefix.length);
    assertStartsWith(part.messages(), whole.messages(), "messages of the first %d bytes", prefix.length);
    assertStartsWith(part.alerts(), whole.alerts(), "alerts of the first %d bytes", prefix.length);
    assertThat(part.consumed() + part.trailing().length()).isEqualTo(prefix.length);
  }

  private static <T> void assertStartsWith(List<T> part, List<T> whole, String what, int length) {
    assertThat(part).as(what, length).hasSizeLessThanOrEqualTo(whole.size());
    assertThat(part).as(what, length).isEqualTo(whole.subList(0, part.size()));
  }
}
