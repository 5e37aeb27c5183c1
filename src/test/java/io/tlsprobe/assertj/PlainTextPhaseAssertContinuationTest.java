package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import org.junit.jupiter.api.Test;

/** {@code clientStoppedWithoutTls()} and {@code clientContinuedWithoutTls()}, both ways. */
class PlainTextPhaseAssertContinuationTest {
  private static final PlainTextPhase CONTINUED = ClearTextContinuationTest.pop3Refused()
      .line(Direction.CLIENT, false, "USER alice").line(Direction.SERVER, false, "+OK")
      .line(Direction.CLIENT, false, "PASS secret").build();
  private static final PlainTextPhase STOPPED = ClearTextContinuationTest.pop3Refused()
      .line(Direction.CLIENT, false, "QUIT").build();
  private static final PlainTextPhase UPGRADED = PlainTextPhase.builder("pop3").upgraded(true)
      .line(Direction.CLIENT, false, "STLS").line(Direction.SERVER, false, "+OK go ahead").build();

  @Test
  void stoppedPassesForAClientThatOnlyQuit() {
    assertThat(STOPPED).clientStoppedWithoutTls();
  }

  @Test
  void stoppedFailsListingTheMaskedLinesOfAClientThatCarriedOn() {
    assertThatThrownBy(() -> assertThat(CONTINUED).clientStoppedWithoutTls())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it carried on in clear:" + System.lineSeparator()
            + "  C: USER *** (a user name)" + System.lineSeparator() + "  C: PASS *** (a password)")
        .hasMessageNotContaining("secret");
  }

  @Test
  void stoppedFailsWhenTheServerAgreedToStartTls() {
    assertThatThrownBy(() -> assertThat(UPGRADED).clientStoppedWithoutTls())
        .hasMessageContaining("but the server agreed to start TLS, so the client had no reason to stop");
  }

  @Test
  void continuedPassesForAClientThatCarriedOn() {
    assertThat(CONTINUED).clientContinuedWithoutTls();
  }

  @Test
  void continuedFailsForAClientThatStoppedOrUpgraded() {
    assertThatThrownBy(() -> assertThat(STOPPED).clientContinuedWithoutTls())
        .hasMessageContaining("but it sent nothing more than QUIT, LOGOUT, capability queries or the upgrade command");
    assertThatThrownBy(() -> assertThat(UPGRADED).clientContinuedWithoutTls())
        .hasMessageContaining("but the server agreed to start TLS");
  }
}
