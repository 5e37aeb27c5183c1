package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.ServerProfile;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Our scan and sslscan against the same server: each once directly (the times compared) and once through its own
 * counting {@link Relay} (the connections counted, and the findings compared). Prints one line and our profile to
 * the test's output, and checks what holds whatever the server: our profile is complete, the connections it says it
 * opened are the ones the relay counted, and the direct and the relayed scan found the same.
 *
 * <pre>{@code
 * Versus v = Versus.run("legacy", server.port(), b -> b);
 * OpensslScanTest.assertSameFindings(v.ours(), v.theirs());
 * }</pre>
 *
 * @param ours our profile, from the relayed scan
 * @param ourConnections the connections the relay counted for our scan
 * @param ourTime our direct scan's wall time
 * @param theirs sslscan's findings, from the relayed run
 * @param theirConnections the connections the relay counted for sslscan
 * @param theirTime sslscan's direct run's wall time (process start included)
 */
record Versus(ServerProfile ours, int ourConnections, Duration ourTime, Sslscan theirs, int theirConnections,
    Duration theirTime) {

  static Versus run(String config, int port, UnaryOperator<ScanOptions.Builder> options, String... sslscanOptions)
      throws Exception {
    ServerProfile direct = TlsScans.scan(options.apply(ScanOptions.builder("127.0.0.1", port)).build());
    ServerProfile ours;
    int ourConnections;
    try (Relay relay = Relay.to(port)) {
      ours = TlsScans.scan(options.apply(ScanOptions.builder("127.0.0.1", relay.port())).build());
      ourConnections = relay.connections();
    }
    Sslscan theirs;
    int theirConnections;
    try (Relay relay = Relay.to(port)) {
      theirs = Sslscan.run(relay.port(), sslscanOptions);
      theirConnections = relay.connections();
    }
    Duration theirTime = Sslscan.run(port, sslscanOptions).elapsed();
    Versus v = new Versus(ours, ourConnections, direct.elapsed(), theirs, theirConnections, theirTime);
    System.out.printf("%s: ours %d connections, %d ms (through the relay %d ms); sslscan %d connections, %d ms"
        + " (through the relay %d ms)%n%s%n", config, ourConnections, direct.elapsed().toMillis(),
        ours.elapsed().toMillis(), theirConnections, theirTime.toMillis(), theirs.elapsed().toMillis(), ours.render());

    assertThat(ours.isComplete()).as(ours.render()).isTrue();
    assertThat(ours.connections()).as("connections the relay counted").isEqualTo(ourConnections);
    assertThat(ours.protocols()).as("the direct scan of the same server").isEqualTo(direct.protocols());
    return v;
  }
}
