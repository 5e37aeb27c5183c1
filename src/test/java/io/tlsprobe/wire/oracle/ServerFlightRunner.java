package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.HandshakeMessage;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.TlsDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Talks to one {@code openssl s_server} per configuration with ClientHellos we built, writes both directions into
 * a pcap, has tshark dissect it, and checks that tshark and our codec agree on every record and every handshake
 * message of both directions.
 *
 * <pre>{@code
 * ServerFlight flight = runner.converse(List.of("-cert", cert, "-key", key, "-tls1_2"),
 *     List.of(ClientFlights.records(hello)));
 * }</pre>
 */
final class ServerFlightRunner {
  /** The client port written into the pcap (the real socket's port does not matter to tshark). */
  static final int CLIENT_PORT = 50000;

  private static final int TLS13 = 0x0304;

  private final Path openssl;
  private final Path tshark;
  private final Path dir;
  private final Agreement agreement;
  private int conversations;

  ServerFlightRunner(Path openssl, Path tshark, Path dir, Agreement agreement) {
    this.openssl = openssl;
    this.tshark = tshark;
    this.dir = dir;
    this.agreement = agreement;
  }

  /**
   * Starts {@code s_server} with {@code serverOptions}, sends each client flight in turn, kills the server, and
   * checks tshark's dissection of the conversation against our decoding of both directions.
   */
  ServerFlight converse(List<String> serverOptions, List<byte[]> clientFlights) {
    List<byte[]> responses;
    int serverPort;
    try (OpensslServer server = OpensslServer.start(openssl, dir, serverOptions.toArray(String[]::new))) {
      serverPort = server.port();
      responses = server.converse(clientFlights);
      assertThat(responses).as("server answered nothing: %s", server).isNotEmpty();
      assertThat(responses.get(0)).as("server answered nothing: %s", server).isNotEmpty();
    }
    int n = conversations++;
    PcapWriter pcap = new PcapWriter();
    PcapWriter.Connection connection = pcap.connection(CLIENT_PORT, serverPort);
    ByteArrayOutputStream clientBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream serverBytes = new ByteArrayOutputStream();
    for (int i = 0; i < responses.size(); i++) {
      connection.client(clientFlights.get(i)).server(responses.get(i));
      clientBytes.writeBytes(clientFlights.get(i));
      serverBytes.writeBytes(responses.get(i));
    }
    try {
      Path pcapFile = pcap.write(dir.resolve("conversation-" + n + ".pcap"));
      Path serverFile = Files.write(dir.resolve("server-flight-" + n + ".bin"), serverBytes.toByteArray());
      Dissection dissection = TsharkDissector.dissect(tshark, pcapFile, serverPort);
      Decoded client = TlsDecoder.decode(clientBytes.toByteArray());
      Decoded server = TlsDecoder.decode(serverBytes.toByteArray());
      ServerFlight flight = new ServerFlight(client, server, dissection, CLIENT_PORT, serverPort, serverFile);
      boolean tls13 = server.all(ServerHello.class).stream().findFirst()
          .map(sh -> sh.selectedVersion() == TLS13).orElse(false);
      assertDirectionAgrees("client", client, dissection, CLIENT_PORT, tls13);
      assertDirectionAgrees("server", server, dissection, serverPort, tls13);
      return flight;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every record and every handshake message of one direction: tshark's fields equal ours. {@code tls13} says
   * whether the server's first (retry or real) ServerHello chose TLS 1.3, which tshark knows from the second
   * ClientHello on.
   */
  private void assertDirectionAgrees(String direction, Decoded ours, Dissection dissection, int port,
      boolean tls13) {
    List<FieldMap> ourRecords = RecordFields.of(ours, tls13);
    List<TsharkPdu> tsharkRecords = dissection.recordsFrom(port);
    assertThat(tsharkRecords).as("%s records: tshark found %d, the codec %d", direction, tsharkRecords.size(),
        ourRecords.size()).hasSize(ourRecords.size());
    for (int i = 0; i < ourRecords.size(); i++) {
      agreement.assertSameRecord(direction + " record " + i, tsharkRecords.get(i), ourRecords.get(i));
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
      agreement.assertSameMessage(direction + " " + message.getClass().getSimpleName() + " (message " + i + ")",
          tsharkMessages.get(i), MessageFields.of(message, context));
    }
  }
}
