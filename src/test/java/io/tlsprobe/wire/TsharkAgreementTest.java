package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.ClientHelloVector;
import io.tlsprobe.testing.ClientHelloVectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field tshark printed for every captured ClientHello (../shared/vectors and our own
 * src/test/resources/vectors) must equal what our codec reads from the same bytes. A tshark field this test does
 * not know fails it, so no field is silently skipped.
 */
class TsharkAgreementTest {
  /** Frame and TCP facts that are not in the TLS bytes. */
  private static final Set<String> NOT_TLS = Set.of("frame.number", "tcp.srcport");

  private static final AtomicInteger VECTORS = new AtomicInteger();
  private static final AtomicInteger FIELDS = new AtomicInteger();
  private static final AtomicInteger VALUES = new AtomicInteger();

  static Stream<ClientHelloVector> vectors() {
    return ClientHelloVectors.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyTsharkFieldEqualsWhatTheCodecReads(ClientHelloVector vector) {
    Decoded decoded = TlsDecoder.decode(vector.bytes());
    ClientHello hello = decoded.clientHello().orElseThrow();
    Map<String, List<String>> ours = ourFields(vector, decoded, hello);

    List<String> compared = new ArrayList<>();
    for (String field : vector.tsharkFields()) {
      if (NOT_TLS.contains(field)) {
        continue;
      }
      assertThat(ours).as("tshark field %s is not compared by this test: teach it", field).containsKey(field);
      List<String> expected = vector.tshark(field).stream().map(TsharkAgreementTest::normalize).toList();
      assertThat(ours.get(field)).as("%s in %s", field, vector.name()).isEqualTo(expected);
      compared.add(field);
      VALUES.addAndGet(expected.size());
    }
    assertThat(compared).as("fields compared").hasSizeGreaterThanOrEqualTo(15);
    VECTORS.incrementAndGet();
    FIELDS.addAndGet(compared.size());
  }

  @AfterAll
  static void summary() {
    System.out.printf("tshark agreement: %d vectors, %d fields, %d values compared%n",
        VECTORS.get(), FIELDS.get(), VALUES.get());
  }

  private static Map<String, List<String>> ourFields(ClientHelloVector vector, Decoded decoded, ClientHello hello) {
    Map<String, List<String>> f = new LinkedHashMap<>();
    byte[] handshake = hello.encode();
    f.put("tcp.len", dec(vector.bytes().length));
    f.put("tls.record.version", decoded.records().stream().map(r -> hex(r.version())).toList());
    f.put("tls.record.length", decoded.records().stream().map(r -> String.valueOf(r.fragment().length())).toList());
    f.put("tls.handshake.type", dec(hello.type()));
    f.put("tls.handshake.length", dec(handshake.length - 4));
    f.put("tls.handshake.version", List.of(hex(hello.legacyVersion())));
    f.put("tls.handshake.random", List.of(hello.random().toHex()));
    f.put("tls.handshake.session_id_length", dec(hello.sessionId().length()));
    f.put("tls.handshake.session_id", hello.sessionId().isEmpty() ? List.of() : List.of(hello.sessionId().toHex()));
    f.put("tls.handshake.cipher_suites_length", dec(2 * hello.cipherSuites().size()));
    f.put("tls.handshake.ciphersuite", map(hello.cipherSuites(), TsharkAgreementTest::hex));
    f.put("tls.handshake.comp_methods_length", dec(hello.compressionMethods().size()));
    f.put("tls.handshake.comp_method", map(hello.compressionMethods(), String::valueOf));
    f.put("tls.handshake.extensions_length", hello.hasExtensionsBlock()
        ? dec(hello.extensions().stream().mapToInt(e -> 4 + e.encodeData().length).sum())
        : List.of());
    f.put("tls.handshake.extension.type", map(hello.extensionTypes(), String::valueOf));
    f.put("tls.handshake.extension.len",
        hello.extensions().stream().map(e -> String.valueOf(e.encodeData().length)).toList());
    f.put("tls.handshake.extensions_server_name", hello.serverName().map(List::of).orElse(List.of()));
    f.put("tls.handshake.extensions_supported_group", map(hello.supportedGroups(), TsharkAgreementTest::hex));
    f.put("tls.handshake.extensions_ec_point_format", map(hello.ecPointFormats(), String::valueOf));
    f.put("tls.handshake.sig_hash_alg", sigHashAlgs(hello));
    f.put("tls.handshake.extensions.supported_version", map(hello.supportedVersions(), TsharkAgreementTest::hex));
    f.put("tls.handshake.extensions_alpn_str", hello.alpn());
    f.put("tls.handshake.extensions_key_share_group", map(
        hello.extension(KeyShareExtension.class).map(KeyShareExtension::groups).orElse(List.of()), String::valueOf));
    f.put("tls.extension.psk_ke_mode", map(
        hello.extension(PskKeyExchangeModesExtension.class).map(PskKeyExchangeModesExtension::modes)
            .orElse(List.of()), String::valueOf));
    f.put("tls.handshake.extensions_status_request_type", statusRequestTypes(hello));
    f.put("tls.compress_certificate.algorithm", map(
        hello.extension(CompressCertificateExtension.class).map(CompressCertificateExtension::algorithms)
            .orElse(List.of()), String::valueOf));
    Ja3 ja3 = Ja3.of(hello);
    f.put("tls.handshake.ja3_full", List.of(ja3.string()));
    f.put("tls.handshake.ja3", List.of(ja3.hash()));
    return f;
  }

  /** tshark prints the status types of status_request and status_request_v2 into one field, in extension order. */
  private static List<String> statusRequestTypes(ClientHello hello) {
    List<String> out = new ArrayList<>();
    for (Extension e : hello.extensions()) {
      if (e instanceof StatusRequestExtension v1 && v1.request().isPresent()) {
        out.add(String.valueOf(StatusRequestExtension.OCSP));
      } else if (e instanceof StatusRequestV2Extension v2) {
        v2.statusTypes().forEach(t -> out.add(String.valueOf(t)));
      }
    }
    return out;
  }

  /** tshark prints signature_algorithms and signature_algorithms_cert into one field, in extension order. */
  private static List<String> sigHashAlgs(ClientHello hello) {
    List<String> out = new ArrayList<>();
    for (Extension e : hello.extensions()) {
      if (e instanceof SignatureAlgorithmsExtension sigs) {
        sigs.schemes().forEach(s -> out.add(hex(s)));
      }
    }
    return out;
  }

  private static List<String> map(List<Integer> values, Function<Integer, String> format) {
    return values.stream().map(format).toList();
  }

  private static List<String> dec(int value) {
    return List.of(String.valueOf(value));
  }

  private static String hex(int value) {
    return String.format("0x%04x", value);
  }

  /** tshark writes hex in lower case with 0x; keep its decimal as is. */
  private static String normalize(String tshark) {
    return tshark.startsWith("0x") ? tshark.toLowerCase(java.util.Locale.ROOT) : tshark;
  }
}
