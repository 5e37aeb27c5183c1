package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code java -jar target/tlsprobe-cli.jar capture} as a process, with curl as its client (Failsafe runs this after
 * {@code package}).
 */
class CaptureJarIT {
  private static final Path JAR = Path.of("target", "tlsprobe-cli.jar");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static String java;

  @TempDir Path dir;

  @BeforeAll
  static void findJava() {
    assertThat(JAR).as("mvn package builds the CLI jar").isRegularFile();
    java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code capture args…} with its standard output and error in files of {@link #dir}. */
  private final class Capture implements AutoCloseable {
    final Path out = dir.resolve("capture.out");
    final Path err = dir.resolve("capture.err");
    final Process process;

    Capture(String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString(), "capture"));
      command.addAll(List.of(args));
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    int awaitPort() throws Exception {
      long end = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < end && process.isAlive()) {
        Matcher m = CaptureRun.LISTENING.matcher(err());
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no banner from the jar; stderr: " + err());
    }

    int awaitExit() throws Exception {
      assertThat(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("exited; stderr: %s", err()).isTrue();
      return process.exitValue();
    }

    String out() throws Exception {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws Exception {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private static ProcessResult curl(Path ca, int port) {
    return Interop.run(WAIT, Interop.requireCommand("curl").toString(), "-sS", "-v", "--cacert", ca.toString(),
        "--resolve", "localhost:" + port + ":127.0.0.1", "https://localhost:" + port + "/");
  }

  @Test
  void captureCountOneJsonPrintsCurlsReportAsOneLineAndExitsZero() throws Exception {
    // given
    Interop.requireCommand("curl");
    Path ca = dir.resolve("ca.pem");
    try (Capture capture = new Capture("--count", "1", "--json", "--trust-out", ca.toString())) {
      int port = capture.awaitPort();

      // when
      ProcessResult curl = curl(ca, port);
      int exit = capture.awaitExit();

      // then
      assertThat(curl.exitCode()).as(curl.toString()).isZero();
      assertThat(exit).as(capture.err()).isZero();
      List<String> lines = capture.out().lines().toList();
      assertThat(lines).as(capture.out()).hasSize(1);
      JsonNode report = new ObjectMapper().readTree(lines.get(0));
      Matcher using = Pattern.compile("SSL connection using (\\S+) / (\\S+)").matcher(curl.stderr());
      assertThat(using.find()).as(curl.stderr()).isTrue();
      assertThat(report.get("schema").asString()).isEqualTo("tlsprobe.report/1");
      assertThat(report.get("outcome").asString()).isEqualTo("established");
      assertThat(report.get("protocol").asString()).isEqualTo(using.group(1));
      assertThat(report.get("client_hello").get("server_name").asString()).isEqualTo("localhost");
      assertThat(report.get("client_hello").get("ja3_hash").asString()).matches("[0-9a-f]{32}");
      assertThat(capture.err()).contains("captured 1 connection (1 established)");
    }
  }

  @Test
  void sigtermStopsAnEndlessCaptureCleanlyWithExitZero() throws Exception {
    // given an endless capture that has served curl once
    Interop.requireCommand("curl");
    try (Capture capture = new Capture()) {
      int port = capture.awaitPort();
      Matcher trust = Pattern.compile("; trust (\\S+) \\(deleted on exit").matcher(capture.err());
      assertThat(trust.find()).as(capture.err()).isTrue();
      Path temporary = Path.of(trust.group(1));
      ProcessResult curl = curl(temporary, port);
      assertThat(curl.exitCode()).as(curl.toString()).isZero();

      // when SIGTERM comes
      capture.process.destroy();
      int exit = capture.awaitExit();

      // then
      assertThat(exit).as(capture.err()).isZero();
      assertThat(capture.out()).startsWith("connection 1:\n  client: 127.0.0.1:").contains("outcome: established");
      assertThat(capture.err()).contains("captured 1 connection (1 established), stopped by a signal; server closed");
      assertThat(temporary).as("the temporary trust file is deleted").doesNotExist();
    }
  }
}
