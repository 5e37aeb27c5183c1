package io.tlsprobe.testing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One real client's ClientHello with tshark's reading of it: the bytes ({@code NAME.hex}), the flattened expected
 * values ({@code NAME.expect.json}) and tshark's full dissection ({@code NAME.tshark.json}). The format is described
 * in {@code src/test/resources/vectors/README.md}; {@link ClientHelloVectors} finds them.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("io.tlsprobe.testing.ClientHelloVectors#all")
 * void readsCipherSuitesLikeTshark(ClientHelloVector vector) {
 *   ClientHello hello = TlsDecoder.decode(vector.bytes()).clientHello().orElseThrow();
 *   assertThat(hello.cipherSuites()).extracting(CipherSuite::code).isEqualTo(vector.codePoints("cipher_suites"));
 * }
 * }</pre>
 */
public final class ClientHelloVector {

  private final String name;
  private final Path directory;
  private final String hex;
  private final JsonNode expected;
  private final JsonNode tsharkLayers;

  ClientHelloVector(String name, Path directory, String hex, JsonNode expected, JsonNode tsharkLayers) {
    this.name = requireNonNull(name, "name");
    this.directory = requireNonNull(directory, "directory");
    this.hex = requireNonNull(hex, "hex");
    this.expected = requireNonNull(expected, "expected");
    this.tsharkLayers = requireNonNull(tsharkLayers, "tsharkLayers");
  }

  /** The vector's name, such as {@code chromium_headless}: the file names without their extensions. */
  public String name() {
    return name;
  }

  /** The directory holding the vector's three files. */
  public Path directory() {
    return directory;
  }

  /** The captured bytes as lower-case hex: TLS record header(s) and the ClientHello handshake message. */
  public String hex() {
    return hex;
  }

  /** The captured bytes (a fresh copy on each call). */
  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  /**
   * A list of code points from {@code expect.json}, in wire order with GREASE kept: {@code cipher_suites},
   * {@code compression_methods}, {@code extensions}, {@code supported_groups}, {@code ec_point_formats},
   * {@code supported_versions}, {@code key_share_groups}, {@code psk_ke_modes}, {@code signature_algorithms}.
   *
   * @throws IllegalArgumentException when the vector has no such list (older vectors lack the last three keys;
   *     {@code signature_algorithms} is absent when the hello also sends {@code signature_algorithms_cert})
   */
  public List<Integer> codePoints(String key) {
    JsonNode list = list(key);
    List<Integer> result = new ArrayList<>();
    for (JsonNode value : list.values()) {
      result.add(value.asInt());
    }
    return List.copyOf(result);
  }

  /** Whether {@code expect.json} has {@code key}. */
  public boolean has(String key) {
    return expected.has(key);
  }

  /** {@code server_name}: the SNI host name, if the hello sent one. */
  public Optional<String> serverName() {
    String value = expected.path("server_name").asString("");
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** {@code alpn}: the offered application protocols, in order. */
  public List<String> alpn() {
    List<String> result = new ArrayList<>();
    for (JsonNode value : list("alpn").values()) {
      result.add(value.asString());
    }
    return List.copyOf(result);
  }

  /** {@code ja3}: tshark's full JA3 string (its {@code tls.handshake.ja3_full}). */
  public String ja3() {
    return expected.path("ja3").asString();
  }

  /** {@code ja3_hash}: tshark's JA3 MD5 (its {@code tls.handshake.ja3}). */
  public String ja3Hash() {
    return expected.path("ja3_hash").asString();
  }

  /**
   * One field of tshark's dissection, as tshark printed it (a list: some fields repeat, such as
   * {@code tls.record.length} for a hello that spans records). Empty when tshark did not print the field.
   */
  public List<String> tshark(String field) {
    List<String> result = new ArrayList<>();
    for (JsonNode value : tsharkLayers.path(field).values()) {
      result.add(value.asString());
    }
    return List.copyOf(result);
  }

  /** The names of every field tshark printed for this hello, in its order. */
  public List<String> tsharkFields() {
    return List.copyOf(tsharkLayers.propertyNames());
  }

  private JsonNode list(String key) {
    JsonNode list = expected.get(key);
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(name + ".expect.json has no list '" + key + "'");
    }
    return list;
  }

  /** The name: parameterized tests show it. */
  @Override
  public String toString() {
    return name;
  }
}
