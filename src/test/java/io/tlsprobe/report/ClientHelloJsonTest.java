package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.ClientHelloVectors;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.TlsDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The report's {@code client_hello}: decode's object, every code point named; and the one-line form of a report. */
class ClientHelloJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.isNumber() ? String.valueOf(v.asInt()) : v.asString()));
    return values;
  }

  @Test
  void namesEveryCodePointOfCurlsHelloBesideItsCode() {
    // given curl 7.88's ClientHello in a report
    JsonNode hello = MAPPER.readTree(ReportJson.toJson(ReportFixtures.established())).get("client_hello");

    // then each list of codes has a names list of the same length, naming what the wire says
    assertThat(hello.get("type").asString()).isEqualTo("client_hello");
    assertThat(hello.get("handshake_type").asInt()).isEqualTo(1);
    assertThat(hello.get("length").asInt()).isEqualTo(508);
    assertThat(hello.get("legacy_version").asInt()).isEqualTo(0x0303);
    assertThat(hello.get("legacy_version_name").asString()).isEqualTo("TLS 1.2");
    assertThat(hello.get("cipher_suites").size()).isEqualTo(31).isEqualTo(hello.get("cipher_suite_names").size());
    assertThat(hello.get("cipher_suites").get(0).asInt()).isEqualTo(0x1302);
    assertThat(hello.get("cipher_suite_names").get(0).asString()).isEqualTo("TLS_AES_256_GCM_SHA384");
    assertThat(strings(hello.get("supported_version_names"))).containsExactly("TLS 1.3", "TLS 1.2", "TLS 1.1",
        "TLS 1.0");
    assertThat(strings(hello.get("key_share_group_names"))).containsExactly("x25519");
    assertThat(strings(hello.get("ec_point_format_names")))
        .containsExactly("uncompressed", "ansiX962_compressed_prime", "ansiX962_compressed_char2");
    assertThat(strings(hello.get("psk_key_exchange_mode_names"))).containsExactly("psk_dhe_ke");
    assertThat(strings(hello.get("compression_method_names"))).containsExactly("null");
    assertThat(hello.get("extension_names").get(0).asString()).isEqualTo("server_name");
    assertThat(hello.get("signature_algorithms_cert").size()).isZero();
    assertThat(hello.get("server_name").asString()).isEqualTo("localhost");
    assertThat(strings(hello.get("alpn"))).containsExactly("h2", "http/1.1");
    assertThat(hello.get("ja3_hash").asString()).isEqualTo("0149f47eabf9a20d0893e2a44e5a6323");
    assertThat(hello.get("ja4").asString()).isEqualTo("t13d3112h2_e8f1e7e78f70_b26ce05bbdd6");
    assertThat(hello.get("ja4_r").asString()).startsWith("t13d3112h2_002f,0033,");
  }

  @Test
  void keepsGreaseValuesInWireOrderAndNamesThemGrease() {
    // given Chromium's hello, which sends GREASE
    byte[] bytes = ClientHelloVectors.captured("chromium_headless").bytes();
    TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("127.0.0.1", 50000),
        Outcome.established()).clientHello(TlsDecoder.decode(bytes).clientHello().orElseThrow()).build();

    // when
    JsonNode hello = MAPPER.readTree(ReportJson.toJson(report)).get("client_hello");

    // then
    assertThat(hello.get("cipher_suite_names").get(0).asString()).isEqualTo("GREASE (0x5a5a)");
    assertThat(hello.get("cipher_suites").get(0).asInt()).isEqualTo(0x5a5a);
    assertThat(strings(hello.get("supported_version_names"))).containsExactly("GREASE (0xaaaa)", "TLS 1.3",
        "TLS 1.2");
    assertThat(strings(hello.get("key_share_group_names"))).containsExactly("GREASE (0xbaba)", "X25519MLKEM768",
        "x25519");
  }

  @Test
  void aReportWithoutAHelloHasANullClientHello() {
    TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("127.0.0.1", 50000),
        Outcome.transportError(Outcome.TransportProblem.CLOSED, "the client closed without sending anything",
            Bytes.empty())).build();

    JsonNode json = MAPPER.readTree(ReportJson.toJsonLine(report));

    assertThat(json.get("client_hello").isNull()).isTrue();
  }

  @Test
  void jsonLineIsOneLineHoldingWhatThePrettyFormHolds() {
    // given a report whose reason spans lines
    TlsConnectionReport report = ReportFixtures.established().toBuilder()
        .outcome(Outcome.abortedLocally("first line\nsecond line")).build();

    // when
    String line = ReportJson.toJsonLine(report);

    // then
    assertThat(line).doesNotContain("\n").doesNotContain("\r").startsWith("{\"schema\":\"tlsprobe.report/1\",");
    assertThat(MAPPER.readTree(line)).isEqualTo(MAPPER.readTree(ReportJson.toJson(report)));
    assertThat(MAPPER.readTree(line).get("outcome_reason").asString()).isEqualTo("first line\nsecond line");
  }
}
