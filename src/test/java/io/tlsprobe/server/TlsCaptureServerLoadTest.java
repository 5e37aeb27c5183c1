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
  private static final Duration GENEROUS = Duration.ofSeconds(60);

  @Test
  void keepsACorrectReportForEachOf200ConcurrentClients() throws Exception {
    // given a server with its defaults but for the timeouts: on a loaded machine 200 handshakes on a few cores can
    // take longer than the default 10 s from accept, and this test is about keeping reports, not about time
    try (TlsCaptureServer server = TlsCaptureServer.builder().handshakeTimeout(GENEROUS).idleTimeout(GENEROUS).build()
        .start()) {
      // when 200 HTTPS clients are released at once
      ConcurrentClients.Result result = ConcurrentClients.run(server, CLIENTS, Duration.ofSeconds(120));

      // then every client has a port of its own, and the server kept 200 reports, one per client port
      Map<Integer, ConcurrentClients.ClientRun> clientsByPort = result.clients().stream()
          .collect(Collectors.toMap(ConcurrentClients.ClientRun::localPort, Function.identity()));
      assertThat(clientsByPort).hasSize(CLIENTS);
      assertThat(result.reports()).hasSize(CLIENTS);
      assertThat(result.reports()).map(r -> r.endpoint().port()).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(clientsByPort.keySet());

      // and each report agrees with its client's session, and each client got its page
      SoftAssertions softly = new SoftAssertions();
      for (TlsConnectionReport report : result.reports()) {
        ConcurrentClients.ClientRun client = clientsByPort.get(report.endpoint().port());
        String both = "client " + client + ", server's report " + report.summary();
        softly.assertThat(report.outcome().isEstablished()).as(both).isTrue();
        softly.assertThat(report.protocol().map(TlsProtocol::jsseName)).as(both).contains(client.protocol());
        softly.assertThat(report.cipherSuite().map(CipherSuite::name)).as(both).contains(client.cipherSuite());
        softly.assertThat(report.endpoint().host()).isEqualTo("127.0.0.1");
        softly.assertThat(report.clientOffer()).isPresent();
        softly.assertThat(client.statusLine()).as(both).isEqualTo("HTTP/1.1 200 OK");
      }
      softly.assertAll();
      assertThat(server.connections()).hasSize(CLIENTS);
    }
  }
}
