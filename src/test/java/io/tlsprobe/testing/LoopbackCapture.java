package io.tlsprobe.testing;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A live packet capture with {@code dumpcap}, for tests that check what crossed the wire against Wireshark's
 * dissectors: one interface, one capture filter, a pcapng file, bounded by dumpcap's own {@code -a duration:60}
 * autostop and stopped by {@link #close()} (SIGTERM, so dumpcap finishes its file; killed after 5 s).
 *
 * <pre>{@code
 * try (LoopbackCapture capture = LoopbackCapture.start(Interop.requireCommand("dumpcap"), "lo",
 *     "tcp port " + server.port(), dir.resolve("capture.pcapng"))) {
 *   runTheClient();
 * }
 * }</pre>
 *
 * <p>When dumpcap cannot capture because of the machine (no permission to capture, no such interface, capture not
 * supported, as in a container without {@code CAP_NET_RAW}), the test is aborted with dumpcap's own message, even under
 * {@code TLSPROBE_INTEROP=required}: no package install can fix that. Any other failure to start (a bad filter,
 * dumpcap silent for 10 s) fails the test.
 */
public final class LoopbackCapture implements AutoCloseable {
  /** dumpcap's own bound: it stops writing after this long whatever happens to the test. */
  public static final Duration AUTOSTOP = Duration.ofSeconds(60);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  /**
   * What libpcap and dumpcap say when the machine forbids or lacks capture, lower case: no permission (dumpcap's
   * {@code You do not have permission to capture on device}, libpcap's {@code socket: Operation not permitted}), no
   * such device ({@code No such device exists}, {@code There is no device named}), capture not supported (libpcap's
   * {@code Packet capture is not supported on that device}, or a sandbox without {@code AF_PACKET} sockets: {@code
   * socket: Address family not supported by protocol}). A file that cannot be written is none of these.
   */
  private static final List<String> ENVIRONMENT_SAYS = List.of(
      "permission to capture", "socket: operation not permitted",
      "no such device exists", "there is no device named", "there are no interfaces on which a capture can be done",
      "capture is not supported", "address family not supported by protocol");

  private final Process process;
  private final Path pcap;
  private final Path err;

  private LoopbackCapture(Process process, Path pcap, Path err) {
    this.process = process;
    this.pcap = pcap;
    this.err = err;
  }

  /**
   * Starts {@code dumpcap -i <iface> -f <filter> -a duration:60 -w <pcap>} and returns once dumpcap has opened the
   * interface and its file (it prints {@code File: <pcap>}); its standard error goes to a temporary file deleted by
   * {@link #close()}.
   *
   * @throws org.opentest4j.TestAbortedException when the machine does not allow a live capture (see the class)
   * @throws org.opentest4j.AssertionFailedError when dumpcap fails for any other reason
   */
  public static LoopbackCapture start(Path dumpcap, String iface, String filter, Path pcap) {
    requireNonNull(dumpcap, "dumpcap");
    requireNonNull(iface, "iface");
    requireNonNull(filter, "filter");
    requireNonNull(pcap, "pcap");
    Path err;
    Process process;
    try {
      err = Files.createTempFile("tlsprobe-dumpcap-", ".err");
      process = new ProcessBuilder(dumpcap.toString(), "-i", iface, "-f", filter,
          "-a", "duration:" + AUTOSTOP.toSeconds(), "-w", pcap.toString())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(err.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + dumpcap, e);
    }
    LoopbackCapture capture = new LoopbackCapture(process, pcap, err);
    boolean ready = false;
    try {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        // "Capturing on 'lo'" comes before the interface is opened; "File: …" only once it and the file are open
        if (said(err).contains("File: ") && process.isAlive()) {
          ready = true;
          return capture;
        }
        if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
          String said = said(err).strip();
          String why = "dumpcap -i " + iface + " -f \"" + filter + "\" exited with " + process.exitValue()
              + " before capturing: " + said;
          return environmentForbids(said).isPresent()
              ? Assumptions.abort(why + " (the machine does not allow a live capture; skipped even under "
                  + Interop.MODE_VARIABLE + "=" + Interop.REQUIRED + ")")
              : Assertions.fail(why);
        }
      }
      return Assertions.fail("dumpcap -i " + iface + " did not start capturing within " + START_TIMEOUT.toSeconds()
          + " s: " + said(err).strip());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for dumpcap", e);
    } finally {
      if (!ready) {
        capture.close();
      }
    }
  }

  /**
   * The reason dumpcap's {@code message} gives when it is the machine that forbids or lacks a live capture (see the
   * class); empty for any other failure.
   */
  public static Optional<String> environmentForbids(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return ENVIRONMENT_SAYS.stream().filter(lower::contains).findFirst();
  }

  private static String said(Path err) {
    try {
      return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + err + ": " + e + ")";
    }
  }

  /** The pcapng file dumpcap writes (growing while the capture runs; the kernel hands packets over in blocks). */
  public Path pcap() {
    return pcap;
  }

  /** SIGTERM (dumpcap then finishes its file), killed if it has not ended within 5 s. Idempotent. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Files.deleteIfExists(err);
      } catch (IOException ignored) {
        // a temporary file; best effort
      }
    }
  }
}
