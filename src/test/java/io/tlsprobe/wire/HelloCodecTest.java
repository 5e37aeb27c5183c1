package io.tlsprobe.wire;

import static io.tlsprobe.wire.Samples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelloCodecTest {
  // legacy_version (0) | random (2..33) | session id length (34) | cipher_suites length (35) ...
  private static final String HEAD = "0303" + "aa".repeat(32);

  private static ClientHello decode(String hex) {
    return HelloCodec.decodeClientHello(hex(hex));
  }

  private static void assertRejected(String body, String field, int offset, String problem) {
    assertThatThrownBy(() -> decode(body))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.offset()).isEqualTo(offset);
          assertThat(e.getMessage()).contains(problem);
        });
  }

  @Test
  void decodesAMinimalHelloWithOneExtension() {
    // given: session id empty, one suite, null compression, supported_groups [x25519]
    String body = HEAD + "00" + "00021301" + "0100" + "0008" + "000a00040002001d";
    // when
    ClientHello hello = decode(body);
    // then
    assertThat(hello.legacyVersion()).isEqualTo(0x0303);
    assertThat(hello.random()).isEqualTo(Bytes.ofHex("aa".repeat(32)));
    assertThat(hello.cipherSuites()).containsExactly(0x1301);
    assertThat(hello.compressionMethods()).containsExactly(0);
    assertThat(hello.extensions()).containsExactly(new SupportedGroupsExtension(List.of(0x001d)));
    assertThat(HelloCodec.encodeClientHello(hello)).isEqualTo(hex(body));
  }

  @Test
  void rejectsCipherSuiteListWithOddLength() {
    assertRejected(HEAD + "00" + "0003130113" + "0100", "ClientHello.cipher_suites", 35, "length 3 is odd");
  }

  @Test
  void rejectsEmptyCipherSuiteList() {
    assertRejected(HEAD + "00" + "0000" + "0100", "ClientHello.cipher_suites", 35, "below the minimum 2");
  }

  @Test
  void rejectsCipherSuiteListRunningPastTheEnd() {
    assertRejected(HEAD + "00" + "00101301", "ClientHello.cipher_suites", 35, "length 16 exceeds the 2 bytes left");
  }

  @Test
  void rejectsSessionIdLongerThan32Bytes() {
    assertRejected(HEAD + "21" + "bb".repeat(33) + "00021301" + "0100",
        "ClientHello.legacy_session_id", 34, "length 33 exceeds 32");
  }

  @Test
  void rejectsHelloWithoutCompressionMethods() {
    assertRejected(HEAD + "00" + "00021301" + "00", "ClientHello.legacy_compression_methods", 39,
        "below the minimum 1");
  }

  @Test
  void rejectsTruncatedRandom() {
    assertRejected("0303aabb", "ClientHello.random", 2, "needs 32 bytes, 2 left");
  }

  @Test
  void rejectsTrailingBytesAfterTheExtensions() {
    assertRejected(HEAD + "00" + "00021301" + "0100" + "0000" + "ff", "ClientHello", 43, "1 unexpected trailing byte");
  }

  @Test
  void rejectsDuplicateExtensionTypes() {
    // two extended_master_secret extensions: the second starts at 43 + 4
    assertRejected(HEAD + "00" + "00021301" + "0100" + "0008" + "00170000" + "00170000",
        "ClientHello.extensions", 47, "duplicate extension type 23");
  }

  @Test
  void rejectsSupportedGroupsWithOddLength() {
    // supported_groups at 43: type, length (45), named_group_list length (47) = 3
    assertRejected(HEAD + "00" + "00021301" + "0100" + "0009" + "000a0005" + "0003001d17",
        "ClientHello.extensions.supported_groups.named_group_list", 47, "length 3 is odd");
  }

  @Test
  void rejectsExtensionDataRunningPastTheBlock() {
    assertRejected(HEAD + "00" + "00021301" + "0100" + "0004" + "000a0009",
        "ClientHello.extensions.supported_groups.extension_data", 45, "length 9 exceeds the 0 bytes left");
  }

  @Test
  void keepsAnSslv3HelloWithoutExtensionsBlock() {
    // given: the body ends after the compression methods
    String body = "0300" + "aa".repeat(32) + "00" + "0004000a0005" + "020100";
    // when
    ClientHello hello = decode(body);
    // then
    assertThat(hello.hasExtensionsBlock()).isFalse();
    assertThat(hello.compressionMethods()).containsExactly(1, 0);
    assertThat(HelloCodec.encodeClientHello(hello)).isEqualTo(hex(body));
  }

  @Test
  void keepsAnEmptyExtensionsBlockApartFromNone() {
    String body = HEAD + "00" + "00021301" + "0100" + "0000";
    ClientHello hello = decode(body);
    assertThat(hello.hasExtensionsBlock()).isTrue();
    assertThat(hello.extensions()).isEmpty();
    assertThat(HelloCodec.encodeClientHello(hello)).isEqualTo(hex(body));
  }

  @Test
  void readsTheServerHelloAndItsExtensionsInServerShape() {
    // given
    byte[] body = Samples.serverHello13().encodeBody();
    // when
    ServerHello hello = HelloCodec.decodeServerHello(body);
    // then
    assertThat(hello).isEqualTo(Samples.serverHello13());
    assertThat(hello.extension(KeyShareExtension.class).orElseThrow().form())
        .isEqualTo(KeyShareExtension.Form.SERVER_SHARE);
    assertThat(HelloCodec.encodeServerHello(hello)).isEqualTo(body);
  }

  @Test
  void readsAHelloRetryRequestsExtensionsInRetryShape() {
    ServerHello hrr = HelloCodec.decodeServerHello(Samples.helloRetryRequest().encodeBody());
    assertThat(hrr.isHelloRetryRequest()).isTrue();
    assertThat(hrr.extension(KeyShareExtension.class).orElseThrow().selectedGroup()).contains(0x0017);
  }

  @Test
  void rejectsServerHelloWithLongSessionIdAndNamesTheRetryRequest() {
    String body = "0303" + HelloCodec.HELLO_RETRY_REQUEST_RANDOM.toHex() + "21" + "bb".repeat(33) + "130100";
    assertThatThrownBy(() -> HelloCodec.decodeServerHello(hex(body)))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("HelloRetryRequest.legacy_session_id_echo");
          assertThat(e.offset()).isEqualTo(34);
        });
  }

  @Test
  void keepsATls12ServerHelloWithoutExtensionsBlock() {
    String body = "0301" + "cc".repeat(32) + "00" + "0005" + "00";
    ServerHello hello = HelloCodec.decodeServerHello(hex(body));
    assertThat(hello.hasExtensionsBlock()).isFalse();
    assertThat(hello.cipherSuite()).isEqualTo(5);
    assertThat(HelloCodec.encodeServerHello(hello)).isEqualTo(hex(body));
  }
}
