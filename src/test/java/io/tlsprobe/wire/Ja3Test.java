package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ja3Test {
  @Test
  void dropsGreaseFromCiphersExtensionsAndGroupsButKeepsPadding() {
    // given
    ClientHello hello = ClientHello.builder()
        .cipherSuites(0x1a1a, 0x1301, 0xc02f)
        .extension(new RawExtension(0xdada, Bytes.empty()))
        .supportedGroups(0x8a8a, 0x001d)
        .ecPointFormats(0)
        .extension(new PaddingExtension(5))
        .build();
    // when
    Ja3 ja3 = Ja3.of(hello);
    // then
    assertThat(ja3.string()).isEqualTo("771,4865-49199,10-11-21,29,0");
    assertThat(ja3.hash()).isEqualTo(Digests.md5("771,4865-49199,10-11-21,29,0")).hasSize(32);
  }

  @Test
  void leavesEmptyFieldsForAHelloWithoutExtensions() {
    ClientHello ssl3 = ClientHello.builder().legacyVersion(0x0300).cipherSuites(0x000a, 0x0005).noExtensions()
        .build();
    assertThat(Ja3.of(ssl3).string()).isEqualTo("768,10-5,,,");
  }

  @Test
  void hashesWithMd5InLowerCaseHex() {
    // MD5("") is the well-known d41d8cd98f00b204e9800998ecf8427e; the JA3 text is hashed the same way
    assertThat(Digests.md5("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(Ja3.of(Samples.clientHelloWithEverything()).hash()).matches("[0-9a-f]{32}");
  }
}
