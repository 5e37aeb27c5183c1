package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading testssl.sh's flat JSON ({@link Testssl#parse}), on a real run's output and on findings it writes. */
class TestsslTest {

  /**
   * Real output of Debian's testssl.sh 3.0.8 against nginx 1.22 with Mozilla 6.0 intermediate:
   * {@code nginx-intermediate} ({@code -p -E -f -P}, client order) or {@code nginx-server-order} ({@code -p -f -P},
   * ssl_prefer_server_ciphers on).
   */
  private static String resource(String name) throws IOException {
    try (InputStream in = TestsslTest.class.getResourceAsStream("testssl-3.0.8-" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsVersionsSuitesAndGroupsOfARealRun() throws IOException {
    Testssl found = Testssl.parse(resource("nginx-intermediate"), Duration.ofSeconds(460), Duration.ZERO);

    assertThat(TlsProtocol.values()).filteredOn(found::offered)
        .containsExactly(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3);
    assertThat(found.cipherSuites(TlsProtocol.TLSv1_2))
        .containsExactlyInAnyOrder(0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8);
    assertThat(found.cipherSuites(TlsProtocol.TLSv1_3)).containsExactlyInAnyOrder(0x1301, 0x1302, 0x1303);
    assertThat(found.groups()).extracting(g -> NamedGroup.of(g).name())
        .containsExactlyInAnyOrder("secp256r1", "secp384r1", "x25519");
    assertThat(found.enforcesServerOrder()).isFalse();
    assertThat(found.dhPrime()).isEmpty();
  }

  @Test
  void readsTheServerOrderOfARealRunAsTheSuitesPerVersion() throws IOException {
    Testssl found = Testssl.parse(resource("nginx-server-order"), Duration.ofSeconds(710), Duration.ZERO);

    assertThat(found.enforcesServerOrder()).isTrue();
    assertThat(found.cipherSuites(TlsProtocol.TLSv1_2)).containsExactly(0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8);
    assertThat(found.order(TlsProtocol.TLSv1_3)).contains(List.of(0x1302, 0x1303, 0x1301));
    assertThat(found.groups()).hasSize(3);
  }

  @Test
  void readsTheServerOrderAndTheDhePrimeFromFindings() {
    String json = json(
        finding("TLS1_2", "offered"),
        finding("cipher_order", "server"),
        finding("cipherorder_TLSv1_2", "ECDHE-RSA-AES128-GCM-SHA256 DHE-RSA-AES256-GCM-SHA384 "),
        finding("DH_groups", "RFC7919/ffdhe2048"));

    Testssl found = Testssl.parse(json, Duration.ZERO, Duration.ZERO);

    assertThat(found.enforcesServerOrder()).isTrue();
    assertThat(found.order(TlsProtocol.TLSv1_2)).contains(List.of(0xc02f, 0x009f));
    assertThat(found.cipherSuites(TlsProtocol.TLSv1_2)).containsExactly(0xc02f, 0x009f);
    assertThat(found.groups()).containsExactly(0x0100); // the TLS 1.2 DHE prime, named by value: ffdhe2048
    assertThat(found.dhPrime()).isEmpty();
  }

  @Test
  void keepsADhePrimeThatIsNoRfc7919GroupApart() {
    // what it said of s_server -cipher ALL:@SECLEVEL=0 with a 2048-bit RSA key (OpenSSL 3.0's automatic DH prime)
    String json = json(finding("TLS1_2", "offered"), finding("DH_groups", "RFC3526/Oakley Group 14"));

    Testssl found = Testssl.parse(json, Duration.ZERO, Duration.ZERO);

    assertThat(found.groups()).isEmpty();
    assertThat(found.dhPrimeBits()).contains(2048);
    assertThat(Testssl.parse(json(finding("DH_groups", "Unknown DH group (1024 bits)"), finding("TLS1", "offered")),
        Duration.ZERO, Duration.ZERO).dhPrimeBits()).contains(1024);
  }

  @Test
  void rejectsAProtocolFindingItCannotRead() {
    String json = json(finding("TLS1_2", "supported but couldn't detect a cipher (may need debugging)"));

    assertThatThrownBy(() -> Testssl.parse(json, Duration.ZERO, Duration.ZERO)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("TLS1_2");
  }

  private static String finding(String id, String text) {
    return "{\"id\": \"" + id + "\", \"severity\": \"INFO\", \"finding\": \"" + text + "\"}";
  }

  private static String json(String... findings) {
    return "[" + String.join(",", findings) + "]";
  }
}
