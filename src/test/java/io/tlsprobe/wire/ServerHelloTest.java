package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerHelloTest {
  @Test
  void detectsAHelloRetryRequestByItsRandom() {
    assertThat(Samples.helloRetryRequest().isHelloRetryRequest()).isTrue();
    assertThat(Samples.serverHello13().isHelloRetryRequest()).isFalse();
  }

  @Test
  void takesTheSelectedVersionFromSupportedVersions() {
    assertThat(Samples.serverHello13().legacyVersion()).isEqualTo(0x0303);
    assertThat(Samples.serverHello13().selectedVersion()).isEqualTo(0x0304);
  }

  @Test
  void fallsBackToLegacyVersionWithoutSupportedVersions() {
    ServerHello tls10 = new ServerHello(0x0301, Samples.bytes(32, 1), Bytes.empty(), 0x002f, 0, List.of(), false);
    assertThat(tls10.selectedVersion()).isEqualTo(0x0301);
  }

  @Test
  void reportsTheKeyShareGroupOfAServerShareAndOfARetryRequest() {
    assertThat(Samples.serverHello13().keyShareGroup()).contains(0x001d);
    assertThat(Samples.helloRetryRequest().keyShareGroup()).contains(0x0017);
    assertThat(Samples.serverHello12().keyShareGroup()).isEmpty();
  }

  @Test
  void reportsTheSelectedAlpnProtocol() {
    assertThat(Samples.serverHello12().alpn()).contains("h2");
    assertThat(Samples.serverHello13().alpn()).isEmpty();
  }

  @Test
  void listsExtensionTypesInWireOrderAndFindsThem() {
    ServerHello hello = Samples.serverHello12();
    assertThat(hello.extensionTypes()).containsExactly(0xff01, 23, 11, 16, 5, 18);
    assertThat(hello.extension(ExtensionTypes.STATUS_REQUEST)).contains(StatusRequestExtension.empty());
    assertThat(hello.extension(SignedCertificateTimestampExtension.class).orElseThrow().timestamps())
        .containsExactly(Bytes.ofHex("0102030405"));
  }

  @Test
  void roundTripsThroughTheDecoder() {
    for (ServerHello hello : List.of(Samples.serverHello12(), Samples.serverHello13(), Samples.helloRetryRequest())) {
      assertThat(TlsDecoder.decodeHandshake(hello.encode())).isEqualTo(hello);
    }
  }

  @Test
  void rejectsExtensionsWithoutAnExtensionsBlockSinceTheyWouldEncodeOne() {
    List<Extension> extensions = List.of(new RenegotiationInfoExtension(Bytes.empty()));

    assertThatThrownBy(() -> new ServerHello(0x0303, Samples.bytes(32, 1), Bytes.empty(), 0xc02f, 0, extensions,
        false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extensions block");
  }
}
