package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.cert.Certificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeOptionsTest {

  @ParameterizedTest(name = "{0} -> SNI ''{1}''")
  @CsvSource({
      "example.com, example.com",
      "mail.example.test, mail.example.test",
      "localhost, ''",
      "127.0.0.1, ''",
      "::1, ''",
      "2001:db8::1, ''",
      "example.com., ''",
  })
  void sendsTheHostAsServerNameOnlyWhenJsseWould(String host, String expected) {
    ProbeOptions options = ProbeOptions.of(host, 443);

    assertThat(options.serverName().orElse("")).isEqualTo(expected);
  }

  @Test
  void sendsAnExplicitServerNameOrNoneWhenTold() {
    assertThat(ProbeOptions.builder("127.0.0.1", 443).serverName("api.test").build().serverName())
        .contains("api.test");
    assertThat(ProbeOptions.builder("example.com", 443).noServerName().build().serverName()).isEmpty();
  }

  @Test
  void documentsItsDefaults() {
    ProbeOptions options = ProbeOptions.of("localhost", 8443);

    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.totalTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.alpn()).isEmpty();
    assertThat(options.protocols()).isEmpty();
    assertThat(options.cipherSuites()).isEmpty();
    assertThat(options.trustStoreDescription()).isEqualTo("JDK default trust store");
  }

  @Test
  void copiesTheListsItIsGiven() {
    List<String> alpn = new ArrayList<>(List.of("h2"));
    ProbeOptions options = ProbeOptions.builder("localhost", 1).alpn(alpn).build();
    alpn.add("http/1.1");

    assertThat(options.alpn()).containsExactly("h2");
    assertThatThrownBy(() -> options.alpn().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void keepsItsValuesThroughToBuilder() {
    ProbeOptions options = ProbeOptions.builder("localhost", 1).alpn("h2").protocols("TLSv1.3")
        .handshakeTimeout(Duration.ofMillis(700)).serverName("a.test").build();

    ProbeOptions copy = options.toBuilder().port(2).build();

    assertThat(copy.port()).isEqualTo(2);
    assertThat(copy.alpn()).containsExactly("h2");
    assertThat(copy.protocols()).contains(List.of("TLSv1.3"));
    assertThat(copy.handshakeTimeout()).isEqualTo(Duration.ofMillis(700));
    assertThat(copy.serverName()).contains("a.test");
  }

  @Test
  void rejectsValuesThatCannotWork() {
    assertThatThrownBy(() -> ProbeOptions.of("localhost", 0)).hasMessage("port must be 1-65535: 0");
    assertThatThrownBy(() -> ProbeOptions.of(" ", 443)).hasMessage("host must not be blank");
    assertThatThrownBy(() -> ProbeOptions.builder("h", 1).handshakeTimeout(Duration.ZERO))
        .hasMessage("handshakeTimeout must be positive: PT0S");
    assertThatThrownBy(() -> ProbeOptions.builder("h", 1).serverName("10.0.0.1"))
        .hasMessageContaining("not blank or an IP literal");
    assertThatThrownBy(() -> ProbeOptions.builder("h", 1).protocols(List.of()))
        .hasMessage("protocols must not be empty");
    assertThatThrownBy(() -> ProbeOptions.builder("h", 1).alpn("")).hasMessageContaining("1-255 characters");
  }

  @Test
  void showsItsSettingsButNoPasswords() {
    ProbeOptions options = ProbeOptions.builder("localhost", 8443)
        .clientCertificate(Certificates.trustStore(), "secret-password".toCharArray()).build();

    assertThat(options.toString()).contains("localhost:8443").contains("client certificate yes")
        .doesNotContain("secret-password");
  }
}
