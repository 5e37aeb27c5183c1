package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.wire.Bytes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ReportJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void writesTheDocumentedKeysOfAnEstablishedReport() {
    JsonNode json = MAPPER.readTree(ReportJson.toJson(ReportFixtures.established()));

    assertThat(json.get("schema").asString()).isEqualTo("tlsprobe.report/1");
    assertThat(json.get("outcome").asString()).isEqualTo("established");
    assertThat(json.get("protocol").asString()).isEqualTo("TLSv1.2");
    assertThat(json.get("cipher_suite").asString()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(json.get("cipher").get("secret_bits").asInt()).isEqualTo(128);
    assertThat(json.get("cipher").get("forward_secrecy").asBoolean()).isTrue();
    assertThat(json.get("group").asString()).isEqualTo("x25519");
    assertThat(json.get("compression").asString()).isEqualTo("null");
    assertThat(json.get("alpn").asString()).isEqualTo("h2");
    assertThat(json.get("certificates").get(0).get("subject").asString()).isEqualTo("CN=localhost");
    assertThat(json.get("verification").get("trusted").asBoolean()).isTrue();
    assertThat(json.get("client_hello").get("ja3_hash").asString()).isEqualTo("0149f47eabf9a20d0893e2a44e5a6323");
    assertThat(json.get("server_hello").get("cipher_suite").asInt()).isEqualTo(0xc02f);
    assertThat(json.get("handshake_time_ms").asInt()).isEqualTo(12);
  }

  @Test
  void writesNullsAndTheTransportProblemOfAFailedProbe() {
    TlsConnectionReport report = TlsConnectionReport.builder(Endpoint.direct("127.0.0.1", 22),
        Outcome.transportError(Outcome.TransportProblem.NOT_TLS, "server spoke something else: \"SSH-2.0\"",
            Bytes.of("SSH-2.0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))).build();

    JsonNode json = MAPPER.readTree(ReportJson.toJson(report));

    assertThat(json.get("outcome").asString()).isEqualTo("transport_error");
    assertThat(json.get("transport_problem").asString()).isEqualTo("not_tls");
    assertThat(json.get("peer_bytes").asString()).isEqualTo("5353482d322e30");
    assertThat(json.get("protocol").isNull()).isTrue();
    assertThat(json.get("cipher").isNull()).isTrue();
    assertThat(json.get("certificates").size()).isZero();
    assertThat(json.get("verification").get("problems").get(0).get("kind").asString()).isEqualTo("no_certificate");
  }
}
