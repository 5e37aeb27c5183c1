package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.cli.ScanCommandTest.Run;
import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslServer;
import io.tlsprobe.testing.TestCertificates;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code scan --policy}: the verdict in the table and the JSON, and the exit codes (0 compliant, 1 violations, 2
 * usage, 3 unreachable), against an {@code openssl s_server} on loopback speaking TLS 1.3 only with its three default
 * suites (AES-GCM and ChaCha20) and the groups x25519 and P-256: Mozilla modern allows all of it, NIST SP 800-52r2 not
 * ChaCha20.
 */
class ScanPolicyCommandTest {
  @TempDir static Path dir;
  private static OpensslServer server;

  @BeforeAll
  static void startServer() {
    HeldCertificate cert = TestCertificates.localhost();
    Path certFile = cert.writeCertificatePem(dir.resolve("cert.pem"));
    Path keyFile = cert.writePrivateKeyPem(dir.resolve("key.pem"));
    server = OpensslServer.www(dir, certFile, keyFile, "-tls1_3", "-groups", "X25519:P-256");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static String target() {
    return "127.0.0.1:" + server.port();
  }

  @Test
  void exitsZeroAndSaysCompliantWhenTheServerFollowsThePolicy() {
    // when
    Run run = ScanCommandTest.run("scan", target(), "--policy", "mozilla-modern");

    // then the table ends with the policy, its source and the verdict
    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
    assertThat(run.out().strip()).contains("Policy Mozilla modern 6.0: Mozilla Server Side TLS 6.0, "
        + "https://ssl-config.mozilla.org/guidelines/6.0.json").endsWith("COMPLIANT");
  }

  @Test
  void exitsOneAndListsEachViolationInTheTable() {
    // when
    Run run = ScanCommandTest.run("scan", target(), "--policy", "nist-800-52r2");

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.POLICY_VIOLATED);
    // the TLS 1.3-only server's stapling is read from its decrypted Certificate: it staples nothing
    assertThat(run.out()).contains("Policy NIST SP 800-52r2: NIST SP 800-52 Rev. 2 August 2019, https://doi.org/10.6028/NIST.SP.800-52r2", "NOT COMPLIANT: 2 violations",
        "    cipher suite: expected one of TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "but found TLS_CHACHA20_POLY1305_SHA256 accepted over TLS 1.3" + System.lineSeparator())
        .endsWith("    certificate status request: expected status_request (RFC 6066) supported but found no (no"
            + " status_request in the leaf's CertificateEntry of the TLSv1.3 Certificate to a hello offering it)"
            + System.lineSeparator());
  }

  @Test
  void writesThePolicyVerdictIntoTheJson() {
    // when
    Run run = ScanCommandTest.run("scan", target(), "--policy", "NIST-800-52R2", "--json");

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.POLICY_VIOLATED);
    JsonNode scan = run.json();
    assertThat(scan.get("schema").asString()).isEqualTo("tlsprobe.scan/1");
    JsonNode policy = scan.get("policy");
    assertThat(policy.get("name").asString()).isEqualTo(TlsPolicy.NIST_SP_800_52R2.name());
    assertThat(policy.get("version").asString()).isEqualTo("August 2019");
    assertThat(policy.get("source").asString()).isEqualTo("NIST SP 800-52 Rev. 2");
    assertThat(policy.get("url").asString()).isEqualTo("https://doi.org/10.6028/NIST.SP.800-52r2");
    assertThat(policy.get("compliant").asBoolean()).isFalse();
    assertThat(policy.get("violations")).hasSize(2);
    assertThat(policy.get("violations").get(0).get("rule").asString()).isEqualTo("cipher suite");
    assertThat(policy.get("violations").get(0).get("found").asString())
        .isEqualTo("TLS_CHACHA20_POLY1305_SHA256 accepted over TLS 1.3");
    assertThat(policy.get("violations").get(1).get("rule").asString()).isEqualTo("certificate status request");
    assertThat(policy.get("violations").get(1).get("found").asString()).startsWith("no (no status_request in the"
        + " leaf's CertificateEntry");
  }

  @Test
  void writesPolicyNullWithoutTheOption() {
    Run run = ScanCommandTest.run("scan", target(), "--json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
    assertThat(run.json().get("policy").isNull()).isTrue();
  }

  @Test
  void exitsTwoForAnUnknownPolicyListingTheKnownNames() {
    Run run = ScanCommandTest.run("scan", target(), "--policy", "pci-dss");

    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err()).contains("unknown policy 'pci-dss': use " + String.join(", ", TlsPolicy.names()));
    assertThat(run.out()).isEmpty();
  }

  @Test
  void exitsThreeForAClosedPortEvenWithAPolicy() {
    // given
    int closed = Interop.freeLoopbackPort();

    // when
    Run run = ScanCommandTest.run("scan", "127.0.0.1:" + closed, "--policy", "bsi-tr-02102-2", "--timeout", "2s");

    // then unreachable wins over the (empty) verdict
    assertThat(run.exitCode()).isEqualTo(Main.UNREACHABLE);
    assertThat(run.err()).contains("unreachable");
  }

  @Test
  void helpNamesThePolicyOptionAndExitOne() {
    Run run = ScanCommandTest.run("scan", "--help");

    assertThat(run.out()).contains("--policy", "nist-800-52r2", "bsi-tr-02102-2", "breaks the policy");
  }
}
