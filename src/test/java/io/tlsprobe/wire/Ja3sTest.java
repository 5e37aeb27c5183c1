package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Ja3sTest {
  @Test
  void fingerprintsAServerHelloLikeTshark() {
    // Expected values: tshark 4.0.17 (tls.handshake.ja3s_full, tls.handshake.ja3s) on this very ServerHello,
    // written to a pcap with text2pcap.
    Ja3s ja3s = Ja3s.of(Samples.serverHello12());
    assertThat(ja3s.string()).isEqualTo("771,49199,65281-23-11-16-5-18");
    assertThat(ja3s.hash()).isEqualTo("be88b5c6b1bf249253a0a4197f6b5934");
  }

  @Test
  void leavesTheExtensionFieldEmptyWithoutExtensions() {
    ServerHello bare = new ServerHello(0x0301, Samples.bytes(32, 1), Bytes.empty(), 0x0005, 0, List.of(), false);
    assertThat(Ja3s.of(bare).string()).isEqualTo("769,5,");
  }
}
