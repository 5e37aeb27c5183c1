package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class DecodeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {}

  static Run run(InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), stdin);
    return new Run(code, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  static String sampleHex() throws IOException {
    try (InputStream in = DecodeCommand.class.getResourceAsStream(DecodeCommand.SAMPLE_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
  }

  @Test
  void decodesTheEmbeddedSampleWhenNoFileIsGivenAndSaysSo() {
    Run run = run("decode");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("no FILE given").contains("embedded sample");
    assertThat(run.out())
        .contains("client_hello")
        .contains("0x1302 TLS_AES_256_GCM_SHA384")
        .contains("server_name: localhost")
        .contains("ja3_hash: 0149f47eabf9a20d0893e2a44e5a6323");
  }

  @Test
  void jsonCarriesTheSchemaAndCodePointsWithTheirNamesAlongside() {
    Run run = run("decode", "--json");

    JsonNode root = JSON.readTree(run.out());
    assertThat(root.get("schema").asString()).isEqualTo("tlsprobe.decode/1");
    JsonNode hello = root.get("messages").get(0);
    assertThat(hello.get("type").asString()).isEqualTo("client_hello");
    assertThat(hello.get("cipher_suites").get(0).asInt()).isEqualTo(0x1302);
    assertThat(hello.get("cipher_suite_names").get(0).asString()).isEqualTo("TLS_AES_256_GCM_SHA384");
    assertThat(hello.get("extensions").size()).isEqualTo(hello.get("extension_names").size());
    assertThat(hello.get("supported_versions").get(0).asInt()).isEqualTo(0x0304);
    assertThat(hello.get("supported_version_names").get(0).asString()).isEqualTo("TLS 1.3");
    assertThat(hello.get("alpn").get(0).asString()).isEqualTo("h2");
    assertThat(hello.get("ja4").asString()).matches("t13d\\d{4}h2_[0-9a-f]{12}_[0-9a-f]{12}");
    assertThat(root.get("records").get(0).get("content_type_name").asString()).isEqualTo("handshake");
  }

  @Test
  void readsHexFromStandardInputWithDash() throws IOException {
    Run run = run(new ByteArrayInputStream(sampleHex().getBytes(StandardCharsets.US_ASCII)), "decode", "-");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("client_hello");
  }

  @Test
  void readsBinaryFilesAndHexWithColonsAndPrefixesAlike(@TempDir Path dir) throws IOException {
    byte[] bytes = HexFormat.of().parseHex(sampleHex());
    Path binary = Files.write(dir.resolve("hello.bin"), bytes);
    Path colons = Files.writeString(dir.resolve("hello.txt"),
        "# captured\n" + HexFormat.ofDelimiter(":").formatHex(bytes) + "\n");
    Path prefixed = Files.writeString(dir.resolve("hello.0x"),
        HexFormat.ofDelimiter(" ").withPrefix("0x").formatHex(bytes));

    Run fromBinary = run("decode", binary.toString());
    Run fromColons = run("decode", colons.toString());
    Run fromPrefixed = run("decode", prefixed.toString());

    assertThat(fromBinary.exitCode()).isZero();
    assertThat(fromColons.out()).isEqualTo(fromBinary.out().replace(binary.toString(), colons.toString()));
    assertThat(fromPrefixed.out()).isEqualTo(fromBinary.out().replace(binary.toString(), prefixed.toString()));
  }

  @Nested
  class Failures {
    @Test
    void truncatedHelloExitsTwoWithOneLineNamingFieldAndOffset(@TempDir Path dir) throws IOException {
      String hex = sampleHex();
      Path truncated = Files.writeString(dir.resolve("t.hex"), hex.substring(0, 200));

      Run run = run("decode", truncated.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).singleElement().asString()
          .startsWith("tlsprobe: cannot decode: ")
          .contains("offset")
          .doesNotContain("Exception");
    }

    @Test
    void cipherSuiteListWithOddLengthNamesTheFieldAndItsOffset(@TempDir Path dir) throws IOException {
      // record(5) + handshake header(4) + version(2) + random(32) + session id length(1) + 32 => offset 76
      byte[] bytes = HexFormat.of().parseHex(sampleHex());
      bytes[76] = 0x00;
      bytes[77] = 0x3d; // 61: odd
      Path odd = Files.write(dir.resolve("odd.bin"), bytes);

      Run run = run("decode", "--format", "binary", odd.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("cipher_suites").contains("offset 76");
    }

    @Test
    void missingFileExitsTwoWithOneLine() {
      Run run = run("decode", "/nonexistent/hello.hex");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().lines()).singleElement().asString()
          .isEqualTo("tlsprobe: input: no such file: /nonexistent/hello.hex");
    }

    @Test
    void oddNumberOfHexDigitsExitsTwo(@TempDir Path dir) throws IOException {
      Path odd = Files.writeString(dir.resolve("odd.hex"), "16030");

      Run run = run("decode", "--format", "hex", odd.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).isEqualTo("tlsprobe: input: odd number of hex digits (5)" + System.lineSeparator());
    }

    @Test
    void emptyInputExitsTwo() {
      Run run = run(InputStream.nullInputStream(), "decode", "-");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("holds no bytes");
    }

    @Test
    void unknownOptionExitsTwoWithUsage() {
      Run run = run("decode", "--nope");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("Unknown option: '--nope'");
    }
  }
}
