package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cli.Main;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code tlsprobe decode --json FILE} on a server's bytes and checks its JSON (schema
 * {@code tlsprobe.decode/1}) against tshark's dissection of the same bytes: records, handshake types, the
 * ServerHello's choices and JA3S, certificate lengths, the key exchange group or prime size, the stapled OCSP
 * response, alerts.
 *
 * <pre>{@code
 * new CliDecodeAgreement(agreement).assertAgrees(flight);
 * }</pre>
 */
final class CliDecodeAgreement {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String HRR_RANDOM =
      "cf:21:ad:74:e5:9a:61:11:be:1d:8c:02:1e:65:b8:91:c2:a2:11:16:7a:bb:8c:5e:07:9e:09:e2:c8:a8:33:9c";

  private final Agreement agreement;

  CliDecodeAgreement(Agreement agreement) {
    this.agreement = agreement;
  }

  /** The CLI's JSON for the flight's server bytes. */
  static JsonNode decodeJson(ServerFlight flight) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"decode", "--json", flight.serverBytesFile().toString()},
        new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream());
    assertThat(code).as("tlsprobe decode --json exit code; stderr: %s", err).isEqualTo(Main.OK);
    return JSON.readTree(out.toString());
  }

  /** Asserts that the CLI's JSON says what tshark says about the server's bytes, and returns the JSON. */
  JsonNode assertAgrees(ServerFlight flight) {
    JsonNode json = decodeJson(flight);
    assertThat(json.path("schema").asString()).isEqualTo("tlsprobe.decode/1");
    records(json, flight.tsharkServerRecords());
    List<TsharkPdu> messages = flight.tsharkServerMessages();
    JsonNode jsonMessages = json.path("messages");
    equal("handshake types", ints(jsonMessages, "handshake_type"),
        messages.stream().map(TsharkPdu::handshakeType).toList());
    for (int i = 0; i < messages.size(); i++) {
      message(jsonMessages.get(i), messages.get(i));
    }
    return json;
  }

  private void records(JsonNode json, List<TsharkPdu> records) {
    JsonNode jsonRecords = json.path("records");
    equal("record count", jsonRecords.size(), records.size());
    List<Integer> alertLevels = new ArrayList<>();
    List<Integer> alertDescriptions = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      TsharkPdu r = records.get(i);
      JsonNode record = jsonRecords.get(i);
      List<String> type = r.values("tls.record.content_type").isEmpty()
          ? r.values("tls.record.opaque_type") : r.values("tls.record.content_type");
      equal("record " + i + " content_type", record.path("content_type").asInt(), Integer.parseInt(type.get(0)));
      equal("record " + i + " version", record.path("version").asInt(), hex(r.value("tls.record.version")));
      equal("record " + i + " length", record.path("length").asInt(), dec(r.value("tls.record.length")));
      r.values("tls.alert_message.level").forEach(v -> alertLevels.add(dec(v)));
      r.values("tls.alert_message.desc").forEach(v -> alertDescriptions.add(dec(v)));
    }
    equal("alert levels", ints(json.path("alerts"), "level"), alertLevels);
    equal("alert descriptions", ints(json.path("alerts"), "description"), alertDescriptions);
  }

  private void message(JsonNode m, TsharkPdu t) {
    equal("message length", m.path("length").asInt(), dec(t.value("tls.handshake.length")));
    switch (t.handshakeType()) {
      case 2 -> serverHello(m, t);
      case 11 -> equal("certificate lengths", ints(m.path("certificates"), "length"),
          t.values("tls.handshake.certificate_length").stream().map(Integer::parseInt).toList());
      case 12 -> serverKeyExchange(m, t);
      case 22 -> {
        equal("certificate_status status_type", m.path("status_type").asInt(),
            dec(t.value("tls.handshake.extensions_status_request_type")));
        equal("certificate_status response_length", m.path("response_length").asInt(),
            dec(t.value("tls.handshake.ocsp_response_len")));
      }
      default -> { }
    }
  }

  private void serverHello(JsonNode m, TsharkPdu t) {
    String random = t.value("tls.handshake.random");
    equal("ServerHello type name", m.path("type").asString(),
        random.equals(HRR_RANDOM) ? "hello_retry_request" : "server_hello");
    equal("ServerHello legacy_version", m.path("legacy_version").asInt(), hex(t.value("tls.handshake.version")));
    equal("ServerHello random", m.path("random").asString(), random.replace(":", ""));
    equal("ServerHello session_id", m.path("session_id").asString(),
        t.values("tls.handshake.session_id").stream().findFirst().orElse("").replace(":", ""));
    equal("ServerHello cipher_suite", m.path("cipher_suite").asInt(), hex(t.value("tls.handshake.ciphersuite")));
    equal("ServerHello compression_method", m.path("compression_method").asInt(),
        dec(t.value("tls.handshake.comp_method")));
    equal("ServerHello extensions", ints(m.path("extensions")),
        t.values("tls.handshake.extension.type").stream().map(Integer::parseInt).toList());
    List<String> selected = t.values("tls.handshake.extensions.supported_version");
    equal("ServerHello selected_version", m.path("selected_version").asInt(),
        hex(selected.isEmpty() ? t.value("tls.handshake.version") : selected.get(0)));
    List<String> group = new ArrayList<>(t.values("tls.handshake.extensions_key_share_group"));
    group.addAll(t.values("tls.handshake.extensions_key_share_selected_group"));
    equal("ServerHello key_share_group", !m.path("key_share_group").isNumber() ? List.of() : List.of(
        m.path("key_share_group").asInt()), group.stream().map(Integer::parseInt).toList());
    equal("ServerHello ja3s", m.path("ja3s").asString(), t.value("tls.handshake.ja3s_full"));
    equal("ServerHello ja3s_hash", m.path("ja3s_hash").asString(), t.value("tls.handshake.ja3s"));
  }

  private void serverKeyExchange(JsonNode m, TsharkPdu t) {
    if (!t.values("tls.handshake.server_named_curve").isEmpty()) {
      equal("ServerKeyExchange ecdhe.named_group", m.path("ecdhe").path("named_group").asInt(),
          hex(t.value("tls.handshake.server_named_curve")));
      equal("ServerKeyExchange ecdhe.public_key_length", m.path("ecdhe").path("public_key_length").asInt(),
          dec(t.value("tls.handshake.server_point_len")));
      equal("ServerKeyExchange has no dhe", m.has("dhe"), false);
    } else {
      equal("ServerKeyExchange dhe.prime_bits", m.path("dhe").path("prime_bits").asInt(),
          new BigInteger(1, bytes(t.value("tls.handshake.p"))).bitLength());
      equal("ServerKeyExchange dhe.generator", m.path("dhe").path("generator").asString(),
          t.value("tls.handshake.g").replace(":", ""));
      equal("ServerKeyExchange dhe.public_key_length", m.path("dhe").path("public_key_length").asInt(),
          dec(t.value("tls.handshake.ys_len")));
      equal("ServerKeyExchange has no ecdhe", m.has("ecdhe"), false);
    }
  }

  private void equal(String what, Object cli, Object tshark) {
    assertThat(cli).as("tlsprobe decode --json: %s (tshark's value is expected)", what).isEqualTo(tshark);
    agreement.countFields(1);
  }

  private static List<Integer> ints(JsonNode array, String field) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asInt()));
    return out;
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }

  private static int hex(String tshark) {
    return Integer.parseInt(tshark.substring(2), 16);
  }

  private static int dec(String tshark) {
    return Integer.parseInt(tshark);
  }

  private static byte[] bytes(String colonHex) {
    return java.util.HexFormat.of().parseHex(colonHex.replace(":", ""));
  }
}
