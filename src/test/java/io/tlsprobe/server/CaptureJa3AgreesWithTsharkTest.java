package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.LoopbackCapture;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JA3 the capture server records for a real client equals tshark's for the same connection: dumpcap captures the
 * loopback interface while {@code curl}, {@code openssl s_client} or {@code gnutls-cli} connects, then tshark dissects
 * the pcap and its {@code tls.handshake.ja3_full} / {@code tls.handshake.ja3} for the client's source port (the
 * report's endpoint port) must equal {@link ClientOffer#ja3()} / {@link ClientOffer#ja3Hash()}.
 *
 * <p>A machine that does not allow a live capture (no permission, no {@code lo}, capture not supported) aborts each
 * test with dumpcap's message, even under {@code TLSPROBE_INTEROP=required} ({@link LoopbackCapture}); a missing
 * tshark, dumpcap or client skips, or fails when required.
 *
 * <p>JA4 is not compared: tshark 4.0 (Debian 12) has no JA4 field ({@code tshark -G fields} lists only {@code
 * tls.handshake.ja3*}). The codec's JA4 is checked against the JA4 specification's worked
 * example instead ({@code Ja4Test}).
 */
class CaptureJa3AgreesWithTsharkTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private TlsCaptureServer server;

  @BeforeEach
  void startServer() {
    server = TlsCaptureServer.builder().build().start();
  }

  @AfterEach
  void closeServer() {
    server.close();
  }

  @Test
  void curlsJa3AsRecordedEqualsTsharksForTheSameConnection() {
    String curl = Interop.requireCommand("curl").toString();
    int port = server.port();
    assertJa3AgreesWithTshark(List.of(curl, "-sS", "--cacert", server.clientTrust().pemFile().toString(),
        "--resolve", "localhost:" + port + ":127.0.0.1", server.url("/ja3").toString()));
  }

  @Test
  void opensslSClientsJa3AsRecordedEqualsTsharksForTheSameConnection() {
    String openssl = Interop.requireCommand("openssl").toString();
    assertJa3AgreesWithTshark(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + server.port(),
        "-servername", "localhost", "-CAfile", server.clientTrust().pemFile().toString()));
  }

  @Test
  void gnutlsClisJa3AsRecordedEqualsTsharksForTheSameConnection() {
    String gnutls = Interop.requireCommand("gnutls-cli").toString();
    assertJa3AgreesWithTshark(List.of(gnutls, "--port", String.valueOf(server.port()),
        "--sni-hostname", "localhost", "--verify-hostname", "localhost",
        "--x509cafile", server.clientTrust().pemFile().toString(), "127.0.0.1"));
  }

  private void assertJa3AgreesWithTshark(List<String> client) {
    // given a capture of the server's port on lo
    Path tshark = Interop.requireCommand("tshark");
    Path dumpcap = Interop.requireCommand("dumpcap");
    Path pcap = dir.resolve("capture.pcapng");
    ProcessResult clientRun;
    TlsConnectionReport report;

    // when the client connects (standard input empty, so s_client leaves after the handshake)
    try (LoopbackCapture capture = LoopbackCapture.start(dumpcap, "lo", "tcp port " + server.port(), pcap)) {
      clientRun = Interop.run(CLIENT_TIMEOUT, client);
      report = server.awaitConnection(WAIT);
      awaitClientHelloInFile(tshark, pcap, server.port(), report.endpoint().port());
    }
    Map<Integer, TsharkJa3> tsharkByClientPort = parse(tsharkJa3(tshark, pcap, server.port()));

    // then tshark saw exactly this one ClientHello, and its JA3 text and MD5 are what the server recorded
    assertThat(clientRun.succeeded()).as(clientRun.toString()).isTrue();
    assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
    ClientOffer offer = report.clientOffer().orElseThrow();
    int clientPort = report.endpoint().port();
    assertThat(tsharkByClientPort).as("tshark's ClientHellos by client port").containsOnlyKeys(clientPort);
    TsharkJa3 tsharks = tsharkByClientPort.get(clientPort);
    assertThat(offer.ja3()).as("JA3 text (tls.handshake.ja3_full)").isEqualTo(tsharks.text()).isNotBlank();
    assertThat(offer.ja3Hash()).as("JA3 MD5 (tls.handshake.ja3)").isEqualTo(tsharks.hash()).hasSize(32);
  }

  /** tshark's JA3 of one ClientHello: {@code tls.handshake.ja3_full} and {@code tls.handshake.ja3}. */
  private record TsharkJa3(String text, String hash) {}

  /**
   * Waits up to {@link #WAIT} until tshark finds the ClientHello from {@code clientPort} in the file dumpcap is still
   * writing: the kernel hands captured packets over in blocks, so the file lags the wire by a fraction of a second.
   * Returns without complaint at the deadline; the assertions on the finished file then say what is missing.
   */
  private static void awaitClientHelloInFile(Path tshark, Path pcap, int serverPort, int clientPort) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    do {
      ProcessResult result = tsharkJa3(tshark, pcap, serverPort);
      if (result.succeeded() && parse(result).containsKey(clientPort)) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    } while (System.nanoTime() < deadline);
  }

  /** tshark's source port, {@code ja3_full} and {@code ja3} of each ClientHello in {@code pcap}, one line each. */
  private static ProcessResult tsharkJa3(Path tshark, Path pcap, int serverPort) {
    return Interop.run(Duration.ofSeconds(60), tshark.toString(), "-n", "-r", pcap.toString(),
        "-d", "tcp.port==" + serverPort + ",tls", "-Y", "tls.handshake.type == 1",
        "-T", "fields", "-E", "separator=/t",
        "-e", "tcp.srcport", "-e", "tls.handshake.ja3_full", "-e", "tls.handshake.ja3");
  }

  /** {@link #tsharkJa3}'s output keyed by the client's TCP port. */
  private static Map<Integer, TsharkJa3> parse(ProcessResult result) {
    assertThat(result.succeeded()).as("tshark failed: %s", result).isTrue();
    Map<Integer, TsharkJa3> byPort = new HashMap<>();
    for (String line : result.stdout().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      assertThat(fields).as("tshark line: %s", line).hasSize(3);
      TsharkJa3 previous = byPort.put(Integer.parseInt(fields[0]), new TsharkJa3(fields[1], fields[2]));
      assertThat(previous).as("one ClientHello per client port: %s", result.stdout()).isNull();
    }
    return byPort;
  }
}
