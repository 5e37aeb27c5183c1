package io.tlsprobe.wire.oracle;

import java.util.List;

/**
 * tshark's dissection of a pcap file: the TLS records and the handshake messages it found, each in the order
 * tshark printed them, both directions mixed (tell them apart by {@link TsharkPdu#srcPort()}).
 *
 * <pre>{@code
 * Dissection d = TsharkDissector.dissect(pcap, serverPort);
 * d.messagesFrom(serverPort).stream().map(TsharkPdu::handshakeType).toList(); // [2, 11, 12, 14]
 * }</pre>
 *
 * @param records every TLS record, with its own fields (content type, version, length, alert, …)
 * @param messages every handshake message, with the fields under it
 */
record Dissection(List<TsharkPdu> records, List<TsharkPdu> messages) {
  Dissection {
    records = List.copyOf(records);
    messages = List.copyOf(messages);
  }

  /** The records sent from {@code port}. */
  List<TsharkPdu> recordsFrom(int port) {
    return records.stream().filter(r -> r.srcPort() == port).toList();
  }

  /** The handshake messages sent from {@code port}. */
  List<TsharkPdu> messagesFrom(int port) {
    return messages.stream().filter(m -> m.srcPort() == port).toList();
  }
}
