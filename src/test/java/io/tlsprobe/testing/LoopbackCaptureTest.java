package io.tlsprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * {@link LoopbackCapture} against the real dumpcap: the machine's refusals abort, every other failure fails, and a
 * started capture holds the loopback traffic of its port.
 */
class LoopbackCaptureTest {
  @TempDir Path dir;

  @Test
  void machineWithoutTheCaptureCapabilityAbortsWithDumpcapsMessage() throws IOException {
    // given dumpcap run as root without CAP_NET_RAW and CAP_NET_ADMIN, as in a restricted container
    Path dumpcap = Interop.requireCommand("dumpcap");
    Path setpriv = Interop.requireCommand("setpriv");
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "only root can drop capabilities from its bounding set (CI runs as root)");
    Path restricted = script("restricted-dumpcap",
        "exec " + setpriv + " --bounding-set -net_raw,-net_admin -- " + dumpcap + " \"$@\"");

    // when / then
    assertThatThrownBy(() -> LoopbackCapture.start(restricted, "lo", "tcp port 1", dir.resolve("c.pcapng")))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("permission to capture on device \"lo\"")
        .hasMessageContaining("skipped even under TLSPROBE_INTEROP=required");
  }

  @Test
  void interfaceThatDoesNotExistAbortsWithDumpcapsMessage() {
    Path dumpcap = Interop.requireCommand("dumpcap");

    assertThatThrownBy(() -> LoopbackCapture.start(dumpcap, "tlsprobe-none0", "tcp port 1", dir.resolve("c.pcapng")))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("No such device exists");
  }

  @Test
  void invalidCaptureFilterFailsTheTest() {
    Path dumpcap = Interop.requireCommand("dumpcap");

    assertThatThrownBy(() -> LoopbackCapture.start(dumpcap, "lo", "tcp port notaport", dir.resolve("c.pcapng")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("Invalid capture filter");
  }

  @Test
  void fileThatCannotBeWrittenFailsTheTest() {
    // given a pcap path under a directory that does not exist (a test's mistake, not the machine's refusal)
    Path dumpcap = Interop.requireCommand("dumpcap");
    Path pcap = dir.resolve("missing").resolve("c.pcapng");

    // when / then
    assertThatThrownBy(() -> LoopbackCapture.start(dumpcap, "lo", "tcp port 1", pcap))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("could not be opened: No such file or directory");
  }

  @Test
  void holdsTheLoopbackConnectionToItsPort() throws IOException {
    // given a listening loopback port and a capture filtered to it
    Path dumpcap = Interop.requireCommand("dumpcap");
    Path tshark = Interop.requireCommand("tshark");
    Path pcap = dir.resolve("c.pcapng");
    int clientPort;
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        LoopbackCapture capture = LoopbackCapture.start(dumpcap, "lo", "tcp port " + listening.getLocalPort(), pcap)) {
      // when a client connects and closes
      try (Socket client = new Socket("127.0.0.1", listening.getLocalPort())) {
        clientPort = client.getLocalPort();
      }
      awaitPacketFrom(tshark, pcap, clientPort);
    }

    // then tshark finds the client's SYN in the finished file
    ProcessResult syns = Interop.run(Duration.ofSeconds(30), tshark.toString(), "-n", "-r", pcap.toString(),
        "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 0", "-T", "fields", "-e", "tcp.srcport");
    assertThat(syns.succeeded()).as(syns.toString()).isTrue();
    assertThat(syns.stdout().strip()).isEqualTo(String.valueOf(clientPort));
  }

  @Test
  void machineRefusalsAreToldApartFromOtherFailures() {
    assertThat(LoopbackCapture.environmentForbids("dumpcap: You do not have permission to capture on device \"lo\".\n"
        + "(socket: Operation not permitted)")).isPresent();
    assertThat(LoopbackCapture.environmentForbids("(socket: Address family not supported by protocol)")).isPresent();
    assertThat(LoopbackCapture.environmentForbids("(Packet capture is not supported on that device)")).isPresent();
    assertThat(LoopbackCapture.environmentForbids("dumpcap: The file to which the capture would be saved (\"/x\") "
        + "could not be opened: Permission denied.")).isEmpty();
    assertThat(LoopbackCapture.environmentForbids("dumpcap: Invalid capture filter \"x\" for interface 'lo'."))
        .isEmpty();
  }

  /** Polls tshark until the file dumpcap is writing holds a packet from {@code port} (the file lags the wire). */
  private static void awaitPacketFrom(Path tshark, Path pcap, int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      ProcessResult r = Interop.run(Duration.ofSeconds(30), tshark.toString(), "-n", "-r", pcap.toString(),
          "-Y", "tcp.srcport == " + port, "-T", "fields", "-e", "tcp.srcport");
      if (r.succeeded() && !r.stdout().isBlank()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Path script(String name, String line) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + line + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
