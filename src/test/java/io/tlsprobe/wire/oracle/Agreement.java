package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compares what tshark printed for a record or message with what our codec read, field by field, and counts what
 * it compared for the summary line. Every {@code tls.*} field tshark prints must be one we produce too, with the
 * same values in the same order, and we must produce no field tshark did not print; the only exceptions are
 * {@link #NOT_IN_THE_BYTES}, tshark's own bookkeeping.
 *
 * <pre>{@code
 * Agreement agreement = new Agreement();
 * agreement.assertSame("ServerHello", tsharkPdu, MessageFields.of(hello, Optional.empty()));
 * agreement.summary("live tshark agreement"); // "live tshark agreement: 1 messages, 17 fields compared"
 * }</pre>
 */
final class Agreement {
  /** Fields that describe tshark's reassembly (frame numbers, counts), not the bytes. */
  static final Set<String> NOT_IN_THE_BYTES = Set.of(
      "tls.handshake", // an empty placeholder where a record holds a fragment of a message shown elsewhere
      "tls.handshake.fragment",
      "tls.handshake.fragment.count",
      "tls.handshake.reassembled_in",
      "tls.reassembled_in",
      "tls.segment",
      "tls.segment.count",
      "tls.segment.data",
      "tls.reassembled.length",
      "tls.reassembled.data");

  private final AtomicInteger messages = new AtomicInteger();
  private final AtomicInteger records = new AtomicInteger();
  private final AtomicInteger fields = new AtomicInteger();
  private final AtomicInteger values = new AtomicInteger();

  /**
   * Asserts that tshark's {@code pdu} and our {@code ours} hold the same fields with the same values; every
   * disagreement is listed in one failure.
   */
  void assertSame(String what, TsharkPdu pdu, FieldMap ours) {
    Map<String, List<String>> expected = pdu.fields();
    Map<String, List<String>> actual = ours.toMap();
    Set<String> names = new LinkedHashSet<>(expected.keySet());
    names.addAll(actual.keySet());
    names.removeAll(NOT_IN_THE_BYTES);
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    int comparedValues = 0;
    for (String name : names) {
      List<String> tshark = expected.getOrDefault(name, List.of());
      List<String> codec = actual.getOrDefault(name, List.of());
      if (!expected.containsKey(name)) {
        disagreements.add(name + ": tshark printed nothing, codec " + codec);
      } else if (!actual.containsKey(name)) {
        disagreements.add(name + ": tshark " + tshark + ", codec has no such field (teach the test)");
      } else if (!tshark.equals(codec)) {
        disagreements.add(name + ": tshark " + tshark + ", codec " + codec);
      } else {
        compared++;
        comparedValues += tshark.size();
      }
    }
    assertThat(disagreements)
        .as("%s (frame %d, port %d): tshark and the codec disagree on %d of %d fields%n  %s",
            what, pdu.frame(), pdu.srcPort(), disagreements.size(), names.size(),
            String.join("\n  ", disagreements))
        .isEmpty();
    fields.addAndGet(compared);
    values.addAndGet(comparedValues);
  }

  /** {@link #assertSame} for a handshake message, counted as a message. */
  void assertSameMessage(String what, TsharkPdu pdu, FieldMap ours) {
    assertSame(what, pdu, ours);
    messages.incrementAndGet();
  }

  /** {@link #assertSame} for a record, counted as a record. */
  void assertSameRecord(String what, TsharkPdu pdu, FieldMap ours) {
    assertSame(what, pdu, ours);
    records.incrementAndGet();
  }

  /** Counts {@code n} fields compared outside {@link #assertSame} (e.g. the CLI's JSON against tshark). */
  void countFields(int n) {
    fields.addAndGet(n);
    values.addAndGet(n);
  }

  /** Field names tshark printed across {@code pdus}, sorted, for diagnostics. */
  static Set<String> fieldNames(List<TsharkPdu> pdus) {
    Set<String> names = new TreeSet<>();
    pdus.forEach(p -> names.addAll(p.fields().keySet()));
    return names;
  }

  /** {@code label: N messages, R records, M fields (V values) compared}. */
  String summary(String label) {
    return String.format("%s: %d messages, %d records, %d fields (%d values) compared",
        label, messages.get(), records.get(), fields.get(), values.get());
  }
}
