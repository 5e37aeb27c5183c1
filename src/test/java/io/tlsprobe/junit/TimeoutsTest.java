package io.tlsprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeoutsTest {
  @ParameterizedTest
  @CsvSource({
      "500ms, 500",
      "5s, 5000",
      "5 s, 5000",
      "1.5s, 1500",
      "2m, 120000",
      "2min, 120000",
      "1h, 3600000",
      "PT5S, 5000",
      "pt0.25s, 250",
      "10S, 10000"})
  void readsNumbersWithUnitsAndIsoDurations(String text, long millis) {
    assertThat(Timeouts.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "soon", "-5s", "0s", "0.0001s", "PT0S", "PT-1S", "5 seconds", "s", "1e3ms"})
  void rejectsWhatIsNoPositiveDuration(String text) {
    assertThat(Timeouts.parse(text)).isEmpty();
  }
}
