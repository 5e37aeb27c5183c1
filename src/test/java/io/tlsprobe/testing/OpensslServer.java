package io.tlsprobe.testing;

import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.ServerHelloDone;
import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import java.io.ByteArrayOutputStream;
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
 * One {@code openssl s_server} on 127.0.0.1 and a free port, started with the given options, ready once it prints
 * {@code ACCEPT}, and killed (with any child) by {@link #close()}. Its output goes to a log file that
 * {@link #output()} and {@link #toString()} show, so a failure explains itself. Tests either point a client at
 * {@link #port()} (a probe, {@code s_client}) or, with {@link #converse}, send raw client flights and read back the
 * server's.
 *
 * <pre>{@code
 * try (OpensslServer server = OpensslServer.www(dir, cert, key, "-tls1_2")) {
 *   TlsProbes.probe("127.0.0.1", server.port());
 * }
 * try (OpensslServer server = OpensslServer.start(openssl, dir, "-naccept", "1", "-cert", cert, "-key", key)) {
 *   List<byte[]> responses = server.converse(List.of(clientHelloRecords));
 * }
 * }</pre>
 */
public final class OpensslServer implements AutoCloseable {
  /** How long s_server may take to say ACCEPT. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  /** How many ports {@link #start} tries. */
  public static final int START_ATTEMPTS = 3;
  /** The most bytes read from the server in one exchange. */
  public static final int MAX_FLIGHT = 1 << 18;
  /** The longest one conversation may take. */
  public static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);
  /** How long the server must stay silent, once it has said something, for its flight to count as complete. */
  public static final Duration QUIET = Duration.ofMillis(400);

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

  /**
   * Starts {@code openssl s_server -accept 127.0.0.1:PORT OPTIONS…} and waits (bounded) until it accepts. A free
   * port can be taken by someone else before s_server binds it; when s_server exits at start, it is tried again
   * on another port, {@value #START_ATTEMPTS} times in all.
   */
  public static OpensslServer start(Path openssl, Path dir, String... options) {
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        return startOnce(openssl, dir, options);
      } catch (ExitedAtStart e) {
        failure = e;
      }
    }
    throw java.util.Objects.requireNonNull(failure, "failure");
  }

  private static OpensslServer startOnce(Path openssl, Path dir, String... options) {
    int port = Interop.freeLoopbackPort();
    List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_server",
        "-accept", InetAddress.getLoopbackAddress().getHostAddress() + ":" + port));
    command.addAll(Arrays.asList(options));
    try {
      Path log = Files.createTempFile(dir, "s_server-", ".log");
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      OpensslServer server = new OpensslServer(process, port, log, List.copyOf(command));
      try {
        server.awaitAccepting();
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  /** s_server ended before it accepted (a bad option, or its port was taken meanwhile). */
  private static final class ExitedAtStart extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ExitedAtStart(String message) {
      super(message);
    }
  }

  private void awaitAccepting() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(log, StandardCharsets.UTF_8).contains("ACCEPT")) {
        return;
      }
      if (!process.isAlive()) {
        throw new ExitedAtStart("s_server exited at start: " + this);
      }
      sleep(20);
    }
    throw new IllegalStateException("s_server did not accept within " + START_TIMEOUT + ": " + this);
  }

  /**
   * {@code openssl s_server -www} (an HTTP status page for each request) presenting {@code cert} and {@code key},
   * with {@code options}; it serves connections one after another until closed. Skips the test without openssl
   * ({@link Interop#requireCommand}).
   */
  public static OpensslServer www(Path dir, Path cert, Path key, String... options) {
    List<String> all = new ArrayList<>(List.of("-www", "-cert", cert.toString(), "-key", key.toString()));
    all.addAll(Arrays.asList(options));
    return start(Interop.requireCommand("openssl"), dir, all.toArray(String[]::new));
  }

  /**
   * {@link #www} presenting {@link TestCertificates#localhost()}'s ECDSA certificate (for localhost and 127.0.0.1),
   * written to {@code dir} as {@code ec.pem} and {@code ec.key}.
   */
  public static OpensslServer wwwLocalhost(Path dir, String... options) {
    io.tlsprobe.cert.HeldCertificate leaf = TestCertificates.localhost();
    return www(dir, leaf.writeCertificatePem(dir.resolve("ec.pem")), leaf.writePrivateKeyPem(dir.resolve("ec.key")),
        options);
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** What s_server printed so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /**
   * Connects and, for each of {@code clientFlights} in turn, sends it and reads what the server sends back; returns
   * one response per flight sent (fewer when the server closes early). A response ends when the server closes the
   * connection, when what arrived so far ends a flight (a ServerHelloDone or an alert), when the server falls
   * silent for {@link #QUIET} after its first byte, after {@link #MAX_FLIGHT} bytes, or when
   * {@link #EXCHANGE_TIMEOUT} (for the whole conversation) has passed: whichever comes first.
   */
  public List<byte[]> converse(List<byte[]> clientFlights) {
    long deadline = System.nanoTime() + EXCHANGE_TIMEOUT.toNanos();
    List<byte[]> responses = new ArrayList<>();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
          (int) EXCHANGE_TIMEOUT.toMillis());
      for (byte[] flight : clientFlights) {
        socket.getOutputStream().write(flight);
        socket.getOutputStream().flush();
        Response response = read(socket, deadline);
        responses.add(response.bytes());
        if (response.closed()) {
          break;
        }
      }
      return responses;
    } catch (IOException e) {
      throw new UncheckedIOException("conversation with " + this + " failed", e);
    }
  }

  private record Response(byte[] bytes, boolean closed) {}

  private static Response read(Socket socket, long deadline) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream flight = new ByteArrayOutputStream();
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
        return new Response(flight.toByteArray(), true); // a reset after the server's alert: keep what arrived
      }
      if (n < 0) {
        return new Response(flight.toByteArray(), true);
      }
      flight.write(buffer, 0, n);
      if (endsFlight(flight.toByteArray())) {
        break;
      }
    }
    return new Response(flight.toByteArray(), false);
  }

  /** Whether the bytes so far end with a ServerHelloDone or hold an alert: the server waits or hangs up next. */
  private static boolean endsFlight(byte[] bytes) {
    try {
      Decoded soFar = TlsDecoder.decodePartial(bytes);
      return soFar.trailing().isEmpty()
          && (soFar.first(ServerHelloDone.class).isPresent() || !soFar.alerts().isEmpty());
    } catch (TlsDecodeException e) {
      return false; // not ours to judge here: the test decodes the whole flight and reports
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
    return String.join(" ", command) + (process.isAlive() ? " (running)" : " (exited " + process.exitValue() + ")")
        + "\n--- s_server output ---\n" + output();
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
