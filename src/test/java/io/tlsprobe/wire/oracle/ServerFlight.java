package io.tlsprobe.wire.oracle;

import io.tlsprobe.wire.Decoded;
import java.nio.file.Path;
import java.util.List;

/**
 * One conversation with a real server, as both sides saw it: our decoding of each direction, tshark's dissection
 * of the pcap holding both, and the file with the server's bytes (for the CLI).
 *
 * <pre>{@code
 * ServerFlight flight = runner.converse(serverOptions, List.of(clientHello));
 * flight.server().messages(); // [ServerHello, CertificateMessage, ServerKeyExchange, ServerHelloDone]
 * }</pre>
 *
 * @param client our decoding of everything the client sent
 * @param server our decoding of everything the server sent
 * @param dissection tshark's dissection of the conversation
 * @param clientPort the client's port in the pcap
 * @param serverPort the server's port (in the pcap and on loopback)
 * @param serverBytesFile the server's bytes, raw, as one file
 */
record ServerFlight(
    Decoded client, Decoded server, Dissection dissection, int clientPort, int serverPort, Path serverBytesFile) {

  /** What tshark found in the server's direction. */
  List<TsharkPdu> tsharkServerMessages() {
    return dissection.messagesFrom(serverPort);
  }

  /** The handshake types tshark found in the server's direction, in order. */
  List<Integer> tsharkServerHandshakeTypes() {
    return tsharkServerMessages().stream().map(TsharkPdu::handshakeType).toList();
  }

  /** tshark's first server message of handshake type {@code type}. */
  TsharkPdu tsharkServerMessage(int type) {
    return tsharkServerMessages().stream().filter(m -> m.handshakeType() == type).findFirst()
        .orElseThrow(() -> new AssertionError("tshark found no server message of type " + type + " in " + this));
  }

  /** tshark's records in the server's direction. */
  List<TsharkPdu> tsharkServerRecords() {
    return dissection.recordsFrom(serverPort);
  }

  @Override
  public String toString() {
    return "server flight on port " + serverPort + ": " + server.messages() + ", alerts " + server.alerts();
  }
}
