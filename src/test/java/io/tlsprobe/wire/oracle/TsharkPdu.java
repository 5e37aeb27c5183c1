package io.tlsprobe.wire.oracle;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tshark printed for one TLS record or one handshake message: every {@code tls.*} leaf field under it, each
 * with its values in the order tshark printed them (a field repeated in a list, such as
 * {@code tls.handshake.ciphersuite}, has one value per element).
 *
 * <pre>{@code
 * TsharkPdu hello = dissection.messagesFrom(clientPort).get(0);
 * hello.values("tls.handshake.ciphersuite"); // [0x1301, 0x1302, …]
 * }</pre>
 *
 * @param frame the frame tshark shows it in (for a reassembled PDU: the frame where reassembly completed)
 * @param srcPort the TCP source port of that frame, which tells the direction
 * @param fields field name to values, in tshark's order
 */
record TsharkPdu(int frame, int srcPort, Map<String, List<String>> fields) {
  TsharkPdu {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    requireNonNull(fields, "fields").forEach((k, v) -> copy.put(k, List.copyOf(v)));
    fields = java.util.Collections.unmodifiableMap(copy);
  }

  /** The values of {@code field}, empty when tshark did not print it. */
  List<String> values(String field) {
    return fields.getOrDefault(field, List.of());
  }

  /** The only value of {@code field}. */
  String value(String field) {
    List<String> values = values(field);
    if (values.size() != 1) {
      throw new IllegalStateException(field + " has " + values.size() + " values in " + this);
    }
    return values.get(0);
  }

  /** {@code tls.handshake.type} as a number, for messages. */
  int handshakeType() {
    return Integer.parseInt(value("tls.handshake.type"));
  }
}
