package io.tlsprobe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the ClientHello vectors: ours, captured by {@code src/tools/vectors/capture.sh} into the test resources
 * ({@code /vectors}), and the shared ones in {@code ../shared/vectors} (see {@link Interop#sharedVectorsDir()}).
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("io.tlsprobe.testing.ClientHelloVectors#all")
 * void decodesEveryRealClientHello(ClientHelloVector vector) {
 *   assertThat(TlsDecoder.decode(vector.bytes()).clientHello()).isPresent();
 * }
 * }</pre>
 */
public final class ClientHelloVectors {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ClientHelloVectors() {}

  /** Our captured vectors, from the test resources directory {@code vectors}. */
  public static List<ClientHelloVector> captured() {
    return load(capturedDir());
  }

  /** The shared vectors; the calling test is skipped without them, or failed under TLSPROBE_INTEROP=required. */
  public static List<ClientHelloVector> shared() {
    return load(Interop.requireSharedVectors());
  }

  /**
   * Ours and, when present, the shared ones. Without {@code shared/vectors} this is only ours, except under
   * TLSPROBE_INTEROP=required, where their absence fails the test.
   */
  public static List<ClientHelloVector> all() {
    List<ClientHelloVector> all = new ArrayList<>(captured());
    Optional<Path> shared = Interop.sharedVectorsDir();
    if (shared.isPresent()) {
      all.addAll(load(shared.get()));
    } else if (Interop.isRequired()) {
      Interop.requireSharedVectors();
    }
    return List.copyOf(all);
  }

  /** One of our captured vectors by name, such as {@code chromium_headless}. */
  public static ClientHelloVector captured(String name) {
    return load(capturedDir(), name);
  }

  /** The directory of our captured vectors (a directory of the test class path). */
  public static Path capturedDir() {
    URL readme = ClientHelloVectors.class.getResource("/vectors/README.md");
    if (readme == null) {
      throw new IllegalStateException("test resource /vectors/README.md not found on the class path");
    }
    try {
      return Path.of(readme.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unexpected resource URL " + readme, e);
    }
  }

  /** Every vector in {@code directory}: one per {@code NAME.hex}, sorted by name. */
  public static List<ClientHelloVector> load(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(file -> file.endsWith(".hex"))
          .sorted()
          .map(file -> load(directory, file.substring(0, file.length() - ".hex".length())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /** The vector {@code name} in {@code directory}. */
  public static ClientHelloVector load(Path directory, String name) {
    String hex = read(directory.resolve(name + ".hex")).strip();
    JsonNode expected = JSON.readTree(read(directory.resolve(name + ".expect.json")));
    JsonNode dissection = JSON.readTree(read(directory.resolve(name + ".tshark.json")));
    if (!dissection.isArray() || dissection.size() != 1) {
      throw new IllegalStateException(name + ".tshark.json must hold exactly one dissected frame");
    }
    JsonNode layers = dissection.get(0).path("_source").path("layers");
    return new ClientHelloVector(name, directory, hex, expected, layers);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
