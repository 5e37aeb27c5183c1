package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.Certificates.KeyType;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.JsseTestServer;
import io.tlsprobe.testing.ProcessResult;
import io.tlsprobe.testing.TestCertificates;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ProbeCommandTest {
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

  private static String sha256(HeldCertificate certificate) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded()));
  }

  private static boolean demoThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(DemoServer.THREAD_NAME) && t.isAlive());
  }

  @Nested
  class EmbeddedDemo {
    @Test
    void probesTheEmbeddedDemoServerWhenNoTargetIsGivenAndSaysSoOnStandardError() {
      // when
      Run run = run("probe");

      // then
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("probing an embedded demo server on 127.0.0.1:");
      assertThat(run.out())
          .contains("outcome: established")
          .contains("protocol: TLSv1.3")
          .containsPattern("cipher_suite: 0x130[123] TLS_AES_(128_GCM_SHA256|256_GCM_SHA384|CHACHA20_POLY1305_SHA256)")
          .containsPattern("secret_bits: (128|256)")
          .contains("forward_secrecy: true")
          .contains("subject: CN=localhost,O=tlsprobe demo")
          .contains("issuer: CN=tlsprobe demo CA,O=tlsprobe")
          .contains("subject_alternative_names: [DNS:localhost, IP:127.0.0.1]")
          .contains("trusted: true");
      assertThat(demoThreadAlive()).as("the demo server's thread has ended").isFalse();
    }

    @Test
    void demoAliasPrintsTheJsonReportOfTheDemoServerWithItsCertificateLeafFirst() {
      // when
      Run run = run("demo", "--json");

      // then
      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode report = run.json();
      assertThat(report.get("schema").asString()).isEqualTo("tlsprobe.report/1");
      assertThat(report.get("outcome").asString()).isEqualTo("established");
      assertThat(report.get("protocol").asString()).isEqualTo("TLSv1.3");
      assertThat(CipherSuite.byName(report.get("cipher_suite").asString())).isPresent();
      assertThat(report.get("certificates").get(0).get("subject").asString()).isEqualTo("CN=localhost,O=tlsprobe demo");
      assertThat(report.get("certificates").get(0).get("certificate_authority").asBoolean()).isFalse();
      assertThat(report.get("verification").get("trusted").asBoolean()).isTrue();
      assertThat(report.get("verification").get("problems").size()).isZero();
    }

    @Test
    void appliesTheCommandLineOptionsToTheDemoProbe() {
      // when
      Run run = run("probe", "--json", "--protocols", "TLSv1.2", "--alpn", "h2,http/1.1", "--sni", "demo.test");

      // then
      JsonNode report = run.json();
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(report.get("protocol").asString()).isEqualTo("TLSv1.2");
      assertThat(report.get("alpn").asString()).as("the demo server speaks HTTP/1.1").isEqualTo("http/1.1");
      assertThat(report.get("endpoint").get("sni").asString()).isEqualTo("demo.test");
      assertThat(report.get("client_hello").get("alpn").get(0).asString()).isEqualTo("h2");
    }
  }

  @Nested
  class InProcessJsseServer {
    private final HeldCertificate ca = Certificates.certificate().subject("CN=CLI Test CA").ca().build();
    private final HeldCertificate leaf = Certificates.certificate()
        .subject("CN=localhost").dns("localhost").ip("127.0.0.1").issuedBy(ca).build();

    @Test
    void certificateIsTrustedWithTheIssuingCaInATrustStoreFile(@TempDir Path dir) throws Exception {
      // given
      Path trustStore = dir.resolve("trust.p12");
      try (OutputStream out = Files.newOutputStream(trustStore)) {
        KeyStore store = Certificates.trustStore(ca.certificate());
        store.store(out, "secret".toCharArray());
      }

      try (JsseTestServer server = JsseTestServer.builder(leaf).protocols("TLSv1.3").start()) {
        // when
        Run run = run("probe", "127.0.0.1:" + server.port(), "--trust-store", trustStore.toString(),
            "--trust-store-password", "secret", "--timeout", "5s");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
            .contains("endpoint: 127.0.0.1:" + server.port() + " (direct)")
            .contains("protocol: TLSv1.3")
            .contains("trusted: true")
            .contains("trust_store: PKCS12 " + trustStore)
            .contains("sha256_fingerprint: " + sha256(leaf));
        assertThat(server.handshakes()).isEqualTo(1);
      }
    }

    @Test
    void certificateOfAnUnknownCaIsNotTrustedButTheHandshakeStillCountsAsEstablished() throws Exception {
      try (JsseTestServer server = JsseTestServer.builder(leaf).protocols("TLSv1.2").start()) {
        // when
        Run run = run("probe", "--json", "127.0.0.1:" + server.port());

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("outcome").asString()).isEqualTo("established");
        assertThat(report.get("protocol").asString()).isEqualTo("TLSv1.2");
        assertThat(report.get("verification").get("trusted").asBoolean()).isFalse();
        assertThat(report.get("verification").get("trust_store").asString()).isEqualTo("JDK default trust store");
        List<String> kinds = new ArrayList<>();
        report.get("verification").get("problems").forEach(p -> kinds.add(p.get("kind").asString()));
        assertThat(kinds).contains("unknown_issuer");
      }
    }

    @Test
    void textShowsTheProblemsOfAnUntrustedChain() throws Exception {
      try (JsseTestServer server = JsseTestServer.builder(leaf).start()) {
        // when
        Run run = run("probe", "127.0.0.1:" + server.port());

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("trusted: false").contains("kind: UNKNOWN_ISSUER");
      }
    }
  }

  @Nested
  class AgainstOpenssl {
    @Test
    void reportAgreesWithWhatOpensslClientSaysWasNegotiatedOnTls12(@TempDir Path dir) throws Exception {
      // given: openssl s_server limited to TLS 1.2 and one ECDHE-RSA suite, with an RSA certificate
      Path openssl = Interop.requireCommand("openssl");
      HeldCertificate leaf = TestCertificates.localhost(KeyType.RSA_2048);
      Path cert = leaf.writeCertificatePem(dir.resolve("cert.pem"));
      Path key = leaf.writePrivateKeyPem(dir.resolve("key.pem"));
      int port = Interop.freeLoopbackPort();
      List<String> command = List.of(openssl.toString(), "s_server", "-accept", "127.0.0.1:" + port, "-www",
          "-cert", cert.toString(), "-key", key.toString(), "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
      Path log = dir.resolve("s_server.log");
      Process server = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        awaitAccept(server, log);

        // when
        Run text = run("probe", "127.0.0.1:" + port);
        Run json = run("probe", "--json", "127.0.0.1:" + port);
        ProcessResult client = Interop.run(Duration.ofSeconds(20), openssl.toString(), "s_client", "-connect",
            "127.0.0.1:" + port);

        // then: openssl's view
        String said = client.stdout() + "\n" + client.stderr();
        Matcher negotiated = Pattern.compile("(?m)^New, (\\S+), Cipher is (\\S+)").matcher(said);
        assertThat(negotiated.find()).as(said).isTrue();
        String protocol = negotiated.group(1);
        CipherSuite suite = CipherSuite.byName(negotiated.group(2)).orElseThrow();
        NamedGroup group = find(said, "(?m)^Server Temp Key: ([^,]+),").flatMap(NamedGroup::byName).orElseThrow();
        boolean secureRenegotiation = said.contains("Secure Renegotiation IS supported");
        assertThat(protocol).isEqualTo("TLSv1.2");
        assertThat(suite.name()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

        // and: the report says the same, as JSON and as text
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode report = json.json();
        assertThat(report.get("outcome").asString()).isEqualTo("established");
        assertThat(report.get("protocol").asString()).isEqualTo(protocol);
        assertThat(report.get("cipher_suite").asString()).isEqualTo(suite.name());
        assertThat(report.get("cipher").get("openssl_name").asString()).isEqualTo(negotiated.group(2));
        assertThat(report.get("group").asString()).isEqualTo(group.name());
        assertThat(report.get("compression").asString()).isEqualTo("null");
        assertThat(report.get("secure_renegotiation").asBoolean()).isEqualTo(secureRenegotiation);
        assertThat(report.get("certificates").get(0).get("key_type").asString()).isEqualTo("RSA");
        assertThat(report.get("certificates").get(0).get("key_bits").asInt()).isEqualTo(2048);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
            .contains("protocol: " + protocol)
            .contains(String.format("cipher_suite: 0x%04x %s", suite.code(), suite.name()))
            .contains(String.format("group: 0x%04x %s", group.code(), group.name()))
            .contains("secret_bits: 128")
            .contains("aead: true")
            .contains("compression: 0x00 null")
            .contains("secure_renegotiation: " + secureRenegotiation)
            .contains("key: RSA 2048 bits");
      } finally {
        server.destroy();
        if (!server.waitFor(5, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }

    private static void awaitAccept(Process server, Path log) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.readString(log, StandardCharsets.UTF_8).contains("ACCEPT")) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("openssl s_server did not start: " + Files.readString(log));
        }
        Thread.sleep(20);
      }
    }

    private static Optional<String> find(String text, String regex) {
      Matcher m = Pattern.compile(regex).matcher(text);
      return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }
  }

  @Nested
  class Failures {
    @Test
    void refusedPortExitsThreeWithTransportError() {
      // given
      int closed = Interop.freeLoopbackPort();

      // when
      Run text = run("probe", "127.0.0.1:" + closed, "--timeout", "3s");
      Run json = run("probe", "--json", "127.0.0.1:" + closed, "--timeout", "3s");

      // then
      assertThat(text.exitCode()).isEqualTo(3);
      assertThat(text.out()).contains("outcome: transport_error").contains("transport_problem: refused");
      assertThat(json.exitCode()).isEqualTo(3);
      assertThat(json.json().get("outcome").asString()).isEqualTo("transport_error");
      assertThat(json.json().get("transport_problem").asString()).isEqualTo("refused");
      assertThat(json.json().get("protocol").isNull()).isTrue();
    }

    @Test
    void unknownOptionExitsTwoWithOneLineNamingIt() {
      Run run = run("probe", "--bogus");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).singleElement().asString()
          .startsWith("tlsprobe: ").contains("Unknown option: '--bogus'").contains("tlsprobe probe --help");
    }

    @Test
    void badPortExitsTwoWithOneLineNamingTheTarget() {
      Run run = run("probe", "localhost:99999");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).singleElement().asString().contains("'localhost:99999'").contains("1-65535");
    }

    @Test
    void sniAndNoSniTogetherExitTwo() {
      Run run = run("probe", "--sni", "a.test", "--no-sni", "127.0.0.1:1");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().lines()).singleElement().asString().contains("mutually exclusive");
    }

    @Test
    void trustStoreTypeWithoutTrustStoreExitsTwo() {
      Run run = run("probe", "--trust-store-type", "JKS", "127.0.0.1:1");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().lines()).singleElement().asString().contains("--trust-store=FILE");
    }

    @Test
    void missingTrustStoreFileExitsTwoWithOneLineAndNoStackTrace(@TempDir Path dir) {
      Path missing = dir.resolve("missing.p12");

      Run run = run("probe", "--trust-store", missing.toString(), "127.0.0.1:1");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).singleElement().asString()
          .isEqualTo("tlsprobe: cannot read trust store " + missing + ": no such file");
    }

    @Test
    void protocolTheJvmDoesNotKnowExitsTwo() {
      Run run = run("probe", "--protocols", "TLSv9", "127.0.0.1:1");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().lines()).singleElement().asString().contains("TLSv9");
    }

    @Test
    void helpDocumentsTheExitCodes() {
      Run run = run("probe", "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Exit codes:").containsPattern("(?m)^\\s+0\\s+established")
          .containsPattern("(?m)^\\s+2\\s+bad usage").containsPattern("(?m)^\\s+3\\s+not established");
    }
  }
}
