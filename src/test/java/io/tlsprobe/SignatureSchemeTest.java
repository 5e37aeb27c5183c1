package io.tlsprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureSchemeTest {

  @Test
  void listsIanaSchemesAndTheLegacyTls12PairsOnceInCodeOrder() {
    List<SignatureScheme> all = SignatureScheme.all();

    assertThat(all).hasSizeGreaterThanOrEqualTo(45).allMatch(SignatureScheme::isKnown);
    assertThat(all.stream().mapToInt(SignatureScheme::code).toArray()).isSorted().doesNotHaveDuplicates();
    Set<String> names = new HashSet<>();
    all.forEach(scheme -> assertThat(names.add(scheme.name())).as(scheme.name()).isTrue());
    assertThat(all.stream().filter(scheme -> scheme.sources().contains("rfc5246"))).hasSize(10);
  }

  @ParameterizedTest
  @CsvSource({
    "0x0101, rsa_pkcs1_md5, false",
    "0x0201, rsa_pkcs1_sha1, false",
    "0x0202, dsa_sha1, false",
    "0x0203, ecdsa_sha1, false",
    "0x0301, rsa_pkcs1_sha224, false",
    "0x0302, dsa_sha224, false",
    "0x0303, ecdsa_sha224, false",
    "0x0401, rsa_pkcs1_sha256, true",
    "0x0403, ecdsa_secp256r1_sha256, true",
    "0x0804, rsa_pss_rsae_sha256, true",
    "0x0807, ed25519, true",
    "0x0808, ed448, true",
    "0x080b, rsa_pss_pss_sha512, true",
    "0x081a, ecdsa_brainpoolP256r1tls13_sha256, false",
    "0x0904, mldsa44, false",
    "0x0905, mldsa65, false",
    "0x0906, mldsa87, false"
  })
  void namesWellKnownSchemes(String hex, String name, boolean recommended) {
    SignatureScheme scheme = SignatureScheme.of(Integer.decode(hex));

    assertThat(scheme.name()).isEqualTo(name);
    assertThat(scheme.isRecommended()).isEqualTo(recommended);
    assertThat(SignatureScheme.byName(name)).contains(scheme);
  }

  @Test
  void recognisesAllSixteenGreaseValues() {
    for (int code : CipherSuiteTest.GREASE) {
      SignatureScheme scheme = SignatureScheme.of(code);

      assertThat(scheme.isGrease()).as("0x%04x", code).isTrue();
      assertThat(scheme.name()).isEqualTo(String.format("GREASE (0x%04x)", code));
      assertThat(scheme.isKnown()).isFalse();
    }
    assertThat(SignatureScheme.of(0x0807).isGrease()).isFalse();
  }

  @Test
  void turnsAnUnassignedCodePointIntoAnUnknownValueThatRoundTrips() {
    SignatureScheme scheme = SignatureScheme.of(0x0402 + 0x1000);

    assertThat(scheme.code()).isEqualTo(0x1402);
    assertThat(scheme.name()).isEqualTo("unknown(0x1402)").isEqualTo(scheme.toString());
    assertThat(scheme.isKnown()).isFalse();
    assertThat(scheme).isEqualTo(SignatureScheme.of(0x1402));
  }
}
