package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

  @ParameterizedTest(name = "{0} -> {1} port {2}")
  @CsvSource({
    "example.test:8443, example.test, 8443",
    "127.0.0.1:1, 127.0.0.1, 1",
    "[::1]:443, ::1, 443",
    "[2001:db8::1]:65535, 2001:db8::1, 65535",
    "[::1], ::1, 443",
    "::1, ::1, 443",
    "localhost, localhost, 443",
    "' padded.test:25 ', padded.test, 25"
  })
  void readsHostAndPortInEveryWrittenForm(String text, String host, int port) {
    HostPort target = HostPort.parse(text);

    assertThat(target.host()).isEqualTo(host);
    assertThat(target.port()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "host:", "host:0", "host:65536", "host:99999", "host:http", "host:-1", ":443",
      "[::1", "[]:443", "[::1]443", "host:123456"})
  void rejectsTargetsThatNameNoUsableHostOrPortNamingTheText(String text) {
    assertThatThrownBy(() -> HostPort.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text.isEmpty() ? "empty" : "'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"example.test:8443, example.test:8443", "[::1]:443, [::1]:443", "::1, [::1]:443"})
  void printsIpv6LiteralsInBrackets(String text, String printed) {
    assertThat(HostPort.parse(text)).hasToString(printed);
  }

  @ParameterizedTest
  @CsvSource({"example.test:8443, true", "[::1]:443, true", "example.test, false", "[::1], false", "::1, false"})
  void knowsWhetherThePortWasWrittenOut(String text, boolean given) {
    assertThat(HostPort.parse(text).portGiven()).isEqualTo(given);
  }
}
