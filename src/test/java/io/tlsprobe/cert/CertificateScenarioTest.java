package io.tlsprobe.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.cert.Certificates.KeyType;
import io.tlsprobe.probe.ChainVerifier;
import io.tlsprobe.report.Verification;
import io.tlsprobe.report.Verification.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.security.interfaces.RSAKey;
import java.net.Socket;
import java.net.URL;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateScenarioTest {

  /** What JDK 17's own client (PKIX, endpoint identification HTTPS, default security properties) was seen to accept. */
  private static final Set<CertificateScenario> JDK_ACCEPTS =
      EnumSet.of(
          CertificateScenario.VALID,
          CertificateScenario.CLIENT_CERTIFICATE_REQUIRED,
          CertificateScenario.NO_SAN,
          CertificateScenario.RSA_1024,
          CertificateScenario.SHA1_SIGNATURE);

  /** Why JDK 17 rejected each other scenario, as its exception says. */
  private static final Map<CertificateScenario, String> JDK_REASON =
      Map.of(
          CertificateScenario.EXPIRED, "validity check failed",
          CertificateScenario.NOT_YET_VALID, "validity check failed",
          CertificateScenario.SELF_SIGNED, "unable to find valid certification path",
          CertificateScenario.UNTRUSTED_ROOT, "unable to find valid certification path",
          CertificateScenario.MISSING_INTERMEDIATE, "unable to find valid certification path",
          CertificateScenario.WRONG_HOST, "No subject alternative DNS name matching localhost found");

  @ParameterizedTest
  @EnumSource(CertificateScenario.class)
  void jdkClientWithTheScenariosTrustAcceptsOrRejectsAsObserved(CertificateScenario scenario) throws Exception {
    // given
    ServerIdentity identity = scenario.identity();
    try (ScenarioServer server = new ScenarioServer(identity);
        ClientTrust trust = identity.clientTrust()) {
      // when
      String outcome = handshake(trust, server.port(), "localhost");
      // then
      if (JDK_ACCEPTS.contains(scenario)) {
        assertThat(outcome).as(scenario.toString()).isEqualTo("accepted");
      } else {
        assertThat(outcome).as(scenario.toString()).startsWith("rejected").contains(JDK_REASON.get(scenario));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(CertificateScenario.class)
  void chainVerifierNamesTheScenariosProblem(CertificateScenario scenario) {
    // given
    ServerIdentity identity = scenario.identity();
    try (ClientTrust trust = identity.clientTrust()) {
      // when
      Verification verdict =
          ChainVerifier.verify(identity.chain(), trust.trustManager(), "test CA", "localhost", Instant.now());
      // then
      if (scenario.expectedProblem().isPresent()) {
        assertThat(verdict.trusted()).as(verdict.toString()).isFalse();
        assertThat(verdict.problems()).as(scenario.toString())
            .extracting(Verification.Problem::kind)
            .containsExactly(scenario.expectedProblem().get());
      } else {
        assertThat(verdict.problems()).as(scenario.toString()).isEmpty();
        assertThat(verdict.trusted()).isTrue();
      }
    }
  }

  @Test
  void serverRequiringAClientCertificateRefusesAClientWithoutOne() throws Exception {
    // given
    ServerIdentity identity = CertificateScenario.CLIENT_CERTIFICATE_REQUIRED.identity();
    try (ScenarioServer server = new ScenarioServer(identity);
        ClientTrust anchorsOnly = ClientTrust.of(identity.anchors().get(0))) {
      // when
      String outcome = handshake(anchorsOnly, server.port(), "localhost");
      // then
      assertThat(outcome).isEqualTo("rejected: Received fatal alert: bad_certificate");
    }
  }

  @Test
  void wrongHostIsAcceptedByAClientThatDoesNotCheckTheHostName() throws Exception {
    // given
    ServerIdentity identity = CertificateScenario.WRONG_HOST.identity();
    try (ScenarioServer server = new ScenarioServer(identity);
        ClientTrust trust = identity.clientTrust()) {
      // when
      String outcome = handshake(trust, server.port(), null);
      // then
      assertThat(outcome).isEqualTo("accepted");
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"VALID", "WRONG_HOST", "EXPIRED"})
  void httpsUrlConnectionToTheLoopbackAddressJudgesAsItsHostnameVerifierAndPkixSay(CertificateScenario scenario)
      throws Exception {
    // given
    ServerIdentity identity = scenario.identity();
    try (ScenarioServer server = new ScenarioServer(identity);
        ClientTrust trust = identity.clientTrust()) {
      HttpsURLConnection connection =
          (HttpsURLConnection) new URL("https://127.0.0.1:" + server.port() + "/").openConnection();
      connection.setSSLSocketFactory(trust.socketFactory()); // this connection only; no JVM default is touched
      connection.setConnectTimeout(5_000);
      connection.setReadTimeout(5_000);
      // when
      String outcome;
      try {
        outcome = "accepted " + connection.getResponseCode();
      } catch (IOException e) {
        outcome = "rejected: " + e.getMessage();
      } finally {
        connection.disconnect();
      }
      // then
      if (scenario == CertificateScenario.VALID) {
        assertThat(outcome).isEqualTo("accepted 200");
      } else if (scenario == CertificateScenario.WRONG_HOST) {
        assertThat(outcome).isEqualTo("rejected: No subject alternative names matching IP address 127.0.0.1 found");
      } else {
        assertThat(outcome).startsWith("rejected: PKIX path validation failed").contains("validity check failed");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"RSA_1024", "SHA1_SIGNATURE"})
  void jdkClientRejectsTheWeakScenariosWhenItsSocketCarriesStricterConstraints(CertificateScenario scenario)
      throws Exception {
    // given: per-socket constraints, no security property touched
    ServerIdentity identity = scenario.identity();
    AlgorithmConstraints strict =
        new AlgorithmConstraints() {
          @Override
          public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
            return !algorithm.toUpperCase(java.util.Locale.ROOT).contains("SHA1");
          }

          @Override
          public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
            return !(key instanceof RSAKey rsa) || rsa.getModulus().bitLength() >= 2048;
          }

          @Override
          public boolean permits(
              Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
            return permits(primitives, algorithm, parameters) && permits(primitives, key);
          }
        };
    try (ScenarioServer server = new ScenarioServer(identity);
        ClientTrust trust = identity.clientTrust();
        Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      plain.setSoTimeout(5_000);
      SSLSocket socket = (SSLSocket) trust.socketFactory().createSocket(plain, "localhost", server.port(), false);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setAlgorithmConstraints(strict);
      socket.setSSLParameters(parameters);
      // when / then
      assertThatThrownBy(socket::startHandshake)
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("Algorithm constraints check failed")
          .hasMessageContaining(
              scenario == CertificateScenario.SHA1_SIGNATURE
                  ? "on signature algorithm: SHA1withECDSA"
                  : "on key RSA with size of 1024bits");
    }
  }

  @Test
  void rsaAuthorityIssuesRsaChainsThatTheJdkAccepts() throws Exception {
    // given
    ServerIdentity identity = CertificateScenario.VALID.identity("localhost", TestAuthority.shared(KeyType.RSA_2048));
    try (ScenarioServer server = new ScenarioServer(identity);
        ClientTrust trust = identity.clientTrust()) {
      // when
      String outcome = handshake(trust, server.port(), "localhost");
      // then
      assertThat(outcome).isEqualTo("accepted");
      assertThat(identity.chain()).allSatisfy(c -> assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("RSA"));
    }
  }

  @Test
  void sha1ScenarioFromAnRsaAuthorityIsSignedWithSha1WithRsa() {
    // when
    ServerIdentity identity =
        CertificateScenario.SHA1_SIGNATURE.identity("localhost", TestAuthority.shared(KeyType.RSA_2048));
    // then
    assertThat(identity.certificate().certificate().getSigAlgName()).isEqualTo("SHA1withRSA");
  }

  @Test
  void identityForAnIpLiteralCarriesItAsAnIpSan() throws Exception {
    // when
    ServerIdentity identity = CertificateScenario.VALID.identity("127.0.0.1");
    // then
    assertThat(identity.certificate().certificate().getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(0))
        .containsOnly((Object) 7); // iPAddress
  }

  @Test
  void rejectsBlankHost() {
    assertThatThrownBy(() -> CertificateScenario.VALID.identity(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
  }

  /** "accepted" or "rejected: …"; {@code host} null: no endpoint identification (and no SNI). */
  static String handshake(ClientTrust trust, int port, String host) throws IOException {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      plain.setSoTimeout(5_000);
      try (SSLSocket socket =
          (SSLSocket) trust.socketFactory().createSocket(plain, host == null ? "127.0.0.1" : host, port, false)) {
        if (host != null) {
          SSLParameters parameters = socket.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
          socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        int answer = socket.getInputStream().read(); // TLS 1.3: the server's refusal of our certificate arrives here
        return answer == 'H' ? "accepted" : "rejected: server closed (" + answer + ")";
      } catch (SSLHandshakeException e) {
        return "rejected: " + e.getMessage();
      } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
        return "rejected: " + e;
      }
    }
  }
}
