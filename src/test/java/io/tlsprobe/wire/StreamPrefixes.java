package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * The stream property of {@link TlsDecoder#decodePartial}: a prefix of a valid stream is never malformed, and what
 * it decodes to is the start of what the whole stream decodes to.
 */
final class StreamPrefixes {
  private StreamPrefixes() {}

  /**
   * Checks the prefixes of {@code stream} (which decodes completely to {@code whole}) that end in its first bytes,
   * inside each record header, right after it, one byte into the fragment, and one byte before the end.
   */
  static void assertEveryPrefixDecodesToAPrefix(byte[] stream, Decoded whole) {
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int i = 0; i < Math.min(8, stream.length); i++) {
      cuts.add(i);
    }
    int start = stream.length - whole.records().stream().mapToInt(r -> 5 + r.fragment().length()).sum();
    for (TlsRecord record : whole.records()) {
      for (int delta : new int[] {1, 5, 6}) {
        cuts.add(Math.min(stream.length - 1, start + delta));
      }
      start += 5 + record.fragment().length();
    }
    cuts.add(Math.max(0, stream.length - 1));
    cuts.forEach(cut -> assertPrefix(Arrays.copyOf(stream, cut), whole));
  }

  /** Checks {@code count} prefixes of {@code stream} cut at random, and those of its first 6 bytes. */
  static void assertRandomPrefixesDecodeToAPrefix(byte[] stream, Decoded whole, Random r, int count) {
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int i = 0; i < Math.min(6, stream.length); i++) {
      cuts.add(i);
    }
    for (int i = 0; i < count; i++) {
      cuts.add(r.nextInt(stream.length));
    }
    cuts.forEach(cut -> assertPrefix(Arrays.copyOf(stream, cut), whole));
  }

  private static void assertPrefix(byte[] prefix, Decoded whole) {
    Decoded part;
    try {
      part = TlsDecoder.decodePartial(prefix);
    } catch (TlsDecodeException e) {
      throw new AssertionError("the first " + prefix.length + " bytes of a valid stream were rejected: " + e, e);
    }
    if (!startsWith(part.records(), whole.records()) || !startsWith(part.messages(), whole.messages())
        || !startsWith(part.alerts(), whole.alerts())) {
      throw new AssertionError("the first " + prefix.length + " bytes decode to " + part
          + ", which is not the start of " + whole);
    }
    assertThat(part.consumed() + part.trailing().length()).isEqualTo(prefix.length);
  }

  private static <T> boolean startsWith(List<T> part, List<T> whole) {
    return part.size() <= whole.size() && part.equals(whole.subList(0, part.size()));
  }
}
