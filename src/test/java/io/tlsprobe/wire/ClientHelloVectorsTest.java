package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.ClientHelloVector;
import io.tlsprobe.testing.ClientHelloVectors;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ClientHello captured from a real client (ours and the shared ones, see {@link ClientHelloVectors}) re-encodes
 * byte for byte and is read with typed extensions. That the decoded values equal tshark's reading is
 * {@link TsharkAgreementTest}'s job.
 */
class ClientHelloVectorsTest {

  static List<ClientHelloVector> vectors() {
    return ClientHelloVectors.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void reEncodesEveryVectorByteForByte(ClientHelloVector vector) {
    // given
    byte[] input = vector.bytes();
    // when
    Decoded decoded = TlsDecoder.decode(input);
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    for (TlsRecord r : decoded.records()) {
      records.writeBytes(r.encode());
      handshake.writeBytes(r.fragment().toArray());
    }
    ClientHello hello = decoded.clientHello().orElseThrow();
    // then
    assertThat(records.toByteArray()).isEqualTo(input);
    assertThat(hello.encode()).isEqualTo(handshake.toByteArray());
    assertThat(TlsDecoder.decode(TlsRecord.wrapHandshake(hello.encode(), decoded.records().get(0).version()))
        .clientHello()).contains(hello);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void readsEveryExtensionOfATypeTheCodecKnowsAsTyped(ClientHelloVector vector) {
    // when
    ClientHello hello = TlsDecoder.decode(vector.bytes()).clientHello().orElseThrow();
    // then: only GREASE and types without a typed record (Chromium's 0xca34, say) stay raw
    assertThat(hello.extensions())
        .filteredOn(RawExtension.class::isInstance)
        .extracting(Extension::type)
        .allMatch(type -> Extensions.name(type).equals(String.valueOf(type)), "has no typed record");
  }
}
