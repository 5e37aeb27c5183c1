package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The POP3 front, seen by tlsprobe's own STARTTLS client and by scripted clients, sound and vulnerable. */
class Pop3FrontTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TlsCaptureServer server(StartTlsBehaviour behaviour) {
    return TlsCaptureServer.builder().protocol(ServiceProtocol.POP3).startTlsBehaviour(behaviour).build().start();
  }

  @Test
  void probeUpgradesThroughTheFrontAndBothSidesAgree() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.UPGRADE)) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.POP3).startTlsInjectionCheck(false).build());
      TlsConnectionReport captured = server.awaitConnection(WAIT);

      assertThat(probed).isEstablished().usesStartTls(StartTls.POP3).plainTextPhase().advertisedStartTls()
          .offeredAuthenticationBeforeTls().hasCapabilityAfterTls("SASL");
      assertThat(captured).isEstablished().usesStartTls(StartTls.POP3).plainTextPhase().wasUpgraded()
          .advertisedStartTls().sentNoCredentialsBeforeTls();
      Assertions.assertThat(captured.protocol()).isEqualTo(probed.protocol());
      Assertions.assertThat(captured.cipherSuite()).isEqualTo(probed.cipherSuite());
      Assertions.assertThat(captured.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: STLS\nS: +OK Begin TLS negotiation now\nC (tls): CAPA\n");
      Assertions.assertThat(server.uri()).hasToString("pop3://localhost:" + server.port());
    }
  }

  @Test
  void probesInjectionCheckPipelinesACommandThatTheFrontHandsToTls() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.UPGRADE)) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.POP3).build());

      assertThat(probed).isNotVulnerableToStartTlsInjection();
      assertThat(server.awaitConnection(WAIT)).isEstablished();
      Assertions.assertThat(server.awaitConnection(WAIT).outcome().reason()).contains("not a TLS ClientHello");
    }
  }

  @Test
  void probeReportsTheRefusalQuotingTheFront() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.REFUSED)) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.POP3).build());

      assertThat(probed).failedStartTls();
      Assertions.assertThat(probed.outcome().reason())
          .isEqualTo("server refused STARTTLS (STLS): -ERR [SYS/TEMP] TLS is not available now");
    }
  }

  @Test
  void probeSeesNoUpgradeOfferedWhenStlsIsStripped() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.NOT_ADVERTISED)) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.POP3).build());

      assertThat(probed).failedStartTls().plainTextPhase().didNotAdvertiseStartTls();
    }
  }

  @Test
  void probeHandshakesDirectlyWithTheImplicitTlsFront() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POP3).implicitTls(true)
        .build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port()).build());

      assertThat(probed).isEstablished().usesImplicitTls();
      TlsConnectionReport captured = server.awaitConnection(WAIT);
      assertThat(captured).isEstablished().usesImplicitTls();
      Assertions.assertThat(captured.peerSentApplicationData()).as("the probe only handshakes").contains(false);
      Assertions.assertThat(server.uri()).hasToString("pop3s://localhost:" + server.port());
    }
  }

  @Test
  void judgesVulnerableAClientThatTakesTheInjectedListAsItsCapaAnswer() throws IOException {
    try (TlsCaptureServer server = server(StartTlsBehaviour.INJECT_RESPONSE);
        ScriptedClient client = ScriptedClient.connect(server)) {
      client.readLine();
      client.send("STLS");
      List<String> buffered = client.readLinesUntil(line -> line.equals("."));
      client.startTls();
      client.send("CAPA");
      // vulnerable: the buffered list completes CAPA, so it logs in at once
      client.send("USER alice");

      InjectionCheck check = client.closeAndAwait().plainTextPhase().orElseThrow().injection().orElseThrow();
      Assertions.assertThat(buffered).containsExactly("+OK Begin TLS negotiation now", "+OK injected.tlsprobe.invalid",
          "USER", "SASL PLAIN", "X-TLSPROBE-INJECTED", ".");
      Assertions.assertThat(check.verdict()).isEqualTo(InjectionVerdict.VULNERABLE);
    }
  }

  @Test
  void judgesNotVulnerableAClientThatWaitsForItsAnswerInsideTls() throws IOException {
    try (TlsCaptureServer server = server(StartTlsBehaviour.INJECT_RESPONSE);
        ScriptedClient client = ScriptedClient.connect(server)) {
      client.readLine();
      client.send("STLS");
      client.readLinesUntil(line -> line.equals("."));
      client.startTls();
      client.send("CAPA");
      List<String> answer = client.readLinesUntil(line -> line.equals("."));

      InjectionCheck check = client.closeAndAwait().plainTextPhase().orElseThrow().injection().orElseThrow();
      Assertions.assertThat(answer).doesNotContain("X-TLSPROBE-INJECTED", "STLS").contains("USER");
      Assertions.assertThat(check.verdict()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  @Test
  void servesTheMailboxWithDeletionsForTheSessionOnly() throws IOException {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POP3).implicitTls(true)
        .build().start(); ScriptedClient client = ScriptedClient.connectTls(server)) {
      client.readLine();
      client.send("AUTH PLAIN AGFsaWNlAHNlY3JldA==");
      String auth = client.readLine();
      client.send("APOP alice 0123456789abcdef0123456789abcdef");
      String apop = client.readLine();
      client.send("UIDL");
      List<String> uidl = client.readLinesUntil(line -> line.equals("."));
      client.send("TOP 1 1");
      List<String> top = client.readLinesUntil(line -> line.equals("."));
      client.send("DELE 1");
      String dele = client.readLine();
      client.send("STAT");
      String stat = client.readLine();
      client.send("RETR 1");
      String gone = client.readLine();
      client.send("RSET");
      client.readLine();
      client.send("LIST");
      List<String> list = client.readLinesUntil(line -> line.equals("."));

      Assertions.assertThat(auth).isEqualTo("+OK Logged in");
      Assertions.assertThat(apop).isEqualTo("-ERR [AUTH] APOP is not supported");
      Assertions.assertThat(uidl).containsExactly("+OK 2 messages", "1 tlsprobe-1", "2 tlsprobe-2", ".");
      Assertions.assertThat(top).contains("Subject: Hello from tlsprobe", "",
          "This message was served by the tlsprobe capture server.").doesNotContain("It is the same in every session.");
      Assertions.assertThat(dele).isEqualTo("+OK Marked to be deleted");
      Assertions.assertThat(stat).isEqualTo("+OK 1 " + SampleMailbox.MESSAGES.get(1).size());
      Assertions.assertThat(gone).isEqualTo("-ERR No such message");
      Assertions.assertThat(list).hasSize(4);
    }
  }
}
