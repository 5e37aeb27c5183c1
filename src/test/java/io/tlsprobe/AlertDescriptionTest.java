package io.tlsprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertDescriptionTest {

  @Test
  void listsEveryRegisteredAlertOnceInCodeOrder() {
    List<AlertDescription> all = AlertDescription.all();

    assertThat(all).hasSizeGreaterThanOrEqualTo(36).allMatch(AlertDescription::isKnown);
    assertThat(all.stream().mapToInt(AlertDescription::code).toArray()).isSorted().doesNotHaveDuplicates();
    assertThat(all).allMatch(alert -> alert.code() >= 0 && alert.code() <= 0xff);
    assertThat(all).noneMatch(AlertDescription::isGrease);
  }

  @ParameterizedTest
  @CsvSource({
    "0, close_notify, false",
    "20, bad_record_mac, false",
    "21, decryption_failed, true",
    "40, handshake_failure, false",
    "42, bad_certificate, false",
    "48, unknown_ca, false",
    "70, protocol_version, false",
    "86, inappropriate_fallback, false",
    "100, no_renegotiation, true",
    "112, unrecognized_name, false",
    "116, certificate_required, false",
    "120, no_application_protocol, false",
    "121, ech_required, false"
  })
  void namesWellKnownAlerts(int code, String name, boolean reserved) {
    AlertDescription alert = AlertDescription.of(code);

    assertThat(alert.name()).isEqualTo(name);
    assertThat(alert.isReserved()).isEqualTo(reserved);
    assertThat(AlertDescription.byName(name)).contains(alert);
  }

  @Test
  void acceptsIanasReservedNamesAsAliases() {
    assertThat(AlertDescription.byName("no_renegotiation_RESERVED")).contains(AlertDescription.of(100));
    assertThat(AlertDescription.byName("decryption_failed_reserved")).contains(AlertDescription.of(21));
  }

  @Test
  void turnsAnUnassignedCodeIntoAnUnknownValueWithTwoHexDigits() {
    AlertDescription alert = AlertDescription.of(200);

    assertThat(alert.code()).isEqualTo(200);
    assertThat(alert.name()).isEqualTo("unknown(0xc8)").isEqualTo(alert.toString());
    assertThat(alert.isKnown()).isFalse();
    assertThat(AlertDescription.of(10).isGrease()).as("0x0a is no GREASE value here").isFalse();
    assertThat(AlertDescription.byName("unknown(0xc8)")).contains(alert);
  }
}
