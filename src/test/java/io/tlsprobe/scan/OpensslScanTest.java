package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.CipherOrder;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan against real {@code openssl s_server}s of chosen configurations, each compared with what {@code sslscan}
 * reports for the same server ({@link Versus}): the accepted versions, the accepted suites per version and the groups
 * must be equal. The connections each tool opened and the times are printed to the test's output.
 */
class OpensslScanTest {
  /** Mozilla's intermediate configuration (server-side TLS 5.7): its TLS 1.2 suites, in its order. */
  static final String INTERMEDIATE = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
      + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
      + "ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";

  @TempDir static Path dir;
  static Path rsaCert;
  static Path rsaKey;
  static Path ecCert;
  static Path ecKey;
  static Path dhParams;

  @BeforeAll
  static void pki() {
    Interop.requireCommand("openssl");
    ServerKeys keys = ServerKeys.write(dir);
    rsaCert = keys.rsaCert();
    rsaKey = keys.rsaKey();
    ecCert = keys.ecCert();
    ecKey = keys.ecKey();
    dhParams = ServerKeys.ffdhe2048(dir);
  }

  @Test
  void findsWhatSslscanFindsOnATls13OnlyServerIncludingCcmAndFiniteFieldGroups() throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, ecCert, ecKey, "-tls1_3", "-ciphersuites",
        "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256")) {
      Versus c = compare("TLS 1.3 only", server);

      assertThat(c.ours().acceptedProtocols()).containsExactly(TlsProtocol.TLSv1_3);
      assertThat(codes(c.ours().cipherSuites(TlsProtocol.TLSv1_3))).contains(0x1304);
      assertThat(c.ours().groups()).extracting(NamedGroup::name).contains("x25519", "ffdhe2048");
    }
  }

  @Test
  void findsTls13SuitesThroughHelloRetryRequestsWhenNoKeyShareFits() throws Exception {
    // our hellos carry x25519 and secp256r1 shares: this server can only ask for another one
    try (OpensslServer server = OpensslServer.www(dir, ecCert, ecKey, "-tls1_3", "-groups", "secp384r1")) {
      Versus c = compare("TLS 1.3 only, secp384r1 only (HelloRetryRequest)", server);

      assertThat(c.ours().cipherSuites(TlsProtocol.TLSv1_3)).hasSize(3);
      assertThat(c.ours().protocol(TlsProtocol.TLSv1_3).orElseThrow().suites())
          .allSatisfy(s -> assertThat(s.group()).contains(NamedGroup.of(0x0018)));
      assertThat(c.ours().groups()).containsExactly(NamedGroup.of(0x0018));
    }
  }

  @Test
  void findsWhatSslscanFindsOnAMozillaIntermediateServerWithClientOrder() throws Exception {
    try (OpensslServer server = intermediate()) {
      Versus c = compare("Mozilla intermediate, client order", server);

      assertThat(c.ours().acceptedProtocols()).containsExactly(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3);
      assertThat(c.ours().cipherSuites(TlsProtocol.TLSv1_2)).extracting(s -> s.openSslName().orElseThrow())
          .containsExactlyInAnyOrder(INTERMEDIATE.split(":"));
      assertThat(c.ours().protocol(TlsProtocol.TLSv1_2).orElseThrow().cipherOrder()).isEqualTo(CipherOrder.CLIENT);
      assertThat(c.ours().protocol(TlsProtocol.TLSv1_3).orElseThrow().cipherOrder()).isEqualTo(CipherOrder.CLIENT);
      assertThat(c.ours().dhPrimeBits()).contains(2048);
      assertThat(c.ours().groups()).extracting(NamedGroup::name)
          .containsExactlyInAnyOrder("x25519", "secp256r1", "secp384r1");
    }
  }

  @Test
  void findsTheServerOrderWhenTheServerEnforcesIt() throws Exception {
    String tls13Order = "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256";
    try (OpensslServer server = intermediate("-serverpref", "-ciphersuites", tls13Order)) {
      Versus c = compare("Mozilla intermediate, server order", server);

      assertThat(c.ours().enforcesServerOrder(TlsProtocol.TLSv1_2)).isTrue();
      assertThat(c.ours().enforcesServerOrder(TlsProtocol.TLSv1_3)).isTrue();
      assertThat(c.ours().cipherSuites(TlsProtocol.TLSv1_2)).extracting(s -> s.openSslName().orElseThrow())
          .containsExactly(INTERMEDIATE.split(":"));
      assertThat(c.ours().cipherSuites(TlsProtocol.TLSv1_3)).extracting(CipherSuite::name)
          .containsExactly(tls13Order.split(":"));
      assertThat(c.theirs().preferred(TlsProtocol.TLSv1_2))
          .contains(c.ours().cipherSuites(TlsProtocol.TLSv1_2).get(0).code());
    }
  }

  @Test
  void findsWhatSslscanFindsOnALegacyServerWithTls10CbcAndStaticRsa() throws Exception {
    try (OpensslServer server = OpensslServer.www(dir, rsaCert, rsaKey, "-cipher", "ALL:@SECLEVEL=0",
        "-min_protocol", "TLSv1", "-max_protocol", "TLSv1.2")) {
      Versus c = compare("legacy (ALL:@SECLEVEL=0, TLS 1.0-1.2, RSA)", server);

      assertThat(c.ours().acceptedProtocols())
          .containsExactly(TlsProtocol.TLSv1, TlsProtocol.TLSv1_1, TlsProtocol.TLSv1_2);
      assertThat(c.ours().cipherSuites(TlsProtocol.TLSv1)).extracting(CipherSuite::name)
          .contains("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_DH_anon_WITH_AES_128_CBC_SHA");
      // Debian's OpenSSL 3.0 cannot do 3DES, RC4 or export even at security level 0 (FACTS): neither tool sees any
      assertThat(c.ours().acceptedCipherSuites()).extracting(CipherSuite::bulkCipher)
          .doesNotContain("3DES_EDE_CBC", "RC4_128");
    }
  }

  private static OpensslServer intermediate(String... more) {
    List<String> options = new ArrayList<>(List.of("-dcert", ecCert.toString(), "-dkey",
        ecKey.toString(), "-min_protocol", "TLSv1.2", "-cipher", INTERMEDIATE, "-groups", "x25519:P-256:P-384",
        "-dhparam", dhParams.toString()));
    options.addAll(Arrays.asList(more));
    return OpensslServer.www(dir, rsaCert, rsaKey, options.toArray(String[]::new));
  }

  /** Our scan and sslscan on {@code server} ({@link Versus}); versions, suites and groups must be equal. */
  static Versus compare(String config, OpensslServer server) throws Exception {
    Versus v = Versus.run(config, server.port(), b -> b);
    assertSameFindings(v.ours(), v.theirs());
    return v;
  }

  /** Versions, suites per version and (where sslscan lists them) groups per version are equal. */
  static void assertSameFindings(ServerProfile ours, Sslscan theirs) {
    assertSameVersionsAndSuites(ours, theirs);
    assertSameGroups(ours, theirs, TlsProtocol.values());
  }

  static void assertSameVersionsAndSuites(ServerProfile ours, Sslscan theirs) {
    for (TlsProtocol p : TlsProtocol.values()) {
      assertThat(ours.accepts(p)).as("accepts %s", context(p, ours, theirs)).isEqualTo(theirs.enabled(p));
      assertThat(codes(ours.cipherSuites(p))).as("suites of %s", context(p, ours, theirs))
          .containsExactlyInAnyOrderElementsOf(theirs.cipherSuites(p));
    }
  }

  /** In each of {@code protocols} where sslscan lists groups, ours are the same. */
  static void assertSameGroups(ServerProfile ours, Sslscan theirs, TlsProtocol... protocols) {
    for (TlsProtocol p : protocols) {
      if (!theirs.groups(p).isEmpty()) {
        assertThat(ours.protocol(p).orElseThrow().groups()).extracting(NamedGroup::code)
            .as("groups of %s", context(p, ours, theirs)).containsExactlyInAnyOrderElementsOf(theirs.groups(p));
      }
    }
  }

  private static String context(TlsProtocol p, ServerProfile ours, Sslscan theirs) {
    return p + "\nours:\n" + ours.render() + "\nsslscan:\n" + theirs.xml();
  }

  static List<Integer> codes(List<CipherSuite> suites) {
    return suites.stream().map(CipherSuite::code).toList();
  }
}
