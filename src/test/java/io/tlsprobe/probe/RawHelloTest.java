package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.TlsDecoder;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RawHelloTest {
  private final ClientHello hello = RawHello.build(Optional.of("probe.test"), List.of("h2"), new SecureRandom());

  @Test
  void offersEveryVersionFromSsl3ToTls13() {
    assertThat(hello.legacyVersion()).isEqualTo(0x0303);
    assertThat(hello.supportedVersions()).containsExactly(0x0304, 0x0303, 0x0302, 0x0301, 0x0300);
  }

  @Test
  void offersEveryListedSuiteButNoSignal() {
    long listed = CipherSuite.all().stream().filter(s -> s.isKnown() && !s.isSignaling() && !s.isGrease()).count();

    assertThat(hello.cipherSuites()).hasSize((int) listed).doesNotHaveDuplicates()
        .doesNotContain(0x00ff, 0x5600);
    assertThat(hello.cipherSuites()).contains(0x000a, 0x0005, 0xc02f, 0x0039);
  }

  @Test
  void putsTls13SuitesFirstAndStrongSuitesBeforeWeakOnes() {
    List<Integer> suites = hello.cipherSuites();

    assertThat(CipherSuite.of(suites.get(0)).keyExchange()).isEqualTo("any");
    assertThat(suites.indexOf(0xc02f)).as("ECDHE-RSA-AES128-GCM before 3DES").isLessThan(suites.indexOf(0x000a));
    assertThat(suites.indexOf(0xc014)).as("ECDHE-RSA-AES256-SHA before DHE-RSA-AES256-SHA")
        .isLessThan(suites.indexOf(0x0039));
  }

  @Test
  void carriesAnX25519KeyShareTheGroupsSniAlpnAndRenegotiationInfo() {
    assertThat(hello.extension(KeyShareExtension.class).orElseThrow().groups()).containsExactly(0x001d);
    assertThat(hello.extension(KeyShareExtension.class).orElseThrow().entries().get(0).keyExchange().length())
        .isEqualTo(32);
    assertThat(hello.supportedGroups()).contains(0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0104);
    assertThat(hello.serverName()).contains("probe.test");
    assertThat(hello.alpn()).containsExactly("h2");
    assertThat(hello.extensionTypes()).contains(ExtensionTypes.RENEGOTIATION_INFO, ExtensionTypes.STATUS_REQUEST,
        ExtensionTypes.EXTENDED_MASTER_SECRET, ExtensionTypes.EC_POINT_FORMATS);
    assertThat(hello.compressionMethods()).containsExactly(0);
  }

  @Test
  void decodesBackFromTheRecordsItIsSentIn() {
    ClientHello decoded = TlsDecoder.decode(RawHello.records(hello)).clientHello().orElseThrow();

    assertThat(decoded).isEqualTo(hello);
  }

  @Test
  void leavesOutSniAndAlpnWhenThereAreNone() {
    ClientHello bare = RawHello.build(Optional.empty(), List.of(), new SecureRandom());

    assertThat(bare.serverName()).isEmpty();
    assertThat(bare.extensionTypes()).doesNotContain(ExtensionTypes.SERVER_NAME, ExtensionTypes.ALPN);
  }
}
