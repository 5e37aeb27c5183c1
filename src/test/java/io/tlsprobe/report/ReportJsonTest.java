package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.SmtpFront;
import io.tlsprobe.wire.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
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

  @Test
  void directReportHasNoPlainTextPhase() {
    JsonNode json = MAPPER.readTree(ReportJson.toJson(ReportFixtures.established()));

    assertThat(json.get("endpoint").get("connection").asString()).isEqualTo("direct");
    assertThat(json.has("plain_text_phase")).isTrue();
    assertThat(json.get("plain_text_phase").isNull()).isTrue();
  }

  @Test
  void writesWhatTheClientDidAfterTheHandshakeAndNullForAProbe() {
    // given a probe's report (nothing recorded) and a captured one whose client closed without a request
    TlsConnectionReport closed = ReportFixtures.established().toBuilder().afterHandshake(new AfterHandshake(false,
        Optional.of(AlertDescription.of(46)), "sent fatal alert certificate_unknown (46), without sending any "
            + "application data")).build();

    // when
    JsonNode probe = MAPPER.readTree(ReportJson.toJson(ReportFixtures.established()));
    JsonNode captured = MAPPER.readTree(ReportJson.toJson(closed));

    // then
    assertThat(probe.has("after_handshake")).isTrue();
    assertThat(probe.get("after_handshake").isNull()).isTrue();
    JsonNode after = captured.get("after_handshake");
    assertThat(after.get("peer_sent_application_data").isBoolean()).isTrue();
    assertThat(after.get("peer_sent_application_data").asBoolean()).isFalse();
    assertThat(after.get("peer_alert").asString()).isEqualTo("certificate_unknown");
    assertThat(after.get("detail").asString())
        .isEqualTo("sent fatal alert certificate_unknown (46), without sending any application data");
    assertThat(MAPPER.readTree(ReportJson.toJson(ReportFixtures.established().toBuilder()
        .afterHandshake(AfterHandshake.sentApplicationData()).build())).get("after_handshake")
        .get("peer_alert").isNull()).isTrue();
  }

  /** Reports of real STARTTLS probes against an in-process SMTP front, read back with jackson-databind. */
  @Nested
  class PlainTextPhaseOfRealProbes {
    private TlsConnectionReport probe(SmtpFront front) {
      return TlsProbes.probe(ProbeOptions.builder(front.host(), front.port()).startTls(StartTls.SMTP)
          .timeout(Duration.ofSeconds(5)).build());
    }

    private List<String> strings(JsonNode array) {
      List<String> values = new ArrayList<>();
      array.forEach(v -> values.add(v.asString()));
      return values;
    }

    @Test
    void writesEveryFieldOfAnUpgradedSmtpPhase() throws Exception {
      // given
      TlsConnectionReport report;
      try (SmtpFront front = SmtpFront.start()) {
        report = probe(front);
      }
      PlainTextPhase phase = report.plainTextPhase().orElseThrow();

      // when
      JsonNode json = MAPPER.readTree(ReportJson.toJson(report));

      // then
      assertThat(json.get("outcome").asString()).as(report.toString()).isEqualTo("established");
      assertThat(json.get("endpoint").get("connection").asString()).isEqualTo("starttls:smtp");
      JsonNode p = json.get("plain_text_phase");
      assertThat(p.get("dialect").asString()).isEqualTo("smtp");
      assertThat(p.get("greeting").asString()).isEqualTo(SmtpFront.GREETING);
      assertThat(strings(p.get("capabilities_before"))).contains("STARTTLS", "AUTH PLAIN LOGIN")
          .isEqualTo(phase.capabilitiesBefore());
      assertThat(strings(p.get("capabilities_after"))).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS")
          .isEqualTo(phase.capabilitiesAfter());
      assertThat(p.get("starttls_advertised").asBoolean()).isTrue();
      assertThat(p.get("plain_text_authentication_offered").asBoolean()).isTrue();
      assertThat(strings(p.get("authentication_evidence"))).isNotEmpty().isEqualTo(phase.authenticationEvidence());
      assertThat(p.get("upgraded").asBoolean()).isTrue();
      assertThat(p.get("truncated").asBoolean()).isFalse();
      JsonNode first = p.get("transcript").get(0);
      assertThat(first.get("direction").asString()).isEqualTo("S");
      assertThat(first.get("over_tls").asBoolean()).isFalse();
      assertThat(first.get("text").asString()).isEqualTo(SmtpFront.GREETING);
      assertThat(p.get("transcript").size()).isEqualTo(phase.transcript().size());
      List<String> lines = new ArrayList<>();
      p.get("transcript").forEach(l -> lines.add(l.get("direction").asString()
          + (l.get("over_tls").asBoolean() ? " (tls)" : "") + ": " + l.get("text").asString()));
      assertThat(lines).contains("C: STARTTLS").anyMatch(l -> l.startsWith("S (tls): 250"))
          .isEqualTo(phase.transcript().stream().map(PlainTextPhase.Line::toString).toList());
      JsonNode injection = p.get("injection");
      assertThat(injection.get("verdict").asString()).isEqualTo("not_vulnerable");
      assertThat(injection.get("injected_command").asString()).isEqualTo("NOOP");
      assertThat(injection.get("detail").asString()).isEqualTo(phase.injection().orElseThrow().detail());
      assertThat(injection.get("transcript").size()).isPositive();
    }

    @Test
    void writesTheVerdictOfAFrontThatAnswersInjectedCommands() throws Exception {
      TlsConnectionReport report;
      try (SmtpFront front = SmtpFront.builder().answerInjectedCommands(true).start()) {
        report = probe(front);
      }

      JsonNode json = MAPPER.readTree(ReportJson.toJson(report));

      assertThat(json.get("plain_text_phase").get("injection").get("verdict").asString()).as(report.toString())
          .isEqualTo("vulnerable");
    }

    @Test
    void writesAStartTlsFailureWithThePhaseThatLedToIt() throws Exception {
      // given: a front that does not advertise STARTTLS nor AUTH, probed without the injection check
      TlsConnectionReport report;
      try (SmtpFront front = SmtpFront.builder().advertiseStartTls(false).offerAuthBeforeTls(false)
          .start()) {
        report = TlsProbes.probe(ProbeOptions.builder(front.host(), front.port()).startTls(StartTls.SMTP)
            .startTlsInjectionCheck(false).timeout(Duration.ofSeconds(5)).build());
      }

      // when
      JsonNode json = MAPPER.readTree(ReportJson.toJson(report));

      // then
      assertThat(json.get("outcome").asString()).isEqualTo("starttls_failed");
      assertThat(json.get("outcome_reason").asString()).startsWith("server did not advertise STARTTLS")
          .isEqualTo(report.outcome().reason());
      assertThat(json.get("protocol").isNull()).isTrue();
      JsonNode p = json.get("plain_text_phase");
      assertThat(p.get("starttls_advertised").asBoolean()).isFalse();
      assertThat(p.get("upgraded").asBoolean()).isFalse();
      assertThat(p.get("capabilities_after").size()).isZero();
      assertThat(p.get("injection").isNull()).isTrue();
      assertThat(p.get("plain_text_authentication_offered").isNull())
          .isEqualTo(report.plainTextPhase().orElseThrow().plainTextAuthenticationOffered().isEmpty());
    }
  }
}
