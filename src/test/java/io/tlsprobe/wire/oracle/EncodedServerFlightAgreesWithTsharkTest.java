package io.tlsprobe.wire.oracle;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.TlsDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Server flights encoded by our own model, dissected by tshark at test time: tshark must find the records,
 * handshake messages and alerts we encoded, every field equal to what our codec reads back, and our codec must
 * read back exactly the messages and alerts we built, and {@code tlsprobe decode --json} must say what tshark
 * says. Covers what {@code openssl s_server} does not send (see {@link EncodedServerFlights}); all flights go into
 * one pcap, so tshark runs once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncodedServerFlightAgreesWithTsharkTest {
  private static final int TLS13 = 0x0304;

  private final List<EncodedServerFlights.Case> cases = EncodedServerFlights.all();
  private final Agreement agreement = new Agreement();
  private Dissection dissection = new Dissection(List.of(), List.of());
  private @Nullable Path dir;

  @BeforeAll
  void dissectEveryFlightWithTshark(@TempDir Path dir) throws IOException {
    this.dir = dir;
    Path tshark = Interop.requireCommand("tshark");
    PcapWriter pcap = new PcapWriter();
    for (EncodedServerFlights.Case c : cases) {
      pcap.connection(ServerFlightRunner.CLIENT_PORT, c.port()).client(c.clientHello()).server(c.serverBytes());
    }
    dissection = TsharkDissector.dissect(tshark, pcap.write(dir.resolve("encoded-server-flights.pcap")),
        EncodedServerFlights.FIRST_PORT, EncodedServerFlights.FIRST_PORT + cases.size() - 1);
  }

  List<EncodedServerFlights.Case> cases() {
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tsharkReadsEveryFieldOfTheEncodedFlightAsTheCodecDoes(EncodedServerFlights.Case c) {
    // given tshark's dissection of this flight's connection (the server port tells it apart)
    Dissection mine = new Dissection(dissection.recordsFrom(c.port()), dissection.messagesFrom(c.port()));

    // when our codec reads the server's bytes back
    Decoded decoded = TlsDecoder.decode(c.serverBytes());

    // then it finds exactly what we encoded, and tshark agrees on every record and field
    assertThat(decoded.messages()).as("messages read back").isEqualTo(c.messages());
    assertThat(decoded.alerts()).as("alerts read back").isEqualTo(c.alerts());
    boolean tls13 = decoded.all(ServerHello.class).stream().findFirst()
        .map(sh -> sh.selectedVersion() == TLS13).orElse(false);
    agreement.assertDirectionAgrees("server", decoded, mine, c.port(), tls13);
    assertThat(mine.records()).as("records tshark found").isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cliDecodeJsonSaysWhatTsharkSays(EncodedServerFlights.Case c) throws IOException {
    // given the flight's server bytes in a file, and tshark's dissection of them
    Path file = Files.write(requireNonNull(dir, "dir").resolve("server-" + c.port() + ".bin"), c.serverBytes());
    ServerFlight flight = new ServerFlight(TlsDecoder.decode(c.clientHello()), TlsDecoder.decode(c.serverBytes()),
        dissection, ServerFlightRunner.CLIENT_PORT, c.port(), file);

    // when tlsprobe decode --json reads the file, then its JSON agrees with tshark
    JsonNode json = new CliDecodeAgreement(agreement).assertAgrees(flight);
    assertThat(json.path("messages").size()).isEqualTo(c.messages().size());
  }

  @AfterAll
  void summary() {
    System.out.println(agreement.summary("live tshark agreement (encoded server flights)"));
  }
}
