package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.HandshakeMessage;
import io.tlsprobe.wire.TlsDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bytes our {@link io.tlsprobe.wire.ClientHelloBuilder} encodes, dissected by tshark at test time: every
 * {@code tls.*} field tshark prints for each record and for the hello (version, random, session id, suites,
 * compression, every extension's type, length and contents, JA3) must equal what our codec reads back from the
 * same bytes, and what it reads back must be the hello we built.
 *
 * <p>All hellos go into one pcap file of synthetic TCP connections (one per hello), so tshark runs once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltClientHelloAgreesWithTsharkTest {
  /** Nothing listens here: the connections exist only in the pcap file. */
  private static final int SERVER_PORT = 4433;

  private final List<BuiltClientHellos.Case> cases = BuiltClientHellos.all();
  private final Agreement agreement = new Agreement();
  private Dissection dissection = new Dissection(List.of(), List.of());

  @BeforeAll
  void dissectEveryHelloWithTshark(@TempDir Path dir) throws IOException {
    Path tshark = Interop.requireCommand("tshark");
    PcapWriter pcap = new PcapWriter();
    for (BuiltClientHellos.Case c : cases) {
      pcap.connection(c.port(), SERVER_PORT).segmentSize(c.segmentSize()).client(c.wire());
    }
    dissection = TsharkDissector.dissect(tshark, pcap.write(dir.resolve("built-hellos.pcap")), SERVER_PORT);
  }

  List<BuiltClientHellos.Case> cases() {
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tsharkReadsEveryFieldOfTheBuiltHelloAsTheCodecDoes(BuiltClientHellos.Case c) {
    // given what tshark found on this hello's connection
    List<TsharkPdu> tsharkRecords = dissection.recordsFrom(c.port());
    List<TsharkPdu> tsharkMessages = dissection.messagesFrom(c.port());

    // when our codec reads the same bytes
    Decoded decoded = TlsDecoder.decode(c.wire());

    // then it reads back the hello we built, and agrees with tshark on every record and every field
    assertThat(decoded.clientHello()).as("decoded hello").contains(c.hello());
    assertThat(decoded.messages()).hasSize(1);
    List<FieldMap> ourRecords = RecordFields.of(decoded, false);
    assertThat(tsharkRecords).as("records tshark found").hasSize(ourRecords.size());
    for (int i = 0; i < ourRecords.size(); i++) {
      agreement.assertSameRecord(c.name() + ", record " + i, tsharkRecords.get(i), ourRecords.get(i));
    }
    assertThat(tsharkMessages).as("handshake messages tshark found").hasSize(1);
    HandshakeMessage hello = decoded.messages().get(0);
    agreement.assertSameMessage(c.name(), tsharkMessages.get(0),
        MessageFields.of(hello, MessageFields.Context.FIRST));
  }

  @AfterAll
  void summary() {
    System.out.println(agreement.summary("live tshark agreement (built ClientHellos)"));
  }
}
