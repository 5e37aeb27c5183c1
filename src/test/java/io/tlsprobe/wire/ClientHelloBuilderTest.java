package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClientHelloBuilderTest {
  /** A SecureRandom that fills with one value, to see where the builder's random comes from. */
  private static final class Constant extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte value;

    Constant(int value) {
      this.value = (byte) value;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      Arrays.fill(bytes, value);
    }
  }

  @Test
  void usesTheDocumentedDefaults() {
    // when
    ClientHello hello = ClientHello.builder().secureRandom(new Constant(7)).build();
    // then
    assertThat(hello.legacyVersion()).isEqualTo(0x0303);
    assertThat(hello.random()).isEqualTo(Samples.bytes(32, 7));
    assertThat(hello.sessionId().isEmpty()).isTrue();
    assertThat(hello.cipherSuites()).isEmpty();
    assertThat(hello.compressionMethods()).containsExactly(0);
    assertThat(hello.extensions()).isEmpty();
    assertThat(hello.hasExtensionsBlock()).isTrue();
  }

  @Test
  void drawsAFreshRandomForEveryBuildByDefault() {
    ClientHelloBuilder builder = ClientHello.builder().cipherSuites(0x1301);
    assertThat(builder.build().random()).isNotEqualTo(builder.build().random());
  }

  @Test
  void keepsExtensionsInTheOrderTheyWereFirstSetAndReplacesInPlace() {
    ClientHello hello = ClientHello.builder()
        .serverName("a.example")
        .alpn("h2")
        .supportedGroups(0x001d)
        .serverName("b.example")
        .build();
    assertThat(hello.extensionTypes()).containsExactly(0, 16, 10);
    assertThat(hello.serverName()).contains("b.example");
  }

  @Test
  void gathersKeySharesIntoOneExtension() {
    ClientHello hello = ClientHello.builder()
        .keyShare(0x001d, Samples.bytes(32, 1))
        .supportedVersions(0x0304)
        .keyShare(0x0017, Samples.bytes(65, 2))
        .build();
    assertThat(hello.extensionTypes()).containsExactly(ExtensionTypes.KEY_SHARE, ExtensionTypes.SUPPORTED_VERSIONS);
    assertThat(hello.extension(KeyShareExtension.class).orElseThrow().groups()).containsExactly(0x001d, 0x0017);
  }

  @Test
  void buildsAnSslv3HelloWithCompressionThatTheJdkWouldNeverSend() {
    // given
    ClientHello hello = ClientHello.builder()
        .legacyVersion(0x0300)
        .cipherSuites(0x0005, 0x000a)
        .compressionMethods(1, 0)
        .noExtensions()
        .build();
    // when
    byte[] wire = TlsRecord.wrapHandshake(hello.encode(), 0x0300);
    ClientHello decoded = TlsDecoder.decode(wire).clientHello().orElseThrow();
    // then
    assertThat(decoded).isEqualTo(hello);
    assertThat(decoded.hasExtensionsBlock()).isFalse();
    assertThat(hello.encodeBody()).hasSize(2 + 32 + 1 + 2 + 4 + 1 + 2);
  }

  @Test
  void sendsAnySetExtensionVerbatim() {
    RawExtension odd = new RawExtension(0xfeed, Bytes.ofHex("c0ffee"));
    ClientHello hello = ClientHello.builder().cipherSuites(0x1301).extension(odd).build();
    assertThat(TlsDecoder.decodeHandshake(hello.encode())).isEqualTo(hello);
  }

  @Test
  void refusesARandomOfTheWrongLengthAndALongSessionId() {
    assertThatThrownBy(() -> ClientHello.builder().random(Samples.bytes(31, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31");
    assertThatThrownBy(() -> ClientHello.builder().sessionId(Samples.bytes(33, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("33");
    assertThatThrownBy(() -> ClientHello.builder().cipherSuites(0x10000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
