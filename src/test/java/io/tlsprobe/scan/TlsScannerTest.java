package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.OpensslServer;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.Interop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scanner keeps its threads between scans, finds what a one-off scan finds, and stops its threads when closed. */
class TlsScannerTest {

  @Test
  void reusesItsThreadsForLaterScansAndFindsWhatAOneOffScanFinds(@TempDir Path dir) throws Exception {
    try (OpensslServer server = OpensslServer.wwwLocalhost(dir, "-tls1_2");
        TlsScanner scanner = TlsScans.scanner()) {
      ScanOptions options = ScanOptions.builder("127.0.0.1", server.port()).build();
      ServerProfile oneOff = TlsScans.scan(options);

      ServerProfile first = scanner.scan(options);
      int afterFirst = scanner.threadsStarted();
      for (int i = 0; i < 4; i++) {
        assertThat(scanner.scan(options).protocols()).isEqualTo(first.protocols());
      }

      assertThat(first.isComplete()).as(first.render()).isTrue();
      assertThat(first.protocols()).isEqualTo(oneOff.protocols());
      assertThat(first.acceptedProtocols()).containsExactly(TlsProtocol.TLSv1_2);
      assertThat(first.features()).isEqualTo(oneOff.features());
      assertThat(first.certificates()).isEqualTo(oneOff.certificates());
      assertThat(afterFirst).isPositive();
      // four more scans start few threads, if any: the first scan's idle ones take their tasks
      assertThat(scanner.threadsStarted()).as("threads started by five scans, %d by the first", afterFirst)
          .isLessThan(2 * afterFirst);
    }
  }

  @Test
  void stopsEveryThreadWhenClosedAndRefusesToScanAfterwards() {
    TlsScanner scanner = TlsScans.scanner();
    scanner.scan(ScanOptions.builder("127.0.0.1", Interop.freeLoopbackPort()).build());

    scanner.close();

    assertThat(scanner.threadCount()).isZero();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(scanner.threadNamePrefix()));
    assertThatThrownBy(() -> scanner.scan(ScanOptions.builder("127.0.0.1", 443).build()))
        .isInstanceOf(IllegalStateException.class).hasMessage("this TlsScanner is closed");
  }

  @Test
  void oneOffScansLeaveNoThreadBehind() {
    int closed = Interop.freeLoopbackPort();

    TlsScans.scan(ScanOptions.builder("127.0.0.1", closed).build());

    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tlsprobe-scanner-"));
  }

  @Test
  void aScanRunningWhenItsScannerClosesEndsAsItWouldAndThenTheThreadsStop() throws Exception {
    try (HostilePeer silent = HostilePeer.start(HostilePeer::staySilent)) {
      TlsScanner scanner = TlsScans.scanner();
      CompletableFuture<ServerProfile> scan = CompletableFuture.supplyAsync(() -> scanner.scan(
          ScanOptions.builder("127.0.0.1", silent.port()).handshakeTimeout(Duration.ofMillis(300)).build()));
      Thread.sleep(100);

      scanner.close();
      ServerProfile profile = scan.get(10, TimeUnit.SECONDS);

      assertThat(profile.isComplete()).isFalse();
      assertThat(profile.partialReason().orElseThrow()).contains("the handshake timeout (300 ms)");
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (scanner.threadCount() > 0 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(scanner.threadCount()).isZero();
      assertThatThrownBy(() -> scanner.scan(ScanOptions.builder("127.0.0.1", silent.port()).build()))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
