package io.tlsprobe.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenSSL as the oracle for every scenario: {@code openssl verify} on the files a client is given, and {@code openssl
 * s_client -verify_return_error} against a JSSE server presenting the scenario (Debian's OpenSSL 3 runs s_client at
 * security level 2, which is why it refuses the weak key and SHA-1 scenarios that {@code verify} lets pass).
 */
class CertificateScenarioOpensslTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** OpenSSL's X509_V_ERR_* numbers as observed per rejected scenario; absent scenarios verify OK. */
  private static final Map<CertificateScenario, String> VERIFY_ERROR =
      Map.of(
          CertificateScenario.EXPIRED, "error 10 at 0 depth lookup: certificate has expired",
          CertificateScenario.NOT_YET_VALID, "error 9 at 0 depth lookup: certificate is not yet valid",
          CertificateScenario.SELF_SIGNED, "error 18 at 0 depth lookup: self-signed certificate",
          CertificateScenario.UNTRUSTED_ROOT, "error 20 at 1 depth lookup: unable to get local issuer certificate",
          CertificateScenario.WRONG_HOST, "error 62 at 0 depth lookup: hostname mismatch",
          CertificateScenario.MISSING_INTERMEDIATE,
          "error 20 at 0 depth lookup: unable to get local issuer certificate");

  private static final Map<CertificateScenario, String> S_CLIENT_ERROR =
      Map.of(
          CertificateScenario.EXPIRED, "verify error:num=10:certificate has expired",
          CertificateScenario.NOT_YET_VALID, "verify error:num=9:certificate is not yet valid",
          CertificateScenario.SELF_SIGNED, "verify error:num=18:self-signed certificate",
          CertificateScenario.UNTRUSTED_ROOT, "verify error:num=20:unable to get local issuer certificate",
          CertificateScenario.WRONG_HOST, "verify error:num=62:hostname mismatch",
          CertificateScenario.RSA_1024, "verify error:num=66:EE certificate key too weak",
          CertificateScenario.SHA1_SIGNATURE, "verify error:num=68:CA signature digest algorithm too weak",
          CertificateScenario.MISSING_INTERMEDIATE, "verify error:num=20:unable to get local issuer certificate");

  @TempDir Path dir;

  @BeforeAll
  static void needsOpenssl() {
    Interop.requireCommand("openssl");
  }

  @ParameterizedTest
  @EnumSource(CertificateScenario.class)
  void opensslVerifyJudgesTheFilesAClientIsGivenAsObserved(CertificateScenario scenario) {
    // given
    ServerIdentity identity = scenario.identity();
    try (ClientTrust trust = identity.clientTrust()) {
      List<String> command =
          new ArrayList<>(
              List.of("openssl", "verify", "-CAfile", trust.pemFile().toString(), "-verify_hostname", "localhost"));
      if (identity.chain().size() > 1) {
        command.addAll(List.of("-untrusted", pem(identity.chain().subList(1, identity.chain().size()), "untrusted")));
      }
      command.add(identity.certificate().writeCertificatePem(dir.resolve("leaf.pem")).toString());
      // when
      ProcessResult result = Interop.run(TIMEOUT, command);
      // then
      String output = result.stdout() + result.stderr();
      if (VERIFY_ERROR.containsKey(scenario)) {
        assertThat(result.exitCode()).as(output).isNotZero();
        assertThat(output).contains(VERIFY_ERROR.get(scenario));
      } else {
        assertThat(result.exitCode()).as(output).isZero();
        assertThat(output).contains(": OK");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(CertificateScenario.class)
  void opensslClientWithVerifyReturnErrorAcceptsOrRejectsTheServerAsObserved(CertificateScenario scenario)
      throws Exception {
    // given
    ServerIdentity identity = scenario.identity();
    try (ScenarioServer server = new ScenarioServer(identity);
        ClientTrust trust = identity.clientTrust()) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "openssl", "s_client", "-connect", "127.0.0.1:" + server.port(), "-servername", "localhost",
                  "-verify_hostname", "localhost", "-CAfile", trust.pemFile().toString(), "-verify_return_error",
                  "-brief"));
      identity.requiredClientIdentity().ifPresent(client -> command.addAll(List.of(
          "-cert", client.writeCertificatePem(dir.resolve("client.pem")).toString(),
          "-key", client.writePrivateKeyPem(dir.resolve("client.key")).toString(),
          "-cert_chain", pem(client.chain().subList(1, client.chain().size()), "client-chain"))));
      // when
      ProcessResult result = Interop.run(TIMEOUT, command);
      // then
      String output = result.stdout() + result.stderr();
      if (S_CLIENT_ERROR.containsKey(scenario)) {
        assertThat(result.exitCode()).as(output).isNotZero();
        assertThat(output).contains(S_CLIENT_ERROR.get(scenario));
      } else {
        assertThat(result.exitCode()).as(output).isZero();
        assertThat(output).contains("Verification: OK", "Verified peername: localhost");
      }
    }
  }

  private String pem(List<X509Certificate> certificates, String name) {
    try (ClientTrust bundle = ClientTrust.of(certificates.toArray(new X509Certificate[0]))) {
      return bundle.writePem(dir.resolve(name + ".pem")).toString();
    }
  }
}
