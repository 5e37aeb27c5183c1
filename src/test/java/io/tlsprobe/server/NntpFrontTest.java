package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.OpensslClientView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.commons.net.nntp.NNTPClient;
import org.apache.commons.net.nntp.NewsgroupInfo;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The NNTP front, seen by tlsprobe's own STARTTLS client and by commons-net's NNTPClient (which has no STARTTLS). */
class NntpFrontTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void probeUpgradesThroughTheFrontAndBothSidesAgree() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.NNTP).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.NNTP).startTlsInjectionCheck(false).build());
      TlsConnectionReport captured = server.awaitConnection(WAIT);

      assertThat(probed).isEstablished().usesStartTls(StartTls.NNTP).plainTextPhase().advertisedStartTls();
      assertThat(captured).isEstablished().usesStartTls(StartTls.NNTP).plainTextPhase().wasUpgraded()
          .advertisedStartTls().sentNoCredentialsBeforeTls();
      Assertions.assertThat(captured.protocol()).isEqualTo(probed.protocol());
      Assertions.assertThat(captured.cipherSuite()).isEqualTo(probed.cipherSuite());
      Assertions.assertThat(probed.plainTextPhase().orElseThrow().capabilitiesAfter())
          .contains("AUTHINFO USER").doesNotContain("STARTTLS");
      Assertions.assertThat(captured.plainTextPhase().orElseThrow().transcriptText())
          .contains("S: 200 localhost tlsprobe capture NNTP service ready (posting ok)", "C: STARTTLS",
              "S: 382 Continue with TLS negotiation", "C (tls): CAPABILITIES");
      Assertions.assertThat(server.uri()).hasToString("nntp://localhost:" + server.port());
    }
  }

  @Test
  void opensslStartTlsNntpNegotiatesWhatTheFrontRecords() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.NNTP).build().start()) {
      OpensslClientView view = OpensslClientView.connect(server.port(), "-starttls", "nntp",
          "-CAfile", server.clientTrust().pemFile().toString());
      TlsConnectionReport report = server.awaitConnection(WAIT);

      Assertions.assertThat(view.verifyCode()).as(view.output()).isZero();
      assertThat(report).isEstablished().usesStartTls(StartTls.NNTP).plainTextPhase().sentNoCredentialsBeforeTls();
      view.assertSameProtocolAndSuite(report);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: STARTTLS", "S: 382 Continue with TLS negotiation");
    }
  }

  @Test
  void probesInjectionCheckPipelinesACommandThatTheFrontHandsToTls() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.NNTP).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.NNTP).build());

      assertThat(probed).isNotVulnerableToStartTlsInjection();
      Assertions.assertThat(server.awaitConnection(WAIT).outcome().isEstablished()).isTrue();
      Assertions.assertThat(server.awaitConnection(WAIT).outcome().reason()).contains("not a TLS ClientHello");
    }
  }

  @Test
  void probeSeesStrippedStartTls() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.NNTP)
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.NNTP).startTlsInjectionCheck(false).build());

      assertThat(probed).failedStartTls().plainTextPhase().didNotAdvertiseStartTls();
      Assertions.assertThat(probed.outcome().reason()).contains("server did not advertise STARTTLS");
      assertThat(server.awaitConnection(WAIT)).failedStartTls().plainTextPhase().didNotAdvertiseStartTls();
    }
  }

  @Test
  void probeSeesRefusedStartTls() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.NNTP)
        .startTlsBehaviour(StartTlsBehaviour.REFUSED).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.NNTP).startTlsInjectionCheck(false).build());

      assertThat(probed).failedStartTls();
      Assertions.assertThat(probed.outcome().reason()).contains("server refused STARTTLS: 580");
      TlsConnectionReport captured = server.awaitConnection(WAIT);
      Assertions.assertThat(captured.outcome().reason()).contains("refused (580)");
    }
  }

  @Test
  void probeIgnoresACapabilityListInjectedAfterTheGoAhead() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.NNTP)
        .startTlsBehaviour(StartTlsBehaviour.INJECT_RESPONSE).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.NNTP).startTlsInjectionCheck(false).build());

      TlsConnectionReport captured = server.awaitConnection(WAIT);
      assertThat(probed).isEstablished();
      Assertions.assertThat(probed.plainTextPhase().orElseThrow().transcriptText())
          .contains("more bytes in clear after the go-ahead, dropped");
      assertThat(captured).isEstablished().plainTextPhase()
          .hasStartTlsInjectionVerdict(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  @Test
  void commonsNetLogsInInClearBecauseItHasNoStartTls() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.NNTP).build().start()) {
      NNTPClient nntp = new NNTPClient();
      String article = readArticle(nntp, server);

      Assertions.assertThat(article).contains("Subject: hello over TLS", ".a line that begins with a dot");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("C: AUTHINFO USER *** (NNTP credentials)")
          .hasMessageContaining("C: AUTHINFO PASS *** (NNTP credentials)")
          .hasMessageNotContaining("secret");
    }
  }

  @Test
  void commonsNetOverImplicitTlsLogsInAndReadsTheArticle() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.NNTP).implicitTls(true)
        .build().start()) {
      NNTPClient nntp = new NNTPClient();
      nntp.setSocketFactory(server.clientSslSocketFactory());
      String article = readArticle(nntp, server);

      Assertions.assertThat(article).contains("Message-ID: <1@tlsprobe.invalid>", "hello over TLS");
      Assertions.assertThat(server.uri()).hasToString("nntps://localhost:" + server.port());
      assertThat(server.awaitConnection(WAIT)).isEstablished().wasAcceptedByClient();
    }
  }

  @Test
  void recordsAPostedArticleAsASummaryUpToItsLoneDot() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.NNTP).build().start()) {
      NNTPClient nntp = new NNTPClient();
      nntp.setConnectTimeout(5000);
      nntp.setDefaultTimeout(5000);
      nntp.connect("localhost", server.port());
      try {
        Assertions.assertThat(nntp.authenticate("alice", "secret")).isTrue();
        try (Writer writer = nntp.postArticle()) {
          // three lines, CRLF each: 15 + 2, 0 + 2, 14 + 2 bytes; commons-net adds the terminating dot
          writer.write("Subject: a post\r\n\r\nbody stays out\r\n");
        }
        Assertions.assertThat(nntp.completePendingCommand()).isTrue();
        nntp.logout();
      } finally {
        nntp.disconnect();
      }

      String transcript = server.awaitConnection(WAIT).plainTextPhase().orElseThrow().transcriptText();
      Assertions.assertThat(transcript).contains("C: <article: 3 lines, 35 bytes>\nC: .\nS: 240 Article received OK")
          .doesNotContain("body stays out");
    }
  }

  private static String readArticle(NNTPClient nntp, TlsCaptureServer server) throws IOException {
    nntp.setConnectTimeout(5000);
    nntp.setDefaultTimeout(5000);
    nntp.connect("localhost", server.port());
    try {
      Assertions.assertThat(nntp.authenticate("alice", "secret")).isTrue();
      NewsgroupInfo group = new NewsgroupInfo();
      Assertions.assertThat(nntp.selectNewsgroup(NntpFront.GROUP, group)).isTrue();
      Assertions.assertThat(group.getArticleCountLong()).isEqualTo(1);
      try (BufferedReader reader = nntp.retrieveArticle(1L)) {
        String text = reader.lines().collect(Collectors.joining("\n"));
        Assertions.assertThat(nntp.logout()).isTrue();
        return text;
      }
    } finally {
      nntp.disconnect();
    }
  }
}
