package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.ClientTrust;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.scan.ScanOptions;
import io.tlsprobe.scan.TlsScans;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslServer;
import io.tlsprobe.testing.TestCertificates;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ScanCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {
    JsonNode json() {
      return JSON.readTree(out);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream());
    return new Run(code, out.toString(), err.toString());
  }

  private static ScanOptions parse(String... args) {
    ScanCommand command = new ScanCommand();
    new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return command.options();
  }

  @Nested
  class Options {
    @Test
    void turnsTheCommandLineIntoScanOptions() {
      // when
      ScanOptions options = parse("mail.test:587", "--starttls", "smtp", "--timeout", "1500ms", "--max-parallel", "2");

      // then
      assertThat(options.host()).isEqualTo("mail.test");
      assertThat(options.port()).isEqualTo(587);
      assertThat(options.startTls()).isEqualTo(StartTls.SMTP);
      assertThat(options.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(options.maxParallel()).isEqualTo(2);
    }

    @Test
    void takesTheTrustStoreTheChainsAreVerifiedAgainst() {
      // when
      ScanOptions options = parse("localhost:8443", "--trust-store", "ca.jks", "--trust-store-type", "JKS",
          "--trust-store-password", "changeit");

      // then
      assertThat(options.trustStoreDescription()).isEqualTo("JKS ca.jks");
      assertThat(parse("localhost:8443").trustStoreDescription()).isEqualTo("JDK default trust store");
    }

    @Test
    void keepsTheScanDefaultsWhenNoOptionIsGiven() {
      // when
      ScanOptions options = parse("localhost");

      // then
      assertThat(options.port()).isEqualTo(443);
      assertThat(options.startTls()).isEqualTo(StartTls.NONE);
      assertThat(options.connectTimeout()).isEqualTo(ScanOptions.DEFAULT_CONNECT_TIMEOUT);
      assertThat(options.handshakeTimeout()).isEqualTo(ScanOptions.DEFAULT_HANDSHAKE_TIMEOUT);
      assertThat(options.maxParallel()).isEqualTo(ScanOptions.DEFAULT_MAX_PARALLEL);
      assertThat(options.protocols()).containsExactlyInAnyOrder(TlsProtocol.values());
    }
  }

  @Nested
  class Usage {
    @Test
    void rejectsAMissingTargetWithExitTwoAndOneLine() {
      Run run = run("scan");

      assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
      assertThat(run.err().strip()).startsWith("tlsprobe: Missing required parameter: 'HOST:PORT'")
          .endsWith("(see 'tlsprobe scan --help')").doesNotContain("\n");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void rejectsAMaxParallelOutOfRangeNamingTheOption() {
      Run run = run("scan", "127.0.0.1:1", "--max-parallel", "65");

      assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
      assertThat(run.err().strip()).isEqualTo("tlsprobe: --max-parallel 65 is not in 1-64 (see 'tlsprobe scan --help')");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void rejectsAnUnknownDialectListingTheKnownOnes() {
      Run run = run("scan", "127.0.0.1:1", "--starttls", "gopher");

      assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
      assertThat(run.err()).contains("unknown STARTTLS dialect 'gopher'").contains("smtp");
    }

    @Test
    void rejectsATimeoutThatIsNotADuration() {
      Run run = run("scan", "127.0.0.1:1", "--timeout", "soon");

      assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
      assertThat(run.err()).contains("timeout 'soon' is not a duration");
    }

    @Test
    void helpListsTheOptionsAndTheExitCodes() {
      Run run = run("scan", "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("HOST:PORT", "--starttls", "--timeout", "--max-parallel", "--json",
          "--trust-store",
          "Exit codes:", "unreachable");
    }
  }

  @Test
  void exitsThreeForAClosedPortSayingWhy() {
    // given
    int closed = Interop.freeLoopbackPort();

    // when
    Run run = run("scan", "127.0.0.1:" + closed, "--json", "--timeout", "2s");

    // then
    assertThat(run.exitCode()).isEqualTo(Main.UNREACHABLE);
    assertThat(run.err()).startsWith("tlsprobe: 127.0.0.1:" + closed + " unreachable: cannot connect to 127.0.0.1:"
        + closed);
    JsonNode scan = run.json();
    assertThat(scan.get("connections").asInt()).isZero();
    assertThat(scan.get("complete").asBoolean()).isFalse();
    assertThat(scan.get("partial_reason").asString()).startsWith("cannot connect to 127.0.0.1:" + closed);
  }

  @Test
  void printsTheSameVersionsAndSuitesAsTheScanOfARealOpensslServer(@TempDir Path dir) {
    // given: TLS 1.2 and 1.3, server order, a short TLS 1.2 list in a chosen order
    HeldCertificate cert = TestCertificates.localhost();
    Path certFile = cert.writeCertificatePem(dir.resolve("cert.pem"));
    Path keyFile = cert.writePrivateKeyPem(dir.resolve("key.pem"));
    try (OpensslServer server = OpensslServer.www(dir, certFile, keyFile, "-min_protocol", "TLSv1.2",
        "-serverpref", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256:"
            + "ECDHE-ECDSA-CHACHA20-POLY1305")) {
      ServerProfile expected = TlsScans.scan("127.0.0.1", server.port());

      // when
      Run run = run("scan", "127.0.0.1:" + server.port(), "--json", "--max-parallel", "3");

      // then
      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode scan = run.json();
      assertThat(scan.get("schema").asString()).isEqualTo("tlsprobe.scan/1");
      assertThat(scan.get("target").get("host").asString()).isEqualTo("127.0.0.1");
      assertThat(scan.get("target").get("port").asInt()).isEqualTo(server.port());
      assertThat(scan.get("target").get("connection").asString()).isEqualTo("direct");
      assertThat(scan.get("complete").asBoolean()).as(run.out()).isTrue();
      assertThat(scan.get("partial_reason").isNull()).isTrue();
      assertThat(scan.get("connections").asInt()).isPositive();
      assertThat(acceptedVersions(scan)).isEqualTo(expected.acceptedProtocols().stream()
          .map(TlsProtocol::jsseName).toList()).containsExactly("TLSv1.2", "TLSv1.3");
      for (JsonNode p : scan.get("protocols")) {
        TlsProtocol version = TlsProtocol.values()[indexOf(p.get("version").asString())];
        assertThat(strings(p.get("cipher_suites"))).as(p.toString())
            .isEqualTo(expected.cipherSuites(version).stream().map(CipherSuite::name).toList());
        assertThat(p.get("server_order").asBoolean()).as(p.toString())
            .isEqualTo(expected.enforcesServerOrder(version));
      }
      assertThat(strings(scan.get("protocols").get(indexOf("TLSv1.2")).get("cipher_suites"))).containsExactly(
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
      assertThat(strings(scan.get("groups"))).containsExactlyInAnyOrderElementsOf(
          expected.groups().stream().map(NamedGroup::name).toList()).contains("x25519");
      assertThat(scan.get("dh_prime_bits").isNull()).isTrue();
      assertThat(scan.get("protocols").findValuesAsString("version"))
          .containsExactly("SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
      expected.features().byName().forEach((name, finding) -> assertThat(scan.get(name).get("support").asString())
          .as(name).isEqualTo(finding.support().name().toLowerCase(java.util.Locale.ROOT)));
      assertThat(scan.get("secure_renegotiation").get("evidence").asString())
          .isEqualTo("renegotiation_info in the TLSv1.2 ServerHello");
    }
  }

  @Test
  void printsTheFeaturesTableWithTheirEvidence(@TempDir Path dir) {
    // given: TLS 1.2 and 1.3 with ALPN
    HeldCertificate cert = TestCertificates.localhost();
    Path certFile = cert.writeCertificatePem(dir.resolve("cert.pem"));
    Path keyFile = cert.writePrivateKeyPem(dir.resolve("key.pem"));
    try (OpensslServer server = OpensslServer.www(dir, certFile, keyFile, "-min_protocol", "TLSv1.2", "-alpn",
        "h2,http/1.1")) {
      // when
      Run run = run("scan", "127.0.0.1:" + server.port());

      // then
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("  features:\n")
          .contains("    secure_renegotiation   yes            renegotiation_info in the TLSv1.2 ServerHello\n")
          .contains("    fallback_scsv          yes            alert inappropriate_fallback to a TLSv1.2 hello")
          .contains("    application protocols  h2, http/1.1\n");
    }
  }

  @Test
  void printsTheProfileTableWithoutJson(@TempDir Path dir) {
    // given
    HeldCertificate cert = TestCertificates.localhost();
    Path certFile = cert.writeCertificatePem(dir.resolve("cert.pem"));
    Path keyFile = cert.writePrivateKeyPem(dir.resolve("key.pem"));
    try (OpensslServer server = OpensslServer.www(dir, certFile, keyFile, "-tls1_3")) {
      // when
      Run run = run("scan", "127.0.0.1:" + server.port());

      // then
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).startsWith("127.0.0.1:" + server.port())
          .contains("TLS 1.2: not accepted").contains("TLS 1.3: accepted, 3 cipher suites")
          .contains("TLS_AES_128_GCM_SHA256").containsPattern("\\d+ connections, \\d+ ms");
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void printsOneLinePerCertificateChainAndItsVerdictAgainstTheGivenTrustStore(@TempDir Path dir) {
    // given: a TLS 1.2 server with a self-signed EC leaf, trusted through --trust-store
    HeldCertificate cert = TestCertificates.localhost();
    Path certFile = cert.writeCertificatePem(dir.resolve("cert.pem"));
    Path keyFile = cert.writePrivateKeyPem(dir.resolve("key.pem"));
    Path trust = ClientTrust.of(cert.certificate()).writePkcs12(dir.resolve("trust.p12"));
    try (OpensslServer server = OpensslServer.www(dir, certFile, keyFile, "-tls1_2")) {
      String target = "127.0.0.1:" + server.port();

      // when
      Run table = run("scan", target, "--trust-store", trust.toString(), "--trust-store-password", "changeit");
      Run untrusted = run("scan", target, "--json");

      // then
      assertThat(table.exitCode()).as(table.err()).isZero();
      assertThat(table.out()).contains("  certificate CN=localhost (EC 256 secp256r1, until "
          + cert.certificate().getNotAfter().toInstant() + "), chain of 1, TLS 1.2: trusted\n");
      JsonNode chain = untrusted.json().get("certificates").get(0);
      assertThat(chain.get("key_type").asString()).isEqualTo("EC");
      assertThat(chain.get("trusted").asBoolean()).isFalse();
      assertThat(chain.get("problems").get(0).get("kind").asString()).isEqualTo("self_signed");
      assertThat(chain.get("trust_store").asString()).isEqualTo("JDK default trust store");
      assertThat(chain.get("chain").get(0).get("subject").asString()).isEqualTo("CN=localhost");
    }
  }

  /** The index of the version named {@code jsseName} in {@link TlsProtocol#values()}, which the JSON lists in order. */
  private static int indexOf(String jsseName) {
    TlsProtocol[] all = TlsProtocol.values();
    for (int i = 0; i < all.length; i++) {
      if (all[i].jsseName().equals(jsseName) || (all[i] == TlsProtocol.SSLv2 && jsseName.equals("SSLv2"))) {
        return i;
      }
    }
    throw new AssertionError("no version " + jsseName);
  }

  private static List<String> acceptedVersions(JsonNode scan) {
    List<String> accepted = new ArrayList<>();
    for (JsonNode p : scan.get("protocols")) {
      if (p.get("accepted").asBoolean()) {
        accepted.add(p.get("version").asString());
      }
    }
    return accepted;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asString()));
    return values;
  }
}
