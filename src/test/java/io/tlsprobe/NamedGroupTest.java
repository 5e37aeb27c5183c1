package io.tlsprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamedGroupTest {

  @Test
  void listsEveryIanaAssignedGroupOnceInCodeOrder() {
    List<NamedGroup> all = NamedGroup.all();

    assertThat(all).hasSizeGreaterThanOrEqualTo(56).allMatch(NamedGroup::isKnown);
    assertThat(all.stream().mapToInt(NamedGroup::code).toArray()).isSorted().doesNotHaveDuplicates();
    Set<String> names = new HashSet<>();
    all.forEach(group -> assertThat(names.add(group.name().toLowerCase(Locale.ROOT))).as(group.name()).isTrue());
    assertThat(all).allMatch(group -> group.sources().contains("iana"));
  }

  @ParameterizedTest
  @CsvSource({
    "0x0017, secp256r1, ELLIPTIC_CURVE, 256, true",
    "0x0018, secp384r1, ELLIPTIC_CURVE, 384, true",
    "0x001d, x25519, ELLIPTIC_CURVE, 253, true",
    "0x001e, x448, ELLIPTIC_CURVE, 448, true",
    "0x001f, brainpoolP256r1tls13, ELLIPTIC_CURVE, 256, false",
    "0x0022, GC256A, ELLIPTIC_CURVE, 256, false",
    "0x0029, curveSM2, ELLIPTIC_CURVE, 256, false",
    "0x0100, ffdhe2048, FINITE_FIELD, 2048, false",
    "0x0104, ffdhe8192, FINITE_FIELD, 8192, false",
    "0x0200, MLKEM512, POST_QUANTUM, 0, false",
    "0x0201, MLKEM768, POST_QUANTUM, 0, false",
    "0x0202, MLKEM1024, POST_QUANTUM, 0, false",
    "0x11eb, SecP256r1MLKEM768, POST_QUANTUM_HYBRID, 0, false",
    "0x11ec, X25519MLKEM768, POST_QUANTUM_HYBRID, 0, false",
    "0x11ed, SecP384r1MLKEM1024, POST_QUANTUM_HYBRID, 0, false",
    "0x6399, X25519Kyber768Draft00, POST_QUANTUM_HYBRID, 0, false",
    "0xff01, arbitrary_explicit_prime_curves, ELLIPTIC_CURVE, 0, false"
  })
  void describesWellKnownGroups(String hex, String name, NamedGroup.Kind kind, int bits, boolean recommended) {
    NamedGroup group = NamedGroup.of(Integer.decode(hex));

    assertThat(group.name()).isEqualTo(name);
    assertThat(group.kind()).isEqualTo(kind);
    assertThat(group.bits().orElse(0)).isEqualTo(bits);
    assertThat(group.isRecommended()).isEqualTo(recommended);
    assertThat(group.isPostQuantum()).isEqualTo(kind.name().startsWith("POST_QUANTUM"));
    assertThat(NamedGroup.byName(name)).contains(group);
  }

  @Test
  void carriesIanasDiscouragedAndObsoleteMarks() {
    assertThat(NamedGroup.of(0x0001).isDiscouraged()).as("sect163k1").isTrue();
    assertThat(NamedGroup.of(0x0017).isDiscouraged()).as("secp256r1").isFalse();
    assertThat(NamedGroup.of(0x6399).isObsolete()).as("X25519Kyber768Draft00").isTrue();
    assertThat(NamedGroup.of(0x11ec).isObsolete()).as("X25519MLKEM768").isFalse();
  }

  @Test
  void recognisesAllSixteenGreaseValues() {
    for (int code : CipherSuiteTest.GREASE) {
      NamedGroup group = NamedGroup.of(code);

      assertThat(group.isGrease()).as("0x%04x", code).isTrue();
      assertThat(group.kind()).isEqualTo(NamedGroup.Kind.GREASE);
      assertThat(group.code()).isEqualTo(code);
      assertThat(group.isKnown()).isFalse();
      assertThat(group.bits()).isEmpty();
    }
  }

  @Test
  void turnsAnUnassignedCodePointIntoAnUnknownValueThatRoundTrips() {
    NamedGroup group = NamedGroup.of(0x4242);

    assertThat(group.code()).isEqualTo(0x4242);
    assertThat(group.name()).isEqualTo("unknown(0x4242)").isEqualTo(group.toString());
    assertThat(group.kind()).isEqualTo(NamedGroup.Kind.UNKNOWN);
    assertThat(group.isKnown()).isFalse();
    assertThat(group.isPostQuantum()).isFalse();
    assertThat(NamedGroup.byName("unknown(0x4242)")).contains(group);
    assertThat(NamedGroup.byName("X25519mlkem768")).contains(NamedGroup.of(0x11ec));
  }
}
