package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.OpensslServer;
import java.nio.file.Path;
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
    scanner.scan(ScanOptions.builder("127.0.0.1", io.tlsprobe.testing.Interop.freeLoopbackPort()).build());

    scanner.close();

    assertThat(scanner.threadCount()).isZero();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(scanner.threadNamePrefix()));
    assertThatThrownBy(() -> scanner.scan(ScanOptions.builder("127.0.0.1", 443).build()))
        .isInstanceOf(IllegalStateException.class).hasMessage("this TlsScanner is closed");
  }

  @Test
  void oneOffScansLeaveNoThreadBehind() {
    int closed = io.tlsprobe.testing.Interop.freeLoopbackPort();

    TlsScans.scan(ScanOptions.builder("127.0.0.1", closed).build());

    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tlsprobe-scanner-"));
  }
}
