package io.tlsprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.Grease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectors are what they claim to be: each {@code .hex} is exactly one whole ClientHello, and its raw bytes agree
 * with tshark's dissection stored beside it, so a codec test that trusts {@code expect.json} trusts real bytes.
 * Runs on our captured vectors and, when present, the shared ones.
 */
class ClientHelloVectorsTest {

  private static final int HANDSHAKE = 22;
  private static final int CLIENT_HELLO = 1;
  private static final int SIGNATURE_ALGORITHMS_CERT = 50;

  static List<ClientHelloVector> vectors() {
    return ClientHelloVectors.all();
  }

  @Test
  void everyCapturedVectorHasItsThreeFilesAndARowInTheReadme() throws IOException {
    // given
    Path dir = ClientHelloVectors.capturedDir();
    Set<String> names = baseNames(dir, ".hex");

    // then
    assertThat(names).hasSizeGreaterThanOrEqualTo(10);
    assertThat(baseNames(dir, ".expect.json")).isEqualTo(names);
    assertThat(baseNames(dir, ".tshark.json")).isEqualTo(names);
    assertThat(readmeRows(dir.resolve("README.md"))).isEqualTo(names);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void holdsExactlyOneWholeClientHelloInHandshakeRecords(ClientHelloVector vector) {
    // given
    byte[] bytes = vector.bytes();

    // when
    byte[] handshake = recordPayloads(bytes);

    // then
    assertThat(vector.hex()).matches("[0-9a-f]+");
    assertThat(handshake[0]).as("handshake type").isEqualTo((byte) CLIENT_HELLO);
    int length = uint(handshake, 1, 3);
    assertThat(handshake.length).as("handshake bytes = 4 + declared length").isEqualTo(4 + length);
    assertThat(vector.tshark("tls.handshake.length")).containsExactly(Integer.toString(length));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void rawCipherSuitesAndExtensionsAgreeWithTshark(ClientHelloVector vector) {
    // given
    byte[] hello = recordPayloads(vector.bytes());

    // when: ClientHello { version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2> compression<1..2^8-1>
    //                     extensions<8..2^16-1> } after the 4-byte handshake header
    int at = 4 + 2 + 32;
    at += 1 + uint(hello, at, 1);
    List<Integer> suites = uint16List(hello, at + 2, uint(hello, at, 2));
    at += 2 + uint(hello, at, 2);
    List<Integer> compression = new ArrayList<>();
    for (int i = 0; i < uint(hello, at, 1); i++) {
      compression.add(uint(hello, at + 1 + i, 1));
    }
    at += 1 + uint(hello, at, 1);
    List<Integer> extensions = new ArrayList<>();
    int end = at + 2 + uint(hello, at, 2);
    for (int e = at + 2; e < end; e += 4 + uint(hello, e + 2, 2)) {
      extensions.add(uint(hello, e, 2));
    }

    // then
    assertThat(end).as("extensions end the message").isEqualTo(hello.length);
    assertThat(suites).isEqualTo(vector.codePoints("cipher_suites"));
    assertThat(compression).isEqualTo(vector.codePoints("compression_methods"));
    assertThat(extensions).isEqualTo(vector.codePoints("extensions"));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void ja3HashIsTheMd5OfTheJa3StringWithoutGrease(ClientHelloVector vector) throws NoSuchAlgorithmException {
    byte[] md5 = MessageDigest.getInstance("MD5").digest(vector.ja3().getBytes(StandardCharsets.US_ASCII));

    assertThat(HexFormat.of().formatHex(md5)).isEqualTo(vector.ja3Hash());
    String nonGreaseSuites =
        vector.codePoints("cipher_suites").stream()
            .filter(c -> !Grease.isGrease(c))
            .map(String::valueOf)
            .collect(Collectors.joining("-"));
    assertThat(vector.ja3().split(",", -1)[1]).isEqualTo(nonGreaseSuites);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void signatureAlgorithmsAreLeftOutExactlyWhenSignatureAlgorithmsCertIsSent(ClientHelloVector vector) {
    boolean sendsCertList = vector.codePoints("extensions").contains(SIGNATURE_ALGORITHMS_CERT);

    assertThat(vector.has("signature_algorithms")).isEqualTo(!sendsCertList);
  }

  @Test
  void chromiumOffersGreaseAndPostQuantumKeyShare() {
    ClientHelloVector chromium = ClientHelloVectors.captured("chromium_headless");

    assertThat(chromium.codePoints("cipher_suites").get(0)).matches(Grease::isGrease, "GREASE");
    assertThat(chromium.codePoints("extensions")).anyMatch(Grease::isGrease).contains(0xfe0d, 27);
    assertThat(chromium.codePoints("key_share_groups")).contains(0x11ec, 0x001d);
    assertThat(chromium.alpn()).containsExactly("h2", "http/1.1");
  }

  @Test
  void splitRecordsVectorSpansTwoRecords() {
    ClientHelloVector split = ClientHelloVectors.captured("openssl_split_records");

    assertThat(split.tshark("tls.record.length")).hasSize(2).first().isEqualTo("512");
    assertThat(split.serverName()).hasValueSatisfying(name -> assertThat(name).endsWith(".tlsprobe.test"));
  }

  @Test
  void legacyVectorIsATls10Hello() {
    byte[] bytes = ClientHelloVectors.captured("openssl_legacy_tls1").bytes();

    assertThat(uint(bytes, 1, 2)).as("record version").isEqualTo(0x0301);
    assertThat(uint(bytes, 5 + 4, 2)).as("client_version").isEqualTo(0x0301);
  }

  @Test
  void missingListIsReportedWithTheVectorAndKey() {
    ClientHelloVector java = ClientHelloVectors.captured("java17_sslsocket_default");

    assertThat(java.serverName()).isEmpty();
    assertThatThrownBy(() -> java.codePoints("signature_algorithms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java17_sslsocket_default.expect.json has no list 'signature_algorithms'");
  }

  /** The concatenated payloads of the leading handshake records, checking that each record is whole. */
  private static byte[] recordPayloads(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    int written = 0;
    int at = 0;
    while (at < bytes.length) {
      assertThat(bytes.length - at).as("record header at %d", at).isGreaterThanOrEqualTo(5);
      assertThat(bytes[at]).as("content type at %d", at).isEqualTo((byte) HANDSHAKE);
      int length = uint(bytes, at + 3, 2);
      assertThat(bytes.length - at - 5).as("record at %d is whole", at).isGreaterThanOrEqualTo(length);
      System.arraycopy(bytes, at + 5, out, written, length);
      written += length;
      at += 5 + length;
    }
    return java.util.Arrays.copyOf(out, written);
  }

  private static int uint(byte[] bytes, int offset, int width) {
    int value = 0;
    for (int i = 0; i < width; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xff);
    }
    return value;
  }

  private static List<Integer> uint16List(byte[] bytes, int offset, int length) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < length; i += 2) {
      values.add(uint(bytes, offset + i, 2));
    }
    return values;
  }

  private static Set<String> baseNames(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(suffix))
          .map(f -> f.substring(0, f.length() - suffix.length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> readmeRows(Path readme) throws IOException {
    Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9_]+)` \\|").matcher(Files.readString(readme));
    Set<String> names = new TreeSet<>();
    while (row.find()) {
      names.add(row.group(1));
    }
    return names;
  }
}
