package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeoutsTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"5s, 5000", "500ms, 500", "2m, 120000", "1.5s, 1500", "5, 5000", "PT5S, 5000", "pt0.25s, 250",
      "' 3 S ', 3000"})
  void readsTimeoutsAsPeopleWriteThem(String text, long millis) {
    assertThat(Timeouts.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0", "PT0S", "-PT1S", "soon", "5h", "", "s", "1e3s"})
  void rejectsWhatIsNotAPositiveDurationNamingTheText(String text) {
    assertThatThrownBy(() -> Timeouts.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }
}
