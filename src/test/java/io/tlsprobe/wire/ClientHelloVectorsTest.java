package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Decodes every ClientHello captured from a real client in the shared vectors and compares with tshark's
 * dissection ({@code NAME.expect.json}).
 */
class ClientHelloVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> decodesEveryVectorLikeTshark() {
    List<String> names = Vectors.names();
    Assumptions.assumeTrue(!names.isEmpty(), "no vectors in ../shared/vectors or /work/shared/vectors");
    return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> matchesTshark(name)));
  }

  @TestFactory
  Stream<DynamicTest> reEncodesEveryVectorByteForByte() {
    List<String> names = Vectors.names();
    Assumptions.assumeTrue(!names.isEmpty(), "no vectors");
    return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      // given
      byte[] input = Vectors.bytes(name);
      // when
      Decoded decoded = TlsDecoder.decode(input);
      ByteArrayOutputStream records = new ByteArrayOutputStream();
      ByteArrayOutputStream handshake = new ByteArrayOutputStream();
      for (TlsRecord r : decoded.records()) {
        records.writeBytes(r.encode());
        handshake.writeBytes(r.fragment().toArray());
      }
      // then
      assertThat(records.toByteArray()).isEqualTo(input);
      assertThat(decoded.clientHello().orElseThrow().encode()).isEqualTo(handshake.toByteArray());
      assertThat(TlsDecoder.decode(TlsRecord.wrapHandshake(decoded.clientHello().orElseThrow().encode(),
          decoded.records().get(0).version())).clientHello()).isEqualTo(decoded.clientHello());
    }));
  }

  @TestFactory
  Stream<DynamicTest> readsEveryExtensionOfTheVectorsThatHasATypedRecordAsTyped() {
    List<String> names = Vectors.names();
    Assumptions.assumeTrue(!names.isEmpty(), "no vectors");
    // status_request_v2 (17) has no typed record; GREASE types never do
    return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      ClientHello hello = TlsDecoder.decode(Vectors.bytes(name)).clientHello().orElseThrow();
      assertThat(hello.extensions())
          .filteredOn(RawExtension.class::isInstance)
          .extracting(Extension::type)
          .allMatch(type -> type == ExtensionTypes.STATUS_REQUEST_V2 || io.tlsprobe.Grease.isGrease(type));
    }));
  }

  private static void matchesTshark(String name) throws Exception {
    // given
    JsonNode expect = JSON.readTree(Vectors.expectJson(name));
    // when
    ClientHello hello = TlsDecoder.decode(Vectors.bytes(name)).clientHello().orElseThrow();
    // then
    assertThat(hello.cipherSuites()).as("cipher_suites").isEqualTo(ints(expect.get("cipher_suites")));
    assertThat(hello.compressionMethods()).as("compression_methods")
        .isEqualTo(ints(expect.get("compression_methods")));
    assertThat(hello.extensionTypes()).as("extensions").isEqualTo(ints(expect.get("extensions")));
    assertThat(hello.supportedGroups()).as("supported_groups").isEqualTo(ints(expect.get("supported_groups")));
    assertThat(hello.ecPointFormats()).as("ec_point_formats").isEqualTo(ints(expect.get("ec_point_formats")));
    assertThat(hello.supportedVersions()).as("supported_versions")
        .isEqualTo(ints(expect.get("supported_versions")));
    assertThat(hello.serverName().orElse("")).as("server_name").isEqualTo(expect.get("server_name").asString());
    assertThat(hello.alpn()).as("alpn").isEqualTo(strings(expect.get("alpn")));
    if (expect.has("signature_algorithms")) {
      assertThat(hello.signatureAlgorithms()).as("signature_algorithms")
          .isEqualTo(ints(expect.get("signature_algorithms")));
    }
    Ja3 ja3 = Ja3.of(hello);
    assertThat(ja3.string()).as("ja3").isEqualTo(expect.get("ja3").asString());
    assertThat(ja3.hash()).as("ja3_hash").isEqualTo(expect.get("ja3_hash").asString());
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
