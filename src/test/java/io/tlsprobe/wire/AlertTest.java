package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertTest {
  @Test
  void decodesAFatalHandshakeFailure() {
    Alert alert = Alert.decode(new byte[] {2, 40});
    assertThat(alert).isEqualTo(new Alert(Alert.FATAL, 40));
    assertThat(alert.isFatal()).isTrue();
    assertThat(alert.encode()).containsExactly(2, 40);
  }

  @Test
  void decodesAWarningCloseNotify() {
    assertThat(Alert.decode(new byte[] {1, 0}).isFatal()).isFalse();
  }

  @Test
  void rejectsAnUnknownLevel() {
    assertThatThrownBy(() -> Alert.decode(new byte[] {3, 40}))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> {
          assertThat(e.field()).isEqualTo("Alert.level");
          assertThat(e.offset()).isZero();
        });
  }

  @Test
  void rejectsATruncatedAlertAndTrailingBytes() {
    assertThatThrownBy(() -> Alert.decode(new byte[] {2}))
        .isInstanceOfSatisfying(TlsDecodeException.class,
            e -> assertThat(e.field()).isEqualTo("Alert.description"));
    assertThatThrownBy(() -> Alert.decode(new byte[] {2, 40, 0}))
        .isInstanceOfSatisfying(TlsDecodeException.class, e -> assertThat(e.offset()).isEqualTo(2));
  }
}
