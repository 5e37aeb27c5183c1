package io.tlsprobe.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.Ja3;
import io.tlsprobe.wire.TlsDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Sample: decode the ClientHello that curl 7.88 sent when told {@code --tlsv1.3} (captured on loopback, see
 * {@code src/test/resources/vectors/README.md} in tlsprobe) and check it against what tshark read from the same bytes
 * ({@code curl_tls13_only.expect.json}).
 */
class DecodeCapturedClientHelloTest {

  @Test
  void decodesCurlsTls13OnlyClientHelloLikeTshark() throws IOException {
    // given: the bytes curl put on the wire
    byte[] bytes = HexFormat.of().parseHex(resource("curl_tls13_only.hex").strip());

    // when
    ClientHello hello = TlsDecoder.decode(bytes).clientHello().orElseThrow();
    Ja3 ja3 = Ja3.of(hello);
    System.out.printf("cipher suites %s, SNI %s, ALPN %s, JA3 %s%n",
        hello.cipherSuites(), hello.serverName().orElse("-"), hello.alpn(), ja3.hash());

    // then: the values tshark 4.0 dissected from the same capture
    assertThat(hello.cipherSuites()).containsExactly(0x1302, 0x1303, 0x1301, 0x00ff);
    assertThat(hello.supportedVersions()).containsExactly(0x0304);
    assertThat(hello.serverName()).contains("tlsprobe.test");
    assertThat(hello.alpn()).containsExactly("h2", "http/1.1");
    assertThat(ja3.hash()).isEqualTo("89dfc51e72bdcb94e4ba4622588002b1");
    assertThat(resource("curl_tls13_only.expect.json")).contains("\"ja3_hash\": \"" + ja3.hash() + "\"");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DecodeCapturedClientHelloTest.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IOException("test resource " + name + " not found");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
