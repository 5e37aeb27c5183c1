package io.tlsprobe.scan;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.cert.TestAuthority;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.Verification;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslServer;
import io.tlsprobe.testing.ProcessResult;
import io.tlsprobe.testing.SmtpFront;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.daemons.PostfixServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate chains of a scan against real servers: {@code openssl s_server} with an RSA and an ECDSA
 * certificate at once, with bad certificates, TLS 1.3 only, and the SMTP STARTTLS front; each leaf is compared with
 * what {@code openssl s_client -showcerts} receives from the same server, and the connections are counted by a
 * {@link Relay}.
 */
class CertificateScanTest {
  @TempDir static Path dir;
  static Path openssl;
  static TestAuthority rsaCa;
  static TestAuthority ecCa;
  static KeyStore bothRoots;

  @BeforeAll
  static void pki() {
    openssl = Interop.requireCommand("openssl");
    rsaCa = TestAuthority.shared(Certificates.KeyType.RSA_2048);
    ecCa = TestAuthority.shared();
    bothRoots = Certificates.trustStore(rsaCa.root().certificate(), ecCa.root().certificate());
  }

  @Test
  void findsAnRsaAndAnEcdsaChainOnOneServerEachTrustedAndEachAsOpensslReceivesIt() throws Exception {
    HeldCertificate rsa = rsaCa.serverCertificate("localhost").build();
    HeldCertificate ec = ecCa.serverCertificate("localhost").build();
    try (OpensslServer server = OpensslServer.www(dir, pem(rsa, "both-rsa"), key(rsa, "both-rsa"),
        serverOptions(rsa, "both-rsa", ec, "both-ec", "-min_protocol", "TLSv1.2"));
        Relay relay = Relay.to(server.port())) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", relay.port()).trustStore(bothRoots)
          .build());

      assertThat(profile.certificates()).extracting(ServerCertificate::keyType).containsExactly("RSA", "EC");
      assertThat(profile.certificates()).allSatisfy(c -> {
        assertThat(c.verification().problems()).isEmpty();
        assertThat(c.verification().trusted()).isTrue();
        assertThat(c.verification().hostname()).isEqualTo("127.0.0.1");
        assertThat(c.protocol()).isEqualTo(TlsProtocol.TLSv1_2);
        assertThat(c.chain()).hasSize(2);
      });
      assertThat(leaf(profile, "RSA")).isEqualTo(fingerprint(rsa.certificate()))
          .isEqualTo(opensslLeaf(server.port(), "aRSA"));
      assertThat(leaf(profile, "EC")).isEqualTo(fingerprint(ec.certificate()))
          .isEqualTo(opensslLeaf(server.port(), "aECDSA"));
      assertThat(profile.connections()).isEqualTo(relay.connections());
      assertThat(profile).presentsTrustedCertificates().certificate("RSA").isValidFor("127.0.0.1")
          .hasKeyStrengthAtLeast(2048);
      assertThat(profile).certificateChain("EC").hasSize(2);
      // sslscan shows the certificate of one connection: it is one of ours
      assertThat(profile.certificates()).extracting(c -> c.leaf().sha256Fingerprint())
          .contains(sslscanLeaf(Sslscan.run(server.port(), "--show-certificate")));
      System.out.println("RSA + ECDSA s_server: " + profile.connections() + " connections, certificates "
          + profile.certificates().stream().map(c -> c.keyType() + " " + c.leaf().subject()).toList());
    }
  }

  @Test
  void namesTheProblemOfAnExpiredChainAndOfAChainForAnotherHost() throws Exception {
    HeldCertificate expired = CertificateScenario.EXPIRED.identity("localhost", rsaCa).certificate();
    HeldCertificate wrongHost = CertificateScenario.WRONG_HOST.identity("localhost", ecCa).certificate();
    try (OpensslServer server = OpensslServer.www(dir, pem(expired, "expired"), key(expired, "expired"),
        serverOptions(expired, "expired", wrongHost, "wrong-host", "-tls1_2"))) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", server.port()).trustStore(bothRoots)
          .build());

      assertThat(profile.certificates()).extracting(ServerCertificate::keyType).containsExactly("RSA", "EC");
      Verification rsa = profile.certificates().get(0).verification();
      Verification ec = profile.certificates().get(1).verification();
      assertThat(rsa.trusted()).isFalse();
      assertThat(rsa.problems()).extracting(Verification.Problem::kind).containsExactly(Verification.Kind.EXPIRED);
      assertThat(ec.trusted()).isFalse();
      assertThat(ec.problems()).extracting(Verification.Problem::kind)
          .containsExactly(Verification.Kind.HOSTNAME_MISMATCH);
      assertThat(ec.problems().get(0).detail()).contains("127.0.0.1");
      assertThat(catchThrowableOfType(() -> assertThat(profile).presentsTrustedCertificates(), AssertionError.class)
          .getMessage()).contains("but 2 of 2 are not trusted:", "EXPIRED: ", "HOSTNAME_MISMATCH: ");
    }
  }

  @Test
  void verifiesForTheServerNameWhenOneIsSet() throws Exception {
    HeldCertificate wrongHost = CertificateScenario.WRONG_HOST.identity("localhost", ecCa).certificate();
    try (OpensslServer server = OpensslServer.www(dir, pem(wrongHost, "named"), key(wrongHost, "named"),
        "-cert_chain", issuerPem(wrongHost, "named").toString(), "-tls1_2")) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", server.port()).trustStore(bothRoots)
          .serverName(CertificateScenario.WRONG_HOST_NAME).build());

      assertThat(profile.certificates()).singleElement().satisfies(c -> {
        assertThat(c.verification().trusted()).isTrue();
        assertThat(c.verification().hostname()).isEqualTo(CertificateScenario.WRONG_HOST_NAME);
      });
    }
  }

  @Test
  void takesTheChainOfATls13OnlyServerFromItsDecryptedFeatureHello() throws Exception {
    HeldCertificate ec = ecCa.serverCertificate("localhost").build();
    try (OpensslServer server = OpensslServer.www(dir, pem(ec, "tls13"), key(ec, "tls13"),
        "-cert_chain", issuerPem(ec, "tls13").toString(), "-tls1_3");
        Relay relay = Relay.to(server.port())) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", relay.port()).trustStore(bothRoots)
          .build());

      assertThat(profile.acceptedProtocols()).containsExactly(TlsProtocol.TLSv1_3);
      assertThat(profile.certificates()).singleElement().satisfies(c -> {
        assertThat(c.protocol()).isEqualTo(TlsProtocol.TLSv1_3);
        assertThat(c.keyType()).isEqualTo("EC");
        assertThat(c.verification().trusted()).as(c.verification().problems().toString()).isTrue();
        assertThat(c.chain()).extracting(CertificateInfo::sha256Fingerprint)
            .containsExactly(fingerprint(ec.certificate()), fingerprint(ecCa.intermediate().certificate()));
      });
      assertThat(leaf(profile, "EC")).isEqualTo(opensslLeaf(server.port(), null));
      assertThat(profile.connections()).isEqualTo(relay.connections());
      System.out.println("TLS 1.3-only s_server: " + profile.connections() + " connections");
    }
  }

  @Test
  void findsAnEd25519CertificateBehindEcdsaSuitesNextToAnRsaOne() throws Exception {
    HeldCertificate rsa = rsaCa.serverCertificate("localhost").build();
    HeldCertificate ed = TestCertificates.localhost(Certificates.KeyType.ED25519);
    try (OpensslServer server = OpensslServer.www(dir, pem(rsa, "ed-rsa"), key(rsa, "ed-rsa"),
        "-cert_chain", issuerPem(rsa, "ed-rsa").toString(), "-dcert", pem(ed, "ed").toString(), "-dkey",
        key(ed, "ed").toString(), "-tls1_2")) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", server.port()).trustStore(bothRoots)
          .build());

      assertThat(profile.certificates()).extracting(ServerCertificate::keyType).containsExactly("RSA", "Ed25519");
      assertThat(profile.certificates().get(1).verification().has(Verification.Kind.SELF_SIGNED)).isTrue();
      assertThat(leaf(profile, "Ed25519")).isEqualTo(fingerprint(ed.certificate()));
    }
  }

  @Test
  void readsTheChainThroughSmtpStartTls() throws Exception {
    HeldCertificate ec = ecCa.serverCertificate("localhost").build();
    try (SmtpFront front = SmtpFront.builder().certificate(ec).start()) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", front.port()).startTls(StartTls.SMTP)
          .trustStore(bothRoots).build());

      assertThat(profile.certificates()).singleElement().satisfies(c -> {
        assertThat(c.keyType()).isEqualTo("EC");
        assertThat(c.verification().trusted()).as(c.verification().problems().toString()).isTrue();
        assertThat(c.leaf().sha256Fingerprint()).isEqualTo(fingerprint(ec.certificate()));
      });
    }
  }

  @Test
  void readsPostfixsChainThroughSmtpStartTlsAndItHoldsTheLeafSslscanShows(@TempDir Path postfixDir)
      throws Exception {
    HeldCertificate ec = ecCa.serverCertificate("localhost").build();
    try (PostfixServer postfix = PostfixServer.start(postfixDir, ec)) {
      ServerProfile profile = TlsScans.scan(ScanOptions.builder("127.0.0.1", postfix.startTlsPort())
          .startTls(StartTls.SMTP).trustStore(bothRoots).build());
      Sslscan theirs = Sslscan.run(postfix.startTlsPort(), "--starttls-smtp", "--show-certificate");

      assertThat(profile.certificates()).extracting(ServerCertificate::keyType).containsExactly("EC");
      assertThat(profile.certificates().get(0).leaf().sha256Fingerprint()).isEqualTo(fingerprint(ec.certificate()))
          .isEqualTo(sslscanLeaf(theirs));
      assertThat(profile.certificates().get(0).verification().hostname()).isEqualTo("127.0.0.1");
    }
  }

  /** The certificate sslscan's {@code --show-certificate} XML holds (of one connection), as a fingerprint. */
  private static String sslscanLeaf(Sslscan sslscan) throws Exception {
    String xml = sslscan.xml();
    int from = xml.indexOf("-----BEGIN CERTIFICATE-----");
    int to = xml.indexOf("-----END CERTIFICATE-----", from);
    assertThat(from).as(xml).isNotNegative();
    byte[] pem = xml.substring(from, to + "-----END CERTIFICATE-----".length()).getBytes(StandardCharsets.US_ASCII);
    return fingerprint((X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem)));
  }

  private static String[] serverOptions(HeldCertificate first, String firstName, HeldCertificate second,
      String secondName, String... more) {
    List<String> options = new ArrayList<>(List.of("-cert_chain", issuerPem(first, firstName).toString(),
        "-dcert", pem(second, secondName).toString(), "-dkey", key(second, secondName).toString(),
        "-dcert_chain", issuerPem(second, secondName).toString()));
    options.addAll(List.of(more));
    return options.toArray(String[]::new);
  }

  private static Path pem(HeldCertificate c, String name) {
    return c.writeCertificatePem(dir.resolve(name + ".pem"));
  }

  private static Path key(HeldCertificate c, String name) {
    return c.writePrivateKeyPem(dir.resolve(name + ".key"));
  }

  private static Path issuerPem(HeldCertificate c, String name) {
    return c.issuer().writeCertificatePem(dir.resolve(name + "-issuer.pem"));
  }

  private static String leaf(ServerProfile profile, String keyType) {
    return profile.certificates().stream().filter(c -> c.keyType().equals(keyType)).findFirst().orElseThrow()
        .leaf().sha256Fingerprint();
  }

  private static String fingerprint(X509Certificate certificate) {
    return CertificateInfo.of(certificate).sha256Fingerprint();
  }

  /** The leaf {@code openssl s_client -showcerts} receives, in TLS 1.2 with {@code auth} suites, or TLS 1.3. */
  private static String opensslLeaf(int port, String auth) throws Exception {
    List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + port,
        "-showcerts"));
    command.addAll(auth == null ? List.of("-tls1_3") : List.of("-tls1_2", "-cipher", auth));
    ProcessResult r = Interop.run(Duration.ofSeconds(20), command);
    String out = r.stdout();
    int from = out.indexOf("-----BEGIN CERTIFICATE-----");
    int to = out.indexOf("-----END CERTIFICATE-----", from);
    assertThat(from).as(r.toString()).isNotNegative();
    byte[] pem = out.substring(from, to + "-----END CERTIFICATE-----".length()).getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve("s_client-" + port + ".pem"), pem);
    return fingerprint((X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem)));
  }
}
