package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code target/tlsprobe-cli.jar} as a user would (Failsafe runs this after {@code package}).
 */
class CliJarIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Path JAR = Path.of("target", "tlsprobe-cli.jar");
  private static String java;

  @BeforeAll
  static void findJava() {
    assertThat(JAR).as("mvn package builds the CLI jar").isRegularFile();
    java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void decodeWithNoArgumentsDecodesTheEmbeddedSample() {
    ProcessResult result = Interop.run(TIMEOUT, java, "-jar", JAR.toString(), "decode");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("client_hello").contains("TLS_AES_256_GCM_SHA384");
  }

  @Test
  void decodeJsonOfACapturedVectorCarriesTheSchema() {
    Path vector = Path.of("src", "test", "resources", "vectors", "chromium_headless.hex");

    ProcessResult result = Interop.run(TIMEOUT, java, "-jar", JAR.toString(), "decode", "--json", vector.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("\"schema\" : \"tlsprobe.decode/1\"").contains("\"type\" : \"client_hello\"");
  }

  @Test
  void badInputExitsTwoWithOneLineAndNoStackTrace(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.hex"), "16030100ff0100");

    ProcessResult result = Interop.run(TIMEOUT, java, "-jar", JAR.toString(), "decode", bad.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr().lines()).singleElement().asString().contains("offset").doesNotContain("\tat ");
  }

  @Test
  void helpListsTheDecodeCommand() {
    ProcessResult result = Interop.run(TIMEOUT, java, "-jar", JAR.toString(), "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("decode");
  }
}
