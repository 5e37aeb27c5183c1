package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code tlsprobe capture …} run in-process on a background thread, as the tests drive it: wait for its banner to
 * learn the port, point clients at it, then {@link #awaitExit(Duration)} (or {@link #close()} to interrupt it).
 */
final class CaptureRun implements AutoCloseable {
  /** The port in the banner, e.g. {@code listening on https://localhost:40123/}. */
  static final Pattern LISTENING = Pattern.compile("listening on \\w+://localhost:(\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Thread thread;
  private volatile int exitCode = -1;

  private CaptureRun(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "capture";
    System.arraycopy(args, 0, command, 1, args.length);
    thread = new Thread(() -> exitCode = Main.run(command, new PrintWriter(out), new PrintWriter(err),
        InputStream.nullInputStream()), "capture-run");
    thread.setDaemon(true);
  }

  /** Starts {@code capture args…}. */
  static CaptureRun start(String... args) {
    CaptureRun run = new CaptureRun(args);
    run.thread.start();
    return run;
  }

  /** The port of the banner, waiting for it (the first server of a run generates the test CA). */
  int awaitPort() throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      Matcher m = LISTENING.matcher(err());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!thread.isAlive()) {
        break;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no banner; exit " + exitCode + "; stderr: " + err() + "; stdout: " + out());
  }

  /** The exit code, once the command has ended within {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    thread.join(timeout.toMillis());
    assertThat(thread.isAlive()).as("capture still running after %s; stderr: %s", timeout, err()).isFalse();
    return exitCode;
  }

  /** Interrupts the command, as a caller stops an embedded one. */
  void interrupt() {
    thread.interrupt();
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** Standard output read as JSON Lines, one object per line. */
  List<JsonNode> jsonLines() {
    return out().lines().map(JSON::readTree).toList();
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(5_000);
  }
}
