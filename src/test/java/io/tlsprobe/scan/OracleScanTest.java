package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.OpensslServer;
import io.tlsprobe.testing.daemons.NginxServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The correctness oracles of the scan: real {@code openssl s_server}s and nginx servers of chosen configurations, each
 * scanned by us, by {@code sslscan} and by {@code testssl.sh} ({@link Oracles}); the accepted versions, the suites
 * per version and the groups must be equal, and where the server enforces its order, the order too. The servers are
 * started once, before the tests, and testssl.sh (minutes per server) starts on each at once, {@value
 * #TESTSSL_PARALLEL} runs at a time, while the tests compare our scan with sslscan; each test then awaits its
 * server's testssl.sh run. testssl.sh always runs on four (TLS 1.3 only, legacy, nginx intermediate with client and
 * with server order: about 470 s of CPU, four minutes on two idle cores); the two extras (s_server with its own
 * order, nginx modern) add 135 s of CPU and get it only under {@code TLSPROBE_TESTSSL=all}. Debian's OpenSSL 3.0
 * has neither 3DES nor TLS compression (built without zlib), so no configuration here can offer them.
 */
class OracleScanTest {
  /** Mozilla server-side TLS 6.0 intermediate, TLS 1.2 suites (ECDHE with AEAD only), in Mozilla's order. */
  static final String INTERMEDIATE_60 = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
      + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
      + "ECDHE-RSA-CHACHA20-POLY1305";
  /**
   * Mozilla 6.0's groups without its first, X25519MLKEM768, which nginx refuses to start with on OpenSSL 3.0 (an
   * unknown curve).
   */
  static final String CURVES_60 = "X25519:prime256v1:secp384r1";

  /**
   * How many testssl.sh runs go at once: each is one bash process forking openssl after openssl, so on two cores
   * three overlap their waits without starving each other.
   */
  static final int TESTSSL_PARALLEL = 3;

  @TempDir static Path dir;
  static HeldCertificate rsa;
  static HeldCertificate ec;
  static Path rsaCert;
  static Path rsaKey;
  static Path ecCert;
  static Path ecKey;
  static Path dhParams;
  static final List<AutoCloseable> servers = new ArrayList<>();
  static @Nullable ExecutorService testsslPool;
  static Server tls13;
  static Server legacy;
  static Server opensslServerOrder;
  static Server nginxIntermediate;
  static Server nginxModern;
  static Server nginxServerOrder;

  /**
   * One server of this class: its port, and testssl.sh's findings for it, being found meanwhile.
   *
   * @param config the configuration's name in the findings table
   * @param port the server's port on 127.0.0.1
   * @param testssl testssl.sh's run, started when the server was
   */
  record Server(String config, int port, @Nullable Future<Oracles.TestsslRun> testssl) {
    Oracles compare() throws Exception {
      return Oracles.compare(config, port, java.util.Objects.requireNonNull(testssl, "testssl"));
    }

    /** The comparison with sslscan, and with testssl.sh when it ran on this server ({@code TLSPROBE_TESTSSL=all}). */
    Optional<Oracles> compareExtra() throws Exception {
      if (testssl == null) {
        Oracles.versusSslscan(config, port);
        return Optional.empty();
      }
      return Optional.of(compare());
    }
  }

  @BeforeAll
  static void startServers() {
    Interop.requireCommand("openssl");
    ServerKeys keys = ServerKeys.write(dir);
    rsa = keys.rsa();
    ec = keys.ec();
    rsaCert = keys.rsaCert();
    rsaKey = keys.rsaKey();
    ecCert = keys.ecCert();
    ecKey = keys.ecKey();
    dhParams = ServerKeys.ffdhe2048(dir);
    if (!Oracles.testsslSkipped() && Interop.findCommand("testssl").isPresent()) {
      testsslPool = Executors.newFixedThreadPool(TESTSSL_PARALLEL);
    }
    // the longest testssl.sh runs first
    legacy = start("s_server legacy (TLS 1.0-1.2, ALL:@SECLEVEL=0, RSA)", false, true, OpensslServer.www(dir, rsaCert,
        rsaKey, "-cipher", "ALL:@SECLEVEL=0", "-min_protocol", "TLSv1", "-max_protocol", "TLSv1.2"));
    nginxIntermediate = start("nginx Mozilla intermediate 6.0", false, true,
        nginx(dir.resolve("nginx-intermediate"), intermediate("off")));
    nginxServerOrder = start("nginx Mozilla intermediate 6.0, ssl_prefer_server_ciphers on", true, true,
        nginx(dir.resolve("nginx-server-order"), intermediate("on")));
    opensslServerOrder = start("s_server Mozilla intermediate 5.7, -serverpref", true, false, OpensslServer.www(dir,
        rsaCert, rsaKey, "-dcert", ecCert.toString(), "-dkey", ecKey.toString(), "-min_protocol", "TLSv1.2", "-cipher",
        OpensslScanTest.INTERMEDIATE, "-groups", "x25519:P-256:P-384", "-dhparam", dhParams.toString(),
        "-serverpref", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256"));
    tls13 = start("s_server TLS 1.3 only", false, true, OpensslServer.www(dir, ecCert, ecKey, "-tls1_3",
        "-ciphersuites", String.join(":", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_AES_128_GCM_SHA256", "TLS_AES_128_CCM_SHA256")));
    nginxModern = start("nginx Mozilla modern 6.0", false, false, nginx(dir.resolve("nginx-modern"), """
        ssl_protocols TLSv1.3;
        ssl_ecdh_curve %s;
        ssl_prefer_server_ciphers off;
        """.formatted(CURVES_60)));
  }

  /**
   * Registers {@code server} and starts testssl.sh on it; an {@code extra} (a configuration another one already
   * covers for testssl.sh) only under {@code TLSPROBE_TESTSSL=all}, to keep the suite within its time.
   */
  private static Server start(String config, boolean serverOrder, boolean always, AutoCloseable server) {
    servers.add(server);
    int port = server instanceof NginxServer n ? n.port() : ((OpensslServer) server).port();
    ExecutorService pool = testsslPool;
    if (!always && !Oracles.testsslOnAll()) {
      return new Server(config, port, null);
    }
    Future<Oracles.TestsslRun> testssl = pool == null
        ? CompletableFuture.failedFuture(new IllegalStateException("testssl.sh left out"))
        : pool.submit(() -> Oracles.TestsslRun.on(port, dir, serverOrder));
    return new Server(config, port, testssl);
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (testsslPool != null) {
      testsslPool.shutdownNow(); // interrupts a run still going: Interop.run then kills testssl.sh
      testsslPool.awaitTermination(30, TimeUnit.SECONDS);
    }
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  @Test
  void allThreeToolsFindTheSameOnATls13OnlyServer() throws Exception {
    ServerProfile ours = tls13.compare().versus().ours();

    assertThat(ours.acceptedProtocols()).containsExactly(TlsProtocol.TLSv1_3);
    assertThat(ours.groups()).extracting(NamedGroup::name).contains("x25519", "x448", "ffdhe8192");
  }

  @Test
  void allThreeToolsFindTheSameOnALegacyServerWithTls10CbcAndStaticRsa() throws Exception {
    ServerProfile ours = legacy.compare().versus().ours();

    assertThat(ours.acceptedProtocols())
        .containsExactly(TlsProtocol.TLSv1, TlsProtocol.TLSv1_1, TlsProtocol.TLSv1_2);
    assertThat(ours.cipherSuites(TlsProtocol.TLSv1)).extracting(CipherSuite::name)
        .contains("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA");
  }

  @Test
  void findsTheSameOrderAsSslscanOnAnOpensslServerThatEnforcesIt() throws Exception {
    // an extra: testssl.sh only under TLSPROBE_TESTSSL=all (nginx with its own order is the one it always checks)
    Optional<Oracles> o = opensslServerOrder.compareExtra();

    o.ifPresent(all -> Oracles.assertSameOrder(all.versus().ours(), all.testssl()));
    ServerProfile ours = TlsScans.scan(ScanOptions.builder("127.0.0.1", opensslServerOrder.port()).build());
    assertThat(ours.cipherSuites(TlsProtocol.TLSv1_2)).extracting(s -> s.openSslName().orElseThrow())
        .containsExactly(OpensslScanTest.INTERMEDIATE.split(":"));
  }

  @Test
  void allThreeToolsFindTheSameOnNginxWithMozillaIntermediate() throws Exception {
    ServerProfile ours = nginxIntermediate.compare().versus().ours();

    assertThat(ours.acceptedProtocols()).containsExactly(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3);
    assertThat(ours.cipherSuites(TlsProtocol.TLSv1_2)).extracting(s -> s.openSslName().orElseThrow())
        .containsExactlyInAnyOrder(INTERMEDIATE_60.split(":"));
    assertThat(ours.enforcesServerOrder(TlsProtocol.TLSv1_2)).isFalse();
    assertThat(ours.groups()).extracting(NamedGroup::name)
        .containsExactlyInAnyOrder("x25519", "secp256r1", "secp384r1");
  }

  @Test
  void findsWhatSslscanFindsOnNginxWithMozillaModern() throws Exception {
    // an extra: testssl.sh only under TLSPROBE_TESTSSL=all (the TLS 1.3-only s_server is the one it always checks)
    nginxModern.compareExtra();

    ServerProfile ours = TlsScans.scan(ScanOptions.builder("127.0.0.1", nginxModern.port()).build());
    assertThat(ours.acceptedProtocols()).containsExactly(TlsProtocol.TLSv1_3);
    assertThat(ours.cipherSuites(TlsProtocol.TLSv1_3)).hasSize(3);
  }

  @Test
  void allThreeToolsFindTheSameOrderOnNginxThatPrefersItsOwn() throws Exception {
    Oracles o = nginxServerOrder.compare();

    Oracles.assertSameOrder(o.versus().ours(), o.testssl());
    assertThat(o.versus().ours().enforcesServerOrder(TlsProtocol.TLSv1_2)).isTrue();
  }

  /** Mozilla 6.0 intermediate for nginx, with {@code ssl_prefer_server_ciphers} {@code on} or {@code off}. */
  private static String intermediate(String preferServerCiphers) {
    return """
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ecdh_curve %s;
        ssl_ciphers %s;
        ssl_prefer_server_ciphers %s;
        ssl_dhparam %s;
        ssl_session_tickets off;
        """.formatted(CURVES_60, INTERMEDIATE_60, preferServerCiphers, dhParams);
  }

  /** nginx with an ECDSA and an RSA certificate, as Mozilla's configurations recommend. */
  private static NginxServer nginx(Path home, String tls) {
    return NginxServer.start(home, List.of(ec, rsa), tls);
  }
}
