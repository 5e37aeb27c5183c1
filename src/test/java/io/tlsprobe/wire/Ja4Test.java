package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ja4Test {
  /**
   * A hello with the given ciphers, extension order (SNI, ALPN, signature_algorithms and supported_versions get
   * real bodies; every other type an empty one), signature algorithms and first ALPN value.
   */
  private static ClientHello hello(int[] ciphers, int[] extensions, int[] sigs, int[] groups, String alpn) {
    ClientHelloBuilder b = ClientHello.builder().cipherSuites(ciphers);
    for (int type : extensions) {
      switch (type) {
        case ExtensionTypes.SERVER_NAME -> b.serverName("example.com");
        case ExtensionTypes.ALPN -> b.alpn(alpn, "http/1.1");
        case ExtensionTypes.SIGNATURE_ALGORITHMS -> b.signatureAlgorithms(sigs);
        case ExtensionTypes.SUPPORTED_VERSIONS -> b.supportedVersions(0x7a7a, 0x0304, 0x0303);
        case ExtensionTypes.SUPPORTED_GROUPS -> b.supportedGroups(groups);
        case ExtensionTypes.EC_POINT_FORMATS -> b.ecPointFormats(0);
        default -> b.extension(new RawExtension(type, Bytes.empty()));
      }
    }
    return b.build();
  }

  @Test
  void matchesTheWorkedExampleOfTheJa4Specification() {
    // Expected values: FoxIO-LLC/ja4 technical_details/JA4.md ("Example" and "Raw Output"), also asserted by the
    // reference implementation's unit test rust/ja4/src/tls.rs test_client_stats_into_out. GREASE added here
    // (a cipher, two extensions, a version) must not change them.
    ClientHello hello = hello(
        new int[] {0x0a0a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014,
            0x009c, 0x009d, 0x002f, 0x0035},
        new int[] {0x2a2a, 0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d, 0x0005, 0x0023, 0x0012,
            0x002b, 0xff01, 0x000b, 0x000a, 0x0015, 0x3a3a},
        new int[] {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601},
        new int[] {0x001d}, "h2");
    // when
    Ja4 ja4 = Ja4.of(hello);
    // then
    assertThat(ja4.fingerprint()).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
    assertThat(ja4.raw()).isEqualTo("t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,"
        + "cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,"
        + "0805,0501,0806,0601");
    assertThat(ja4.original()).isEqualTo("t13d1516h2_acb858a92679_18f69afefd3d");
    assertThat(ja4.rawOriginal()).isEqualTo("t13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,"
        + "009c,009d,002f,0035_001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015_"
        + "0403,0804,0401,0503,0805,0501,0806,0601");
    assertThat(ja4).hasToString("t13d1516h2_8daaf6152771_e5627efa2ab1");
  }

  @Test
  void matchesAPublishedChromeCaptureWithEchAndTheNewAlpsCodePoint() {
    // Expected values: a browserleaks.com capture of Chrome 143 (ja4, ja4_r, ja4_o, ja4_ro and ja3 as published
    // there), found in the public repository service0427/v2_cp_app, file tls.md.
    ClientHello hello = hello(
        new int[] {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c,
            0x009d, 0x002f, 0x0035},
        new int[] {0x002d, 0x0033, 0x0010, 0xfe0d, 0x0017, 0x44cd, 0x0000, 0x000b, 0x000a, 0x002b, 0xff01, 0x0023,
            0x0012, 0x0005, 0x000d, 0x001b},
        new int[] {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601},
        new int[] {4588, 29, 23, 24}, "h2");
    // when
    Ja4 ja4 = Ja4.of(hello);
    // then
    assertThat(ja4.fingerprint()).isEqualTo("t13d1516h2_8daaf6152771_d8a2da3f94cd");
    assertThat(ja4.raw()).endsWith("_0005,000a,000b,000d,0012,0017,001b,0023,002b,002d,0033,44cd,fe0d,ff01_"
        + "0403,0804,0401,0503,0805,0501,0806,0601");
    assertThat(ja4.original()).isEqualTo("t13d1516h2_acb858a92679_f96a17c57971");
    assertThat(Ja3.of(hello).string()).isEqualTo("771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-"
        + "49172-156-157-47-53,45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0");
    assertThat(Ja3.of(hello).hash()).isEqualTo("98487aa16281980e7d1120d399efb6a4");
  }

  @Test
  void endsTheExtensionPartWithoutUnderscoreWhenThereAreNoSignatureAlgorithms() {
    // Expected value: JA4.md, "If there are no signature algorithms in the hello packet" (= 6d807ffa2a79); the
    // signature_algorithms extension is there but empty
    ClientHello hello = hello(new int[] {0x1301},
        new int[] {0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d, 0x0005, 0x0023, 0x0012, 0x002b,
            0xff01, 0x000b, 0x000a, 0x0015},
        new int[] {}, new int[] {0x001d}, "h2");
    assertThat(Ja4.of(hello).fingerprint()).endsWith("_6d807ffa2a79");
    assertThat(Ja4.of(hello).raw()).endsWith("4469,ff01");
  }

  @Test
  void writesZerosForEmptyCipherAndExtensionLists() {
    // JA4.md: "If there are no ciphers ... 000000000000", "If there are no extensions ... 000000000000"
    ClientHello bare = ClientHello.builder().legacyVersion(0x0301).cipherSuites(0x0a0a).serverName("a.example")
        .build();
    assertThat(Ja4.of(bare).fingerprint()).isEqualTo("t10d000100_000000000000_000000000000");
  }

  @Test
  void takesTheVersionFromLegacyVersionWithoutSupportedVersions() {
    ClientHello ssl3 = ClientHello.builder().legacyVersion(0x0300).cipherSuites(0x000a).noExtensions().build();
    assertThat(Ja4.of(ssl3).fingerprint()).startsWith("ts3i0100");
  }

  @Test
  void marksQuicAndDtls() {
    ClientHello hello = ClientHello.builder().cipherSuites(0x1301).build();
    assertThat(Ja4.of(hello, 'q').fingerprint()).startsWith("q12i0100");
    assertThat(Ja4.of(hello, 'd').fingerprint()).startsWith("d12i0100");
    assertThatThrownBy(() -> Ja4.of(hello, 'x')).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void capsCountsAtNinetyNine() {
    int[] suites = new int[120];
    for (int i = 0; i < suites.length; i++) {
      suites[i] = i + 1;
    }
    assertThat(Ja4.of(ClientHello.builder().cipherSuites(suites).build()).fingerprint()).startsWith("t12i9900");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // JA4.md, "ALPN Extension Value" examples
      "6832, h2",
      "687474702f312e31, h1",
      "68, hh",
      "ab, ab",
      "abcd, ad",
      "30ab, 3b",
      "3031abcd, 3d",
      "30abcd31, 01",
  })
  void takesTheFirstAndLastCharacterOfTheFirstAlpnValueOrOfItsHex(String firstAlpnHex, String expected) {
    ClientHello hello = ClientHello.builder().cipherSuites(0x1301)
        .extension(new AlpnExtension(List.of(Bytes.ofHex(firstAlpnHex), Bytes.ofHex("6832")))).build();
    assertThat(Ja4.of(hello).fingerprint().substring(8, 10)).isEqualTo(expected);
  }

  @Test
  void writesZerosForAMissingAlpn() {
    assertThat(Ja4.of(ClientHello.builder().cipherSuites(0x1301).build()).fingerprint()).startsWith("t12i010000_");
  }
}
