package io.tlsprobe.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The shared ClientHello vectors captured from real clients (see /work/shared/vectors/README.md). */
final class Vectors {
  private Vectors() {}

  /** The vector directory, or null when it is not there. */
  static @Nullable Path directory() {
    Path relative = Path.of(System.getProperty("user.dir")).resolve("../shared/vectors").normalize();
    if (Files.isDirectory(relative)) {
      return relative;
    }
    Path fallback = Path.of("/work/shared/vectors");
    return Files.isDirectory(fallback) ? fallback : null;
  }

  private static Path existing() {
    Path dir = directory();
    if (dir == null) {
      throw new IllegalStateException("no vector directory");
    }
    return dir;
  }

  /** Vector names (file names without {@code .hex}). */
  static List<String> names() {
    Path dir = directory();
    if (dir == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".hex"))
          .map(n -> n.substring(0, n.length() - 4))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String name) {
    try {
      return HexFormat.of().parseHex(Files.readString(existing().resolve(name + ".hex")).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String expectJson(String name) {
    try {
      return Files.readString(existing().resolve(name + ".expect.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
