package io.tlsprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
  private static Function<String, Optional<String>> from(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key));
  }

  private final Placeholders placeholders = new Placeholders(
      from(Map.of("port", "8443", "shared", "from-configuration")),
      from(Map.of("host", "gateway.test", "shared", "from-system-property", "only.property", "p")),
      from(Map.of("shared", "from-environment", "TRUSTSTORE_PASSWORD", "secret")));

  @Test
  void keepsTextWithoutPlaceholders() throws Exception {
    assertThat(placeholders.resolve("localhost")).isEqualTo("localhost");
    assertThat(placeholders.resolve("$ {port} and $port")).isEqualTo("$ {port} and $port");
  }

  @Test
  void prefersConfigurationParametersThenSystemPropertiesThenEnvironment() throws Exception {
    assertThat(placeholders.resolve("${shared}")).isEqualTo("from-configuration");
    assertThat(placeholders.resolve("${only.property}")).isEqualTo("p");
    assertThat(placeholders.resolve("${TRUSTSTORE_PASSWORD}")).isEqualTo("secret");
  }

  @Test
  void resolvesSeveralPlaceholdersInOneValue() throws Exception {
    assertThat(placeholders.resolve("https://${host}:${port}/")).isEqualTo("https://gateway.test:8443/");
  }

  @Test
  void usesTheDefaultOnlyWhenNoSourceDefinesTheKey() throws Exception {
    assertThat(placeholders.resolve("${port:443}")).isEqualTo("8443");
    assertThat(placeholders.resolve("${missing:443}")).isEqualTo("443");
    assertThat(placeholders.resolve("${missing:}")).isEmpty();
    assertThat(placeholders.resolve("${missing:a:b}")).isEqualTo("a:b");
  }

  @Test
  void namesThePlaceholderNoSourceDefines() {
    assertThatThrownBy(() -> placeholders.resolve("localhost:${gateway.port}"))
        .isInstanceOf(Placeholders.Unresolvable.class)
        .hasMessage("${gateway.port}, which no configuration parameter, system property or environment variable"
            + " defines")
        .extracting(e -> ((Placeholders.Unresolvable) e).placeholder()).isEqualTo("${gateway.port}");
  }

  @Test
  void rejectsAnUnclosedPlaceholder() {
    assertThatThrownBy(() -> placeholders.resolve("${port"))
        .isInstanceOf(Placeholders.Unresolvable.class)
        .hasMessage("${port, which is not closed by '}'");
  }

  @Test
  void rejectsAPlaceholderWithoutKey() {
    assertThatThrownBy(() -> placeholders.resolve("${:443}"))
        .isInstanceOf(Placeholders.Unresolvable.class)
        .hasMessage("${:443}, which names no key");
  }
}
