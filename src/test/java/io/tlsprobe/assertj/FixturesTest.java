package io.tlsprobe.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fixtures render as the exact summaries the message tests rely on. */
class FixturesTest {

  @Test
  void summariesAreTheOnesMessageTestsSpellOut() {
    assertThat(Fixtures.tls13().summary()).isEqualTo(Fixtures.TLS13_SUMMARY);
    assertThat(Fixtures.tls10().summary()).isEqualTo(Fixtures.TLS10_SUMMARY);
    assertThat(Fixtures.rejected().summary()).isEqualTo(Fixtures.REJECTED_SUMMARY);
  }
}
