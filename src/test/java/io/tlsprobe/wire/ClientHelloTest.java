package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientHelloTest {
  private final ClientHello hello = Samples.clientHelloWithEverything();

  @Test
  void roundTripsEveryTypedExtensionThroughTheWire() {
    // when
    ClientHello decoded = (ClientHello) TlsDecoder.decodeHandshake(hello.encode());
    // then
    assertThat(decoded).isEqualTo(hello);
    assertThat(decoded.extensions())
        .filteredOn(RawExtension.class::isInstance)
        .extracting(Extension::type)
        .containsExactly(0x4a4a);
    assertThat(decoded.encode()).isEqualTo(hello.encode());
  }

  @Test
  void exposesTheCommonExtensionsAsValues() {
    assertThat(hello.serverName()).contains("example.com");
    assertThat(hello.alpn()).containsExactly("h2", "http/1.1");
    assertThat(hello.supportedGroups()).containsExactly(0x2a2a, 0x001d, 0x0017);
    assertThat(hello.ecPointFormats()).containsExactly(0);
    assertThat(hello.signatureAlgorithms()).containsExactly(0x0403, 0x0804);
    assertThat(hello.signatureAlgorithmsCert()).containsExactly(0x0401);
    assertThat(hello.supportedVersions()).containsExactly(0x3a3a, 0x0304, 0x0303);
  }

  @Test
  void findsExtensionsByCodePointAndByClass() {
    assertThat(hello.extension(ExtensionTypes.COOKIE)).contains(new CookieExtension(Bytes.ofHex("abcd")));
    assertThat(hello.extension(KeyShareExtension.class).orElseThrow().groups()).containsExactly(0x001d);
    assertThat(hello.extension(ExtensionTypes.CONNECTION_ID)).isEmpty();
    assertThat(hello.extensionTypes()).startsWith(ExtensionTypes.SERVER_NAME, ExtensionTypes.MAX_FRAGMENT_LENGTH);
  }

  @Test
  void answersEmptyListsWhenTheExtensionsAreAbsent() {
    ClientHello bare = ClientHello.builder().cipherSuites(0x002f).noExtensions().build();
    assertThat(bare.serverName()).isEmpty();
    assertThat(bare.alpn()).isEmpty();
    assertThat(bare.supportedGroups()).isEmpty();
    assertThat(bare.signatureAlgorithms()).isEmpty();
    assertThat(bare.supportedVersions()).isEmpty();
  }

  @Test
  void keepsAGreaseAlpnProtocolByteForByte() {
    // given: Chrome-style GREASE ALPN value 0x3a followed by h2
    ClientHello greasy = ClientHello.builder().cipherSuites(0x1301)
        .extension(new AlpnExtension(List.of(Bytes.ofHex("3a"), Bytes.ofHex("6832")))).build();
    // when
    ClientHello decoded = (ClientHello) TlsDecoder.decodeHandshake(greasy.encode());
    // then
    assertThat(decoded.extension(AlpnExtension.class).orElseThrow().protocols())
        .containsExactly(Bytes.ofHex("3a"), Bytes.ofHex("6832"));
  }

  @Test
  void copiesTheListsItIsGiven() {
    List<Integer> suites = new java.util.ArrayList<>(List.of(1, 2));
    ClientHello h = new ClientHello(0x0303, Bytes.empty(), Bytes.empty(), suites, List.of(0), List.of(), false);
    suites.add(3);
    assertThat(h.cipherSuites()).containsExactly(1, 2);
  }

  @Test
  void rejectsExtensionsWithoutAnExtensionsBlockSinceTheyWouldEncodeOne() {
    List<Extension> extensions = List.of(new ExtendedMasterSecretExtension());

    assertThatThrownBy(() -> new ClientHello(0x0303, Samples.bytes(32, 1), Bytes.empty(), List.of(0x002f),
        List.of(0), extensions, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extensions block");
  }
}
