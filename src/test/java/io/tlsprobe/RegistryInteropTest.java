package io.tlsprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Holds the registries to what other tools on the machine say: testssl.sh's tables (Debian package {@code
 * testssl.sh}) and the local {@code openssl}. Skips when a tool is missing, and fails instead when the environment
 * sets {@code TLSPROBE_INTEROP=required}.
 */
class RegistryInteropTest {
  private static final Path TESTSSL_CIPHERS = Path.of("/etc/testssl/cipher-mapping.txt");
  private static final Path TESTSSL_CURVES = Path.of("/etc/testssl/curves-mapping.txt");

  @Test
  void listsEveryTlsSuiteOfTestsslWithTheSameOpenSslAndIanaNames() throws IOException {
    // given testssl.sh's cipher table, two-byte (TLS, not SSLv2) lines only
    requireAvailable(Files.isReadable(TESTSSL_CIPHERS), TESTSSL_CIPHERS + " (Debian package testssl.sh)");
    List<String[]> lines = new ArrayList<>();
    for (String line : Files.readAllLines(TESTSSL_CIPHERS, StandardCharsets.UTF_8)) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 4 && fields[0].matches("0x\\p{XDigit}{2},0x\\p{XDigit}{2}")) {
        lines.add(fields);
      }
    }
    assertThat(lines).as("two-byte lines in " + TESTSSL_CIPHERS).hasSizeGreaterThan(300);

    // when each line's code point is looked up, then it is listed under the same names
    SoftAssertions softly = new SoftAssertions();
    for (String[] fields : lines) {
      int code = Integer.parseInt(fields[0].replace("0x", "").replace(",", ""), 16);
      CipherSuite suite = CipherSuite.of(code);
      softly.assertThat(suite.isKnown()).as("%s is listed", fields[0]).isTrue();
      if (!fields[2].equals("-")) {
        softly.assertThat(suite.openSslName()).as("OpenSSL name of %s", fields[0]).contains(fields[2]);
        softly.assertThat(CipherSuite.byName(fields[2])).as("byName(%s)", fields[2]).contains(suite);
      }
      if (!fields[3].equals("-") && suite.isIanaAssigned()) {
        softly.assertThat(suite.name()).as("IANA name of %s", fields[0]).isEqualTo(fields[3]);
      }
      softly.assertThat(suite.sources()).as("sources of %s", fields[0]).contains("testssl");
    }
    softly.assertAll();
  }

  @Test
  void agreesWithEveryCipherTheLocalOpenSslKnows() throws Exception {
    // given the local OpenSSL's full cipher list with standard names
    List<String> output = run("openssl", "ciphers", "-V", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0");
    assertThat(output).as("openssl ciphers output").hasSizeGreaterThan(50);

    // when each line's code point is looked up, then IANA and OpenSSL names match the registry
    SoftAssertions softly = new SoftAssertions();
    for (String line : output) {
      // "0x13,0x02 - TLS_AES_256_GCM_SHA384 - TLS_AES_256_GCM_SHA384 TLSv1.3 Kx=any ..."
      String[] fields = line.trim().split("\\s+");
      int code = Integer.parseInt(fields[0].replace("0x", "").replace(",", ""), 16);
      CipherSuite suite = CipherSuite.of(code);
      softly.assertThat(suite.name()).as("standard name of %s", fields[0]).isEqualTo(fields[2]);
      softly.assertThat(suite.openSslName()).as("OpenSSL name of %s", fields[0]).contains(fields[4]);
      softly.assertThat(CipherSuite.byName(fields[4])).as("byName(%s)", fields[4]).contains(suite);
      softly
          .assertThat(suite.protocols())
          .as("%s is valid for the minimum version OpenSSL gives (%s)", suite, fields[5])
          .contains(TlsProtocol.fromJsseName(fields[5]).orElseThrow());
    }
    softly.assertAll();
  }

  @Test
  void namesEveryGroupOfTestsslAsIanaDoes() throws IOException {
    requireAvailable(Files.isReadable(TESTSSL_CURVES), TESTSSL_CURVES + " (Debian package testssl.sh)");
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (String line : Files.readAllLines(TESTSSL_CURVES, StandardCharsets.UTF_8)) {
      // "      0x00,0x17 -   secp256r1   secp256r1"
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 3 || !fields[0].matches("0x\\p{XDigit}{2},0x\\p{XDigit}{2}")) {
        continue;
      }
      int code = Integer.parseInt(fields[0].replace("0x", "").replace(",", ""), 16);
      if (code == 0) {
        continue; // testssl's "NULL" placeholder; IANA reserves 0
      }
      checked++;
      softly.assertThat(NamedGroup.of(code).name()).as("group %s", fields[0]).isEqualToIgnoringCase(fields[2]);
    }
    softly.assertAll();
    assertThat(checked).isGreaterThan(40);
  }

  private static List<String> run(String... command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(false).start();
    } catch (IOException e) {
      requireAvailable(false, command[0] + " (" + e.getMessage() + ")");
      throw e;
    }
    byte[] stdout = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 30 s");
    }
    assertThat(process.exitValue()).as(String.join(" ", command) + " exit code").isZero();
    return new String(stdout, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
  }

  /** Skips the test when a tool is missing, unless TLSPROBE_INTEROP=required, which makes it fail. */
  private static void requireAvailable(boolean available, String what) {
    if (available) {
      return;
    }
    String message = what + " is not available";
    if ("required".equals(System.getenv("TLSPROBE_INTEROP"))) {
      fail(message + ", and TLSPROBE_INTEROP=required");
    }
    Assumptions.abort(message + "; skipped (set TLSPROBE_INTEROP=required to fail instead)");
  }
}
