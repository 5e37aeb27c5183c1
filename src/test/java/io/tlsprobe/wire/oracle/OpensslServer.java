package io.tlsprobe.wire.oracle;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.testing.Interop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code openssl s_server} on 127.0.0.1, started with the given options and killed (with any child) by
 * {@link #close()}. Its output goes to a log file that {@link #toString()} shows, so a failure explains itself.
 *
 * <pre>{@code
 * try (OpensslServer server = OpensslServer.start(openssl, dir, "-cert", cert, "-key", key, "-tls1_2")) {
 *   byte[] flight = server.exchange(clientHelloRecords);
 * }
 * }</pre>
 */
final class OpensslServer implements AutoCloseable {
  /** How long s_server may take to say ACCEPT. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  /** The most bytes read from the server in one exchange. */
  static final int MAX_FLIGHT = 1 << 18;
  /** The longest one exchange may take. */
  static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);
  /** How long the server must stay silent, once it has said something, for its flight to count as complete. */
  static final Duration QUIET = Duration.ofMillis(400);

  private final Process process;
  private final int port;
  private final Path log;
  private final List<String> command;

  private OpensslServer(Process process, int port, Path log, List<String> command) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.command = command;
  }

  /** Starts {@code openssl s_server -accept 127.0.0.1:PORT OPTIONS…} and waits (bounded) until it accepts. */
  static OpensslServer start(Path openssl, Path dir, String... options) {
    int port = Interop.freeLoopbackPort();
    List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_server",
        "-accept", InetAddress.getLoopbackAddress().getHostAddress() + ":" + port, "-naccept", "1"));
    command.addAll(Arrays.asList(options));
    try {
      Path log = Files.createTempFile(dir, "s_server-", ".log");
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      OpensslServer server = new OpensslServer(process, port, log, List.copyOf(command));
      server.awaitAccepting();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  private void awaitAccepting() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(log, StandardCharsets.UTF_8).contains("ACCEPT")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("s_server exited at start: " + this);
      }
      sleep(20);
    }
    close();
    throw new IllegalStateException("s_server did not accept within " + START_TIMEOUT + ": " + this);
  }

  /** The port it listens on. */
  int port() {
    return port;
  }

  /**
   * Connects, sends {@code clientFlight}, and returns what the server sent back until it closed the connection,
   * fell silent for {@link #QUIET} after its first byte, sent {@link #MAX_FLIGHT} bytes, or
   * {@link #EXCHANGE_TIMEOUT} passed: whichever comes first.
   */
  byte[] exchange(byte[] clientFlight) {
    requireNonNull(clientFlight, "clientFlight");
    long deadline = System.nanoTime() + EXCHANGE_TIMEOUT.toNanos();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
          (int) EXCHANGE_TIMEOUT.toMillis());
      socket.getOutputStream().write(clientFlight);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      java.io.ByteArrayOutputStream flight = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[16384];
      while (flight.size() < MAX_FLIGHT) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          break;
        }
        socket.setSoTimeout((int) (flight.size() == 0 ? left : Math.min(left, QUIET.toMillis())));
        int n;
        try {
          n = in.read(buffer, 0, Math.min(buffer.length, MAX_FLIGHT - flight.size()));
        } catch (SocketTimeoutException e) {
          break;
        } catch (IOException e) {
          break; // a reset after the server's alert: keep what arrived
        }
        if (n < 0) {
          break;
        }
        flight.write(buffer, 0, n);
      }
      return flight.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("exchange with " + this + " failed", e);
    }
  }

  /** Kills the server and its children, waiting (bounded) for them to go. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    String output;
    try {
      output = Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      output = "(log unreadable: " + e + ")";
    }
    return String.join(" ", command) + (process.isAlive() ? " (running)" : " (exited " + process.exitValue() + ")")
        + "\n--- s_server output ---\n" + output;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
