package io.tlsprobe.assertj.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenderTest {

  @ParameterizedTest
  @CsvSource({
    "P30D, 30 days",
    "P1DT2H, 1 day 2 hours",
    "PT1H, 1 hour",
    "PT3H5M, 3 hours 5 minutes",
    "PT1M1S, 1 minute 1 second",
    "PT1.25S, 1.250 s",
    "PT0.04S, 40 ms",
    "PT0.00004S, 40 µs",
    "-P3D, 3 days"
  })
  void rendersDurationsInTheirTwoLargestUnits(Duration duration, String text) {
    assertThat(Render.duration(duration)).isEqualTo(text);
  }

  @Test
  void rendersTheConnectionLineOnlyWithAReport() {
    assertThat(Render.connection(Fixtures.tls13()))
        .isEqualTo(System.lineSeparator() + "Connection: " + Fixtures.TLS13_SUMMARY);
    assertThat(Render.connection(null)).isEmpty();
  }

  @Test
  void rendersAlertsAndServerExtensions() {
    assertThat(Render.alert(AlertDescription.of(70))).isEqualTo("protocol_version (70)");
    assertThat(Render.extensions(Fixtures.tls12(0xc02f, new RenegotiationInfoExtension(Bytes.empty()),
        new ExtendedMasterSecretExtension()))).isEqualTo("[renegotiation_info, extended_master_secret]");
    assertThat(Render.extensions(Fixtures.rejected())).isEqualTo("no extensions");
  }

  @Test
  void rendersKeysWithTheirCurve() {
    assertThat(Render.key(Fixtures.leaf())).isEqualTo("EC 256 bits (secp256r1)");
    assertThat(Render.key(Fixtures.withKey(Fixtures.leaf(), "RSA", 3072, null))).isEqualTo("RSA 3072 bits");
  }
}
