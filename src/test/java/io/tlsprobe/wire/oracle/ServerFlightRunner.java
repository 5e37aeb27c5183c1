package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.OpensslServer;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.TlsDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
final class ServerFlightRunner implements AutoCloseable {
  /** The client port written into the pcap (the real socket's port does not matter to tshark). */
  static final int CLIENT_PORT = 50000;

  private static final int TLS13 = 0x0304;

  private final Path openssl;
  private final Path tshark;
  private final Path dir;
  private final Agreement agreement;
  private final List<OpensslServer> live = new ArrayList<>();
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
    List<String> options = new ArrayList<>(List.of("-naccept", "1"));
    options.addAll(serverOptions);
    try (OpensslServer server = OpensslServer.start(openssl, dir, options.toArray(String[]::new))) {
      live.add(server);
      serverPort = server.port();
      responses = server.converse(clientFlights);
      assertThat(responses).as("server answered nothing: %s", server).isNotEmpty();
      assertThat(responses.get(0)).as("server answered nothing: %s", server).isNotEmpty();
      live.remove(server);
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
      agreement.assertDirectionAgrees("client", client, dissection, CLIENT_PORT, tls13);
      agreement.assertDirectionAgrees("server", server, dissection, serverPort, tls13);
      return flight;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills any server a failed conversation left running; servers are normally gone when converse returns. */
  @Override
  public void close() {
    live.forEach(OpensslServer::close);
    live.clear();
  }
}
