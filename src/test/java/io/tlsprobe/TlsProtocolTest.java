package io.tlsprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsProtocolTest {

  @Test
  void declaresVersionsOldestFirstSoThatOrderFollowsWireVersion() {
    // given the declared versions
    TlsProtocol[] versions = TlsProtocol.values();

    // when their wire versions are read in declaration order
    int[] wire = Arrays.stream(versions).mapToInt(TlsProtocol::wireVersion).toArray();

    // then they ascend and the first is SSL 2.0, the last TLS 1.3
    assertThat(wire).isSorted().containsExactly(0x0002, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304);
    assertThat(versions[0]).isEqualTo(TlsProtocol.SSLv2);
    assertThat(versions[versions.length - 1]).isEqualTo(TlsProtocol.TLSv1_3);
  }

  @ParameterizedTest
  @CsvSource({
    "SSLv2, 0x0002, SSLv2Hello, SSL 2.0",
    "SSLv3, 0x0300, SSLv3, SSL 3.0",
    "TLSv1, 0x0301, TLSv1, TLS 1.0",
    "TLSv1_1, 0x0302, TLSv1.1, TLS 1.1",
    "TLSv1_2, 0x0303, TLSv1.2, TLS 1.2",
    "TLSv1_3, 0x0304, TLSv1.3, TLS 1.3"
  })
  void findsEachVersionByWireValueAndByJsseName(
      TlsProtocol protocol, String wireHex, String jsseName, String displayName) {
    int wire = Integer.decode(wireHex);

    assertThat(TlsProtocol.fromWireVersion(wire)).contains(protocol);
    assertThat(TlsProtocol.fromJsseName(jsseName)).contains(protocol);
    assertThat(protocol.wireVersion()).isEqualTo(wire);
    assertThat(protocol.jsseName()).isEqualTo(jsseName);
    assertThat(protocol.displayName()).isEqualTo(displayName);
  }

  @Test
  void findsNothingForValuesThatAreNoVersion() {
    assertThat(TlsProtocol.fromWireVersion(0x0305)).isEmpty();
    assertThat(TlsProtocol.fromWireVersion(0x7f1c)).isEmpty();
    assertThat(TlsProtocol.fromJsseName("TLSv1.4")).isEmpty();
    assertThat(TlsProtocol.fromJsseName("tlsv1.2")).as("JSSE names are matched exactly").isEmpty();
    assertThatNullPointerException().isThrownBy(() -> TlsProtocol.fromJsseName(null)).withMessage("jsseName");
  }

  @Test
  void comparesVersionsByAge() {
    assertThat(TlsProtocol.TLSv1_2.isAtLeast(TlsProtocol.TLSv1_2)).isTrue();
    assertThat(TlsProtocol.TLSv1_2.isAtLeast(TlsProtocol.TLSv1)).isTrue();
    assertThat(TlsProtocol.TLSv1_1.isAtLeast(TlsProtocol.TLSv1_2)).isFalse();
    assertThat(TlsProtocol.SSLv3.isAtLeast(TlsProtocol.SSLv2)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "0x0303, TLS 1.2",
    "0x0300, SSL 3.0",
    "0x0002, SSL 2.0",
    "0x0a0a, GREASE (0x0a0a)",
    "0xfafa, GREASE (0xfafa)",
    "0x7f1c, TLS 1.3 draft 28",
    "0x7f12, TLS 1.3 draft 18",
    "0xfefd, DTLS 1.2",
    "0x0305, unknown(0x0305)",
    "0xfb17, unknown(0xfb17)",
    "0x0000, unknown(0x0000)"
  })
  void describesAnyWireVersionReadably(String wireHex, String description) {
    assertThat(TlsProtocol.describeWireVersion(Integer.decode(wireHex))).isEqualTo(description);
  }
}
