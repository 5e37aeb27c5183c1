package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.TestCertificates;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScanOptionsTest {

  @Test
  void defaultsToFiveConnectionsEveryVersionAndJssesSniRule() {
    ScanOptions local = ScanOptions.builder("localhost", 8443).build();
    ScanOptions named = ScanOptions.builder("mail.test", 25).build();

    assertThat(local.maxParallel()).isEqualTo(5);
    assertThat(local.protocols()).containsExactlyInAnyOrder(TlsProtocol.values());
    assertThat(local.serverName()).isEmpty();
    assertThat(ScanOptions.builder("127.0.0.1", 1).build().serverName()).isEmpty();
    assertThat(named.serverName()).contains("mail.test");
    assertThat(named.toString()).isEqualTo("ScanOptions[mail.test:25, SNI mail.test, 5 parallel, protocols [SSLv2,"
        + " SSLv3, TLSv1, TLSv1_1, TLSv1_2, TLSv1_3], timeouts connect 5000 ms, handshake 10000 ms, total 120000 ms,"
        + " trust JDK default trust store]");
  }

  @Test
  void takesAProbesTargetStartTlsSniAndTimeouts() {
    ProbeOptions probe = ProbeOptions.builder("mail.test", 587).startTls(StartTls.SMTP).noServerName()
        .connectTimeout(Duration.ofSeconds(1)).handshakeTimeout(Duration.ofSeconds(2)).build();

    ScanOptions scan = ScanOptions.from(probe);

    assertThat(scan.host()).isEqualTo("mail.test");
    assertThat(scan.port()).isEqualTo(587);
    assertThat(scan.startTls()).isEqualTo(StartTls.SMTP);
    assertThat(scan.serverName()).isEmpty();
    assertThat(scan.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(scan.handshakeTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void verifiesChainsForTheSniNameElseTheHostAgainstTheJdkTrustStoreUnlessOneIsSet() {
    ScanOptions byIp = ScanOptions.builder("127.0.0.1", 8443).build();
    ScanOptions named = ScanOptions.builder("127.0.0.1", 8443).serverName("edge.test")
        .trustStore(Path.of("ca.p12"), "PKCS12", null).build();

    assertThat(byIp.verifiedHostname()).isEqualTo("127.0.0.1");
    assertThat(byIp.trustStoreDescription()).isEqualTo("JDK default trust store");
    assertThat(named.verifiedHostname()).isEqualTo("edge.test");
    assertThat(named.trustStoreDescription()).isEqualTo("PKCS12 ca.p12");
    assertThat(named.handshake().serverName()).contains("edge.test");
    assertThat(ScanOptions.builder("127.0.0.1", 1).trustStore(Path.of("ca.p12"), "PKCS12", null).defaultTrustStore()
        .build().trustStoreDescription()).isEqualTo("JDK default trust store");
  }

  @Test
  void takesAProbesTrustStoreAndGivesItsHandshakeTheScansTarget() {
    KeyStore anchors = Certificates.trustStore(TestCertificates.localhost().certificate());
    ProbeOptions probe = ProbeOptions.builder("mail.test", 587).startTls(StartTls.SMTP).trustStore(anchors).build();

    ScanOptions scan = ScanOptions.from(probe);

    assertThat(scan.trustStoreDescription()).isEqualTo(probe.trustStoreDescription()).isEqualTo("PKCS12 key store");
    assertThat(scan.handshake().host()).isEqualTo("mail.test");
    assertThat(scan.handshake().port()).isEqualTo(587);
    assertThat(scan.handshake().startTls()).isEqualTo(StartTls.SMTP);
    assertThat(scan.handshake().startTlsInjectionCheck()).isFalse();
  }

  @Test
  void rejectsParallelismOutsideItsBoundsAndEmptyVersionLists() {
    ScanOptions.Builder b = ScanOptions.builder("localhost", 443);

    assertThatThrownBy(() -> b.maxParallel(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxParallel must be 1-64: 0");
    assertThatThrownBy(() -> b.maxParallel(65)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.protocols()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("protocols must not be empty");
    assertThatThrownBy(() -> b.serverName("10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
  }
}
