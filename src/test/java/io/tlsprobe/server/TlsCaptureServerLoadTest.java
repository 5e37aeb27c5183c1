package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.TlsConnectionReport;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * 200 clients at once against one capture server with its defaults (accept backlog 200, log capacity 1000): no
 * connection is lost and each report is the one of its own client. Correctness only; the wall time is in the
 * capture benchmark (BENCHMARKS.md), the timeout here only bounds a hang.
 */
class TlsCaptureServerLoadTest {
  private static final int CLIENTS = 200;

  @Test
  void keepsACorrectReportForEachOf200ConcurrentClients() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
      // when 200 HTTPS clients are released at once
      ConcurrentClients.Result result = ConcurrentClients.run(server, CLIENTS, Duration.ofSeconds(120));

      // then every client got its page, on a port of its own
      assertThat(result.clients()).hasSize(CLIENTS).allSatisfy(c -> assertThat(c.statusLine())
          .isEqualTo("HTTP/1.1 200 OK"));
      Map<Integer, ConcurrentClients.ClientRun> clientsByPort = result.clients().stream()
          .collect(Collectors.toMap(ConcurrentClients.ClientRun::localPort, Function.identity()));
      assertThat(clientsByPort).hasSize(CLIENTS);

      // and the server kept 200 reports, one per client port, each agreeing with that client's session
      assertThat(result.reports()).hasSize(CLIENTS);
      assertThat(result.reports()).map(r -> r.endpoint().port()).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(clientsByPort.keySet());
      SoftAssertions softly = new SoftAssertions();
      for (TlsConnectionReport report : result.reports()) {
        ConcurrentClients.ClientRun client = clientsByPort.get(report.endpoint().port());
        softly.assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
        softly.assertThat(report.protocol().map(TlsProtocol::jsseName)).as("protocol of client port %d",
            client.localPort()).contains(client.protocol());
        softly.assertThat(report.cipherSuite().map(CipherSuite::name)).as("suite of client port %d",
            client.localPort()).contains(client.cipherSuite());
        softly.assertThat(report.endpoint().host()).isEqualTo("127.0.0.1");
        softly.assertThat(report.clientOffer()).isPresent();
      }
      softly.assertAll();
      assertThat(server.connections()).hasSize(CLIENTS);
    }
  }
}
