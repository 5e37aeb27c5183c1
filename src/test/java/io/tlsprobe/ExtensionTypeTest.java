package io.tlsprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtensionTypeTest {

  @Test
  void listsEveryRegisteredTypeOnceInCodeOrder() {
    List<ExtensionType> all = ExtensionType.all();

    assertThat(all).hasSizeGreaterThanOrEqualTo(64).allMatch(ExtensionType::isKnown);
    assertThat(all.stream().mapToInt(ExtensionType::code).toArray()).isSorted().doesNotHaveDuplicates();
    Set<String> names = new HashSet<>();
    all.forEach(type -> assertThat(names.add(type.name())).as(type.name()).isTrue());
    assertThat(all).allMatch(type -> !type.reference().isEmpty());
    assertThat(all.stream().filter(ExtensionType::isIanaAssigned)).hasSizeGreaterThanOrEqualTo(63);
  }

  @ParameterizedTest
  @CsvSource({
    "0, server_name, true",
    "10, supported_groups, true",
    "13, signature_algorithms, true",
    "16, application_layer_protocol_negotiation, true",
    "23, extended_master_secret, true",
    "35, session_ticket, true",
    "43, supported_versions, true",
    "44, cookie, true",
    "51, key_share, true",
    "57, quic_transport_parameters, true",
    "64768, ech_outer_extensions, true",
    "65037, encrypted_client_hello, true",
    "65281, renegotiation_info, true",
    "13172, next_protocol_negotiation, false",
    "17513, application_settings_old, false",
    "17613, application_settings, false",
    "30032, channel_id, false"
  })
  void namesWellKnownExtensions(int code, String name, boolean ianaAssigned) {
    ExtensionType type = ExtensionType.of(code);

    assertThat(type.name()).isEqualTo(name);
    assertThat(type.isIanaAssigned()).isEqualTo(ianaAssigned);
    assertThat(type.isKnown()).isTrue();
    assertThat(ExtensionType.byName(name)).contains(type);
  }

  @Test
  void findsExtensionsByTheirOtherNames() {
    assertThat(ExtensionType.byName("elliptic_curves")).contains(ExtensionType.of(10));
    assertThat(ExtensionType.byName("ALPN")).contains(ExtensionType.of(16));
    assertThat(ExtensionType.byName("delegated_credentials")).contains(ExtensionType.of(34));
    assertThat(ExtensionType.byName("no_such_extension")).isEmpty();
  }

  @Test
  void recognisesAllSixteenGreaseValues() {
    for (int code : CipherSuiteTest.GREASE) {
      ExtensionType type = ExtensionType.of(code);

      assertThat(type.isGrease()).as("0x%04x", code).isTrue();
      assertThat(type.isKnown()).isFalse();
      assertThat(type.reference()).isEqualTo("RFC8701");
      assertThat(ExtensionType.byName(type.name())).contains(type);
    }
  }

  @Test
  void turnsAnUnassignedCodePointIntoAnUnknownValueThatRoundTrips() {
    ExtensionType type = ExtensionType.of(0x00ff);

    assertThat(type.code()).isEqualTo(0x00ff);
    assertThat(type.name()).isEqualTo("unknown(0x00ff)").isEqualTo(type.toString());
    assertThat(type.isKnown()).isFalse();
    assertThat(type.isGrease()).isFalse();
  }
}
