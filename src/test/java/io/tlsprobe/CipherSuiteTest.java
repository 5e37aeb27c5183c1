package io.tlsprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CipherSuiteTest {

  @Test
  void strongestFirstPutsForwardSecretAeadBeforeStaticRsaCbcAndRc4() {
    List<CipherSuite> sorted = List.of(CipherSuite.of(0x0005), CipherSuite.of(0x002f), CipherSuite.of(0xc02f),
        CipherSuite.of(0x009c)).stream().sorted(CipherSuite.strongestFirst()).toList();

    assertThat(sorted).extracting(CipherSuite::name).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_RC4_128_SHA");
  }

  static final int[] GREASE = IntStream.range(0, 16).map(i -> (i << 12) | (i << 4) | 0x0a0a).toArray();

  @Test
  void listsEveryIanaAssignedSuiteAndTheExtraOpenSslCodePoints() {
    List<CipherSuite> all = CipherSuite.all();

    assertThat(all).hasSizeGreaterThanOrEqualTo(340);
    assertThat(all.stream().filter(CipherSuite::isIanaAssigned).count())
        .as("IANA's table, src/tools/registry/iana/tls-parameters-4.csv, assigns 352 suites")
        .isEqualTo(352);
    assertThat(all).allMatch(CipherSuite::isKnown).noneMatch(CipherSuite::isGrease);
  }

  @Test
  void listsSuitesInCodeOrderWithUniqueCodes() {
    int[] codes = CipherSuite.all().stream().mapToInt(CipherSuite::code).toArray();

    assertThat(codes).isSorted().doesNotHaveDuplicates();
    assertThat(codes[0]).isNotNegative();
    assertThat(codes[codes.length - 1]).isLessThanOrEqualTo(0xffff);
  }

  @Test
  void givesEverySuiteNamesNoOtherSuiteAnswersTo() {
    Set<String> seen = new HashSet<>();
    for (CipherSuite suite : CipherSuite.all()) {
      assertThat(seen.add(suite.name().toLowerCase(Locale.ROOT))).as(suite.name()).isTrue();
      suite
          .openSslName()
          .filter(openssl -> !openssl.equals(suite.name()))
          .ifPresent(openssl -> assertThat(seen.add(openssl.toLowerCase(Locale.ROOT))).as(openssl).isTrue());
    }
  }

  @Test
  void keepsTheListImmutable() {
    List<CipherSuite> all = CipherSuite.all();

    assertThat(all.getClass().getName()).startsWith("java.util.ImmutableCollections");
    assertThat(CipherSuite.of(0xc02f).protocols()).isUnmodifiable();
  }

  @ParameterizedTest
  @ValueSource(ints = {0x0047, 0x1234, 0x00c8, 0x1308, 0xfffe, 0x0100})
  void turnsAnUnassignedCodePointIntoAnUnknownValueThatRoundTrips(int code) {
    CipherSuite suite = CipherSuite.of(code);

    assertThat(suite.code()).isEqualTo(code);
    assertThat(suite.name()).isEqualTo(String.format("unknown(0x%04x)", code));
    assertThat(suite.toString()).isEqualTo(suite.name());
    assertThat(suite.isKnown()).isFalse();
    assertThat(suite.isGrease()).isFalse();
    assertThat(suite.strength()).isEqualTo(CipherStrength.INSECURE);
    assertThat(suite.protocols()).isEmpty();
    assertThat(CipherSuite.byName(suite.name())).contains(suite);
  }

  @Test
  void recognisesAllSixteenGreaseValues() {
    for (int code : GREASE) {
      CipherSuite suite = CipherSuite.of(code);

      assertThat(suite.isGrease()).as("0x%04x", code).isTrue();
      assertThat(suite.isKnown()).isFalse();
      assertThat(suite.code()).isEqualTo(code);
      assertThat(suite.name()).isEqualTo(String.format("GREASE (0x%04x)", code));
      assertThat(CipherSuite.byName(suite.name())).contains(suite);
    }
    assertThat(CipherSuite.of(0x0a0b).isGrease()).isFalse();
    assertThat(CipherSuite.of(0x0a1a).isGrease()).isFalse();
  }

  @Test
  void describesTls13Aes128GcmAsRecommendedAndOnlyForTls13() {
    CipherSuite suite = CipherSuite.of(0x1301);

    assertThat(suite.name()).isEqualTo("TLS_AES_128_GCM_SHA256");
    assertThat(suite.openSslName()).contains("TLS_AES_128_GCM_SHA256");
    assertThat(suite.protocols()).containsExactly(TlsProtocol.TLSv1_3);
    assertThat(suite.isValidFor(TlsProtocol.TLSv1_2)).isFalse();
    assertThat(suite.mode()).isEqualTo(CipherMode.AEAD);
    assertThat(suite.isAead()).isTrue();
    assertThat(suite.secretKeyBits()).isEqualTo(128);
    assertThat(suite.forwardSecrecy()).isTrue();
    assertThat(suite.keyExchange()).isEqualTo("any");
    assertThat(suite.authentication()).isEqualTo("any");
    assertThat(suite.strength()).isEqualTo(CipherStrength.RECOMMENDED);
    assertThat(suite.isIanaRecommended()).isTrue();
  }

  @Test
  void describesEcdheRsaAes128GcmWithItsOpenSslName() {
    CipherSuite suite = CipherSuite.of(0xc02f);

    assertThat(suite.name()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(suite.openSslName()).contains("ECDHE-RSA-AES128-GCM-SHA256");
    assertThat(suite.keyExchange()).isEqualTo("ECDHE");
    assertThat(suite.authentication()).isEqualTo("RSA");
    assertThat(suite.bulkCipher()).isEqualTo("AES_128_GCM");
    assertThat(suite.mac()).isEqualTo("AEAD");
    assertThat(suite.protocols()).containsExactly(TlsProtocol.TLSv1_2);
    assertThat(suite.strength()).isEqualTo(CipherStrength.RECOMMENDED);
    assertThat(suite.strengthReason()).contains("forward secrecy");
  }

  @Test
  void ratesTripleDesWeakBecauseOfSweet32() {
    CipherSuite suite = CipherSuite.of(0x000a);

    assertThat(suite.name()).isEqualTo("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    assertThat(suite.openSslName()).contains("DES-CBC3-SHA");
    assertThat(suite.secretKeyBits()).isEqualTo(112);
    assertThat(suite.mode()).isEqualTo(CipherMode.CBC);
    assertThat(suite.mac()).isEqualTo("SHA1");
    assertThat(suite.forwardSecrecy()).isFalse();
    assertThat(suite.strength()).isEqualTo(CipherStrength.WEAK);
    assertThat(suite.strengthReason())
        .contains("SWEET32 (CVE-2016-2183)")
        .contains("no forward secrecy: static RSA key exchange");
    assertThat(suite.protocols())
        .containsExactly(TlsProtocol.SSLv3, TlsProtocol.TLSv1, TlsProtocol.TLSv1_1, TlsProtocol.TLSv1_2);
  }

  @Test
  void ratesRc4InsecureCitingRfc7465() {
    CipherSuite suite = CipherSuite.of(0x0005);

    assertThat(suite.openSslName()).contains("RC4-SHA");
    assertThat(suite.mode()).isEqualTo(CipherMode.STREAM);
    assertThat(suite.strength()).isEqualTo(CipherStrength.INSECURE);
    assertThat(suite.strengthReason()).startsWith("RC4 is prohibited by RFC 7465");
  }

  @Test
  void ratesNullAnonymousAndExportSuitesInsecureForTheirOwnReasons() {
    CipherSuite nullSuite = CipherSuite.of(0x0000);
    CipherSuite anonymous = CipherSuite.of(0x0018);
    CipherSuite export = CipherSuite.of(0x0003);

    assertThat(nullSuite.name()).isEqualTo("TLS_NULL_WITH_NULL_NULL");
    assertThat(nullSuite.bulkCipher()).isEqualTo("NULL");
    assertThat(nullSuite.secretKeyBits()).isZero();
    assertThat(nullSuite.mode()).isEqualTo(CipherMode.NONE);
    assertThat(nullSuite.strengthReason()).isEqualTo("NULL cipher: no encryption");

    assertThat(anonymous.name()).isEqualTo("TLS_DH_anon_WITH_RC4_128_MD5");
    assertThat(anonymous.authentication()).isEqualTo("anon");
    assertThat(anonymous.strengthReason()).startsWith("anonymous key exchange: no server authentication");

    assertThat(export.name()).isEqualTo("TLS_RSA_EXPORT_WITH_RC4_40_MD5");
    assertThat(export.secretKeyBits()).isEqualTo(40);
    assertThat(export.strengthReason()).startsWith("export-grade: FREAK/Logjam");
    assertThat(export.protocols()).containsExactly(TlsProtocol.SSLv3, TlsProtocol.TLSv1);

    assertThat(List.of(nullSuite, anonymous, export))
        .extracting(CipherSuite::strength)
        .containsOnly(CipherStrength.INSECURE);
  }

  @Test
  void marksBothSignallingValuesAsSignallingAndSecure() {
    CipherSuite renegotiation = CipherSuite.of(0x00ff);
    CipherSuite fallback = CipherSuite.of(0x5600);

    assertThat(renegotiation.name()).isEqualTo("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    assertThat(fallback.name()).isEqualTo("TLS_FALLBACK_SCSV");
    for (CipherSuite scsv : List.of(renegotiation, fallback)) {
      assertThat(scsv.isSignaling()).isTrue();
      assertThat(scsv.isKnown()).isTrue();
      assertThat(scsv.strength()).isEqualTo(CipherStrength.SECURE);
      assertThat(scsv.strengthReason()).startsWith("signalling value, never negotiated");
      assertThat(scsv.secretKeyBits()).isZero();
    }
    assertThat(CipherSuite.all().stream().filter(CipherSuite::isSignaling)).hasSize(2);
  }

  @Test
  void ratesCcm8WeakAndCcmSecure() {
    assertThat(CipherSuite.of(0x1305).strength()).isEqualTo(CipherStrength.WEAK);
    assertThat(CipherSuite.of(0x1305).strengthReason()).contains("64-bit authentication tag");
    assertThat(CipherSuite.of(0x1304).strength()).isEqualTo(CipherStrength.SECURE);
    assertThat(CipherSuite.of(0xc0ac).strength()).isEqualTo(CipherStrength.SECURE);
    assertThat(CipherSuite.of(0xc0ac).strengthReason()).contains("AES-CCM");
  }

  @Test
  void findsSuitesByIanaAndOpenSslNamesIgnoringCase() {
    CipherSuite expected = CipherSuite.of(0x002f);

    assertThat(CipherSuite.byName("TLS_RSA_WITH_AES_128_CBC_SHA")).contains(expected);
    assertThat(CipherSuite.byName("AES128-SHA")).contains(expected);
    assertThat(CipherSuite.byName("aes128-sha")).contains(expected);
    assertThat(CipherSuite.byName("TLS_CHACHA20_POLY1305_SHA256")).contains(CipherSuite.of(0x1303));
    assertThat(CipherSuite.byName("ECDHE-ECDSA-AES256-GCM-SHA384")).contains(CipherSuite.of(0xc02c));
    assertThat(CipherSuite.byName("NO-SUCH-CIPHER")).isEmpty();
    assertThat(CipherSuite.byName("unknown(0x1301)")).as("0x1301 is not unknown").isEmpty();
    assertThatNullPointerException().isThrownBy(() -> CipherSuite.byName(null)).withMessage("name");
  }

  @Test
  void reservesRecommendedAndSecureForAeadWithForwardSecrecy() {
    for (CipherSuite suite : CipherSuite.all()) {
      if (suite.strength().isAtLeast(CipherStrength.SECURE) && !suite.isSignaling()) {
        assertThat(suite.isAead()).as(suite.name()).isTrue();
        assertThat(suite.forwardSecrecy()).as(suite.name()).isTrue();
      }
      if (suite.bulkCipher().equals("NULL") && !suite.isSignaling()) {
        assertThat(suite.strength()).as(suite.name()).isEqualTo(CipherStrength.INSECURE);
      }
      assertThat(suite.strengthReason()).as(suite.name()).isNotBlank();
    }
  }

  @Test
  void restrictsTls13SuitesToTls13AndTls12OnlySuitesToTls12() {
    for (CipherSuite suite : CipherSuite.all()) {
      if (suite.keyExchange().equals("any")) {
        assertThat(suite.protocols()).as(suite.name()).containsExactly(TlsProtocol.TLSv1_3);
      } else if (!suite.isSignaling()) {
        assertThat(suite.protocols()).as(suite.name()).isNotEmpty().doesNotContain(TlsProtocol.TLSv1_3);
        assertThat(suite.protocols()).doesNotContain(TlsProtocol.SSLv2);
      }
      if (suite.isAead() && !suite.keyExchange().equals("any")) {
        assertThat(suite.protocols()).as(suite.name()).containsExactly(TlsProtocol.TLSv1_2);
      }
    }
  }

  @Test
  void recordsWhichSourceListsEachSuite() {
    for (CipherSuite suite : CipherSuite.all()) {
      assertThat(suite.sources()).as(suite.name()).isNotEmpty().isSubsetOf("iana", "testssl", "openssl", "tshark");
      if (!suite.isIanaAssigned()) {
        assertThat(suite.sources()).as(suite.name()).containsAnyOf("testssl", "openssl");
      }
      if (suite.sources().contains("openssl")) {
        assertThat(suite.openSslName()).as(suite.name()).isPresent();
      }
    }
    assertThat(CipherSuite.of(0xc02f).sources()).contains("iana", "testssl");
    assertThat(CipherSuite.of(0xcc13).sources()).doesNotContain("iana");
  }

  @Test
  void comparesByCodePoint() {
    assertThat(CipherSuite.of(0x1301)).isEqualTo(CipherSuite.byName("TLS_AES_128_GCM_SHA256").orElseThrow());
    assertThat(CipherSuite.of(0x4242)).isEqualTo(CipherSuite.of(0x4242)).hasSameHashCodeAs(CipherSuite.of(0x4242));
    assertThat(CipherSuite.of(0x1301)).isNotEqualTo(CipherSuite.of(0x1302));
    assertThat(CipherSuite.of(0x1301).toString()).isEqualTo("TLS_AES_128_GCM_SHA256");
  }
}
