package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import io.tlsprobe.testing.SmtpFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

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
  void probeWithNoArgumentsProbesTheEmbeddedDemoServerAndExitsZero() {
    ProcessResult result = Interop.run(TIMEOUT, java, "-jar", JAR.toString(), "probe");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).contains("embedded demo server");
    assertThat(result.stdout()).contains("outcome: established").contains("protocol: TLSv1.3").contains("trusted: true");
  }

  @Test
  void probeJsonOfAClosedPortExitsThreeWithValidJson() {
    int closed = Interop.freeLoopbackPort();

    ProcessResult result =
        Interop.run(TIMEOUT, java, "-jar", JAR.toString(), "probe", "--json", "127.0.0.1:" + closed);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    JsonNode report = new ObjectMapper().readTree(result.stdout());
    assertThat(report.get("schema").asString()).isEqualTo("tlsprobe.report/1");
    assertThat(report.get("outcome").asString()).isEqualTo("transport_error");
    assertThat(report.get("endpoint").get("port").asInt()).isEqualTo(closed);
  }

  @Test
  void helpListsTheDecodeCommand() {
    ProcessResult result = Interop.run(TIMEOUT, java, "-jar", JAR.toString(), "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("decode").contains("probe, demo");
  }

  @Test
  void probeStartTlsSmtpAgainstAnInProcessFrontPrintsThePlainTextPhaseAsJson() throws Exception {
    try (SmtpFront front = SmtpFront.start()) {
      ProcessResult result = Interop.run(TIMEOUT, java, "-jar", JAR.toString(), "probe", "--json",
          front.host() + ":" + front.port(), "--starttls", "smtp", "--timeout", "10s");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      JsonNode report = new ObjectMapper().readTree(result.stdout());
      assertThat(report.get("outcome").asString()).isEqualTo("established");
      assertThat(report.get("endpoint").get("connection").asString()).isEqualTo("starttls:smtp");
      assertThat(report.get("plain_text_phase").get("greeting").asString()).isEqualTo(SmtpFront.GREETING);
      assertThat(report.get("plain_text_phase").get("upgraded").asBoolean()).isTrue();
      assertThat(report.get("plain_text_phase").get("injection").get("verdict").asString()).isEqualTo("not_vulnerable");
    }
  }

  @Test
  void probeWithAnUnknownStartTlsDialectExitsTwoListingTheDialects() {
    ProcessResult result = Interop.run(TIMEOUT, java, "-jar", JAR.toString(), "probe", "127.0.0.1:25",
        "--starttls", "smtps");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr().lines()).singleElement().asString().contains("smtp|lmtp|ftp|imap|pop3|nntp");
  }
}
