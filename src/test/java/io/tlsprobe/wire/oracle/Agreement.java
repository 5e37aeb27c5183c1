package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.HandshakeMessage;
import io.tlsprobe.wire.ServerHello;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        disagreements.add(name + ": tshark printed nothing, codec " + shorten(codec));
      } else if (!actual.containsKey(name)) {
        disagreements.add(name + ": tshark " + shorten(tshark) + ", codec has no such field (teach the test)");
      } else if (!tshark.equals(codec)) {
        disagreements.add(name + ": tshark " + shorten(tshark) + ", codec " + shorten(codec));
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

  /** The values, each cut to 200 characters (with its full length), so a failure stays readable. */
  private static String shorten(List<String> values) {
    return values.stream()
        .map(v -> v.length() <= 200 ? v : v.substring(0, 200) + "…(" + v.length() + " characters)")
        .toList()
        .toString();
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

  /**
   * Every record and every handshake message of one direction of a conversation: tshark found as many as we did,
   * of the same types in the same order, each with the same fields. {@code tls13} says whether the server's first
   * (retry or real) ServerHello chose TLS 1.3, which changes how tshark shows later records and hellos.
   */
  void assertDirectionAgrees(String direction, Decoded ours, Dissection dissection, int port, boolean tls13) {
    List<FieldMap> ourRecords = RecordFields.of(ours, tls13);
    List<TsharkPdu> tsharkRecords = dissection.recordsFrom(port);
    assertThat(tsharkRecords).as("%s records: tshark found %d, the codec %d", direction, tsharkRecords.size(),
        ourRecords.size()).hasSize(ourRecords.size());
    for (int i = 0; i < ourRecords.size(); i++) {
      assertSameRecord(direction + " record " + i, tsharkRecords.get(i), ourRecords.get(i));
    }
    List<TsharkPdu> tsharkMessages = dissection.messagesFrom(port);
    assertThat(tsharkMessages.stream().map(TsharkPdu::handshakeType).toList())
        .as("%s handshake types, tshark's (expected) against the codec's", direction)
        .isEqualTo(ours.messages().stream().map(HandshakeMessage::type).toList());
    Optional<ServerHello> serverHello = Optional.empty();
    for (int i = 0; i < tsharkMessages.size(); i++) {
      HandshakeMessage message = ours.messages().get(i);
      if (message instanceof ServerHello hello) {
        serverHello = Optional.of(hello);
      }
      MessageFields.Context context = new MessageFields.Context(serverHello, tls13 && i > 0);
      assertSameMessage(direction + " " + message.getClass().getSimpleName() + " (message " + i + ")",
          tsharkMessages.get(i), MessageFields.of(message, context));
    }
  }

  /** {@code label: N messages, R records, M fields (V values) compared}. */
  String summary(String label) {
    return String.format("%s: %d messages, %d records, %d fields (%d values) compared",
        label, messages.get(), records.get(), fields.get(), values.get());
  }
}
