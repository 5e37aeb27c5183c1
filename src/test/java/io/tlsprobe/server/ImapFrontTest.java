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

/** The IMAP front, seen by tlsprobe's own STARTTLS client and by scripted clients, sound and vulnerable. */
class ImapFrontTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TlsCaptureServer server(StartTlsBehaviour behaviour) {
    return TlsCaptureServer.builder().protocol(ServiceProtocol.IMAP).startTlsBehaviour(behaviour).build().start();
  }

  @Test
  void probeUpgradesThroughTheFrontAndBothSidesAgree() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.UPGRADE)) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.IMAP).startTlsInjectionCheck(false).build());
      TlsConnectionReport captured = server.awaitConnection(WAIT);

      assertThat(probed).isEstablished().usesStartTls(StartTls.IMAP).plainTextPhase().advertisedStartTls()
          .hasCapabilityAfterTls("AUTH=PLAIN");
      assertThat(captured).isEstablished().usesStartTls(StartTls.IMAP).plainTextPhase().wasUpgraded()
          .advertisedStartTls().offeredAuthenticationBeforeTls().sentNoCredentialsBeforeTls();
      Assertions.assertThat(captured.protocol()).isEqualTo(probed.protocol());
      Assertions.assertThat(captured.cipherSuite()).isEqualTo(probed.cipherSuite());
      Assertions.assertThat(captured.plainTextPhase().orElseThrow().transcriptText()).contains(
          "C: a2 STARTTLS\nS: a2 OK Begin TLS negotiation now\nC (tls): a3 CAPABILITY\n");
      Assertions.assertThat(server.uri()).hasToString("imap://localhost:" + server.port());
    }
  }

  @Test
  void probesInjectionCheckPipelinesACommandThatTheFrontHandsToTls() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.UPGRADE)) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.IMAP).build());

      assertThat(probed).isNotVulnerableToStartTlsInjection();
      assertThat(server.awaitConnection(WAIT)).isEstablished();
      Assertions.assertThat(server.awaitConnection(WAIT).outcome().reason()).contains("not a TLS ClientHello");
    }
  }

  @Test
  void probeSeesNoUpgradeOfferedWhenStartTlsIsStripped() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.NOT_ADVERTISED)) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.IMAP).build());

      assertThat(probed).failedStartTls().plainTextPhase().didNotAdvertiseStartTls();
      Assertions.assertThat(probed.outcome().reason()).startsWith("server did not advertise STARTTLS; capabilities "
          + "were: IMAP4rev1 AUTH=PLAIN");
    }
  }

  @Test
  void probeReportsTheRefusalQuotingTheFront() {
    try (TlsCaptureServer server = server(StartTlsBehaviour.REFUSED)) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.IMAP).build());

      assertThat(probed).failedStartTls();
      Assertions.assertThat(probed.outcome().reason())
          .isEqualTo("server refused STARTTLS: a2 NO [UNAVAILABLE] TLS is not available now");
    }
  }

  @Test
  void probeHandshakesDirectlyWithTheImplicitTlsFront() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.IMAP).implicitTls(true)
        .build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port()).build());
      TlsConnectionReport captured = server.awaitConnection(WAIT);

      assertThat(probed).isEstablished().usesImplicitTls();
      assertThat(captured).isEstablished().usesImplicitTls();
      Assertions.assertThat(captured.peerSentApplicationData()).as("the probe only handshakes").contains(false);
      Assertions.assertThat(captured.cipherSuite()).isEqualTo(probed.cipherSuite());
      Assertions.assertThat(server.uri()).hasToString("imaps://localhost:" + server.port());
    }
  }

  @Test
  void judgesVulnerableAClientThatTakesTheInjectedTaggedOkAsItsAnswer() throws IOException {
    try (TlsCaptureServer server = server(StartTlsBehaviour.INJECT_RESPONSE);
        ScriptedClient client = ScriptedClient.connect(server)) {
      client.readLine(); // greeting
      client.send("T1 STARTTLS");
      List<String> buffered = client.readLinesUntil(line -> line.startsWith("T2 "));
      client.startTls();
      client.send("T2 CAPABILITY");
      // vulnerable: the buffered "T2 OK" completes the command, so it logs in at once
      client.send("T3 LOGIN alice secret");

      InjectionCheck check = client.closeAndAwait().plainTextPhase().orElseThrow().injection().orElseThrow();
      Assertions.assertThat(buffered).containsExactly("T1 OK Begin TLS negotiation now",
          "* CAPABILITY IMAP4rev1 AUTH=PLAIN X-TLSPROBE-INJECTED", "T2 OK injected.tlsprobe.invalid");
      Assertions.assertThat(check.verdict()).isEqualTo(InjectionVerdict.VULNERABLE);
      Assertions.assertThat(check.injectedCommand())
          .isEqualTo("* CAPABILITY IMAP4rev1 AUTH=PLAIN X-TLSPROBE-INJECTED\\r\\nT2 OK injected.tlsprobe.invalid");
      Assertions.assertThat(check.detail()).contains("after \"T2 CAPABILITY\", before its answer was sent");
    }
  }

  @Test
  void judgesNotVulnerableAClientThatWaitsForItsAnswerInsideTls() throws IOException {
    try (TlsCaptureServer server = server(StartTlsBehaviour.INJECT_RESPONSE);
        ScriptedClient client = ScriptedClient.connect(server)) {
      client.readLine();
      client.send("T1 STARTTLS");
      client.readLinesUntil(line -> line.startsWith("T2 "));
      client.startTls();
      client.send("T2 CAPABILITY");
      List<String> answer = client.readLinesUntil(line -> line.startsWith("T2 "));

      InjectionCheck check = client.closeAndAwait().plainTextPhase().orElseThrow().injection().orElseThrow();
      Assertions.assertThat(answer).last().isEqualTo("T2 OK CAPABILITY completed");
      Assertions.assertThat(check.verdict()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  @Test
  void judgesInconclusiveWhenTheFirstCommandInsideTlsHasAnUnpredictedTag() throws IOException {
    try (TlsCaptureServer server = server(StartTlsBehaviour.INJECT_RESPONSE);
        ScriptedClient client = ScriptedClient.connect(server)) {
      client.readLine();
      client.send("T1 STARTTLS");
      client.readLinesUntil(line -> line.startsWith("T2 "));
      client.startTls();
      client.send("Z9 CAPABILITY");
      client.send("Z10 LOGOUT");

      InjectionCheck check = client.closeAndAwait().plainTextPhase().orElseThrow().injection().orElseThrow();
      Assertions.assertThat(check.verdict()).isEqualTo(InjectionVerdict.INCONCLUSIVE);
      Assertions.assertThat(check.detail()).startsWith("the client's first command inside TLS, \"Z9 CAPABILITY\", "
          + "is not one the injected response completes");
    }
  }

  @Test
  void readsALoginSentAsLiteralsAndStillSeesTheCredentials() throws IOException {
    try (TlsCaptureServer server = server(StartTlsBehaviour.UPGRADE);
        ScriptedClient client = ScriptedClient.connect(server)) {
      client.readLine();
      client.send("L1 LOGIN {5}");
      String go = client.readLine();
      client.send("alice {6+}");
      client.send("secret");
      String done = client.readLine();

      TlsConnectionReport report = client.closeAndAwait();
      Assertions.assertThat(go).startsWith("+ ");
      Assertions.assertThat(done).startsWith("L1 OK");
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: L1 LOGIN {5}\nS: + Ready for literal data\nC: alice {6+}\nC: secret\n");
      Assertions.assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .hasMessageContaining("C: L1 LOGIN *** (a user name and password)");
    }
  }

  @Test
  void predictsTheNextTagByIncrementingTrailingDigits() {
    Assertions.assertThat(ImapFront.nextTag("A1")).isEqualTo("A2");
    Assertions.assertThat(ImapFront.nextTag("a009")).isEqualTo("a010");
    Assertions.assertThat(ImapFront.nextTag("B99")).isEqualTo("B100");
    Assertions.assertThat(ImapFront.nextTag("tag")).isEqualTo("tag1");
  }

  @Test
  void answersUidSearchStoreAndStatusOverTheFixedMailbox() throws IOException {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.IMAP).implicitTls(true)
        .build().start(); ScriptedClient client = ScriptedClient.connectTls(server)) {
      client.readLine();
      client.send("s1 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY)");
      List<String> status = client.readLinesUntil(line -> line.startsWith("s1 "));
      client.send("s2 FETCH 1 FLAGS");
      List<String> early = client.readLinesUntil(line -> line.startsWith("s2 "));
      client.send("s3 SELECT \"INBOX\"");
      List<String> select = client.readLinesUntil(line -> line.startsWith("s3 "));
      client.send("s4 UID SEARCH ALL");
      List<String> search = client.readLinesUntil(line -> line.startsWith("s4 "));
      client.send("s5 STORE 2 +FLAGS (\\Seen)");
      List<String> store = client.readLinesUntil(line -> line.startsWith("s5 "));
      client.send("s6 UID FETCH 1:* (FLAGS)");
      List<String> fetch = client.readLinesUntil(line -> line.startsWith("s6 "));
      client.send("s7 LOGOUT");
      List<String> logout = client.readLinesUntil(line -> line.startsWith("s7 "));

      Assertions.assertThat(status).containsExactly("* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UIDVALIDITY 1)",
          "s1 OK STATUS completed");
      Assertions.assertThat(early).containsExactly("s2 BAD No mailbox selected");
      Assertions.assertThat(select).contains("* 2 EXISTS").last().isEqualTo("s3 OK [READ-WRITE] SELECT completed");
      Assertions.assertThat(search).containsExactly("* SEARCH 1 2", "s4 OK UID SEARCH completed");
      Assertions.assertThat(store).containsExactly("* 2 FETCH (FLAGS (\\Seen))", "s5 OK STORE completed");
      Assertions.assertThat(fetch).containsExactly("* 1 FETCH (UID 1 FLAGS ())", "* 2 FETCH (UID 2 FLAGS (\\Seen))",
          "s6 OK UID FETCH completed");
      Assertions.assertThat(logout).containsExactly("* BYE localhost logging out", "s7 OK LOGOUT completed");
    }
  }
}
