package io.tlsprobe.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_server -www} on 127.0.0.1 and a free port, limited to one protocol version; ready once it prints
 * {@code ACCEPT} (within 10 s, else it is killed and start fails), destroyed on {@link #close()}. The benchmark starts
 * one only when {@code src/bench/run.sh} did not hand it the port of the server that script started.
 *
 * <pre>{@code
 * try (OpensslServerProcess server = OpensslServerProcess.start(dir, cert, key, "TLSv1.2")) {
 *   TlsProbes.probe("127.0.0.1", server.port());
 * }
 * }</pre>
 */
public final class OpensslServerProcess implements AutoCloseable {
  private static final long READY_MILLIS = 10_000;
  private static final int ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final Path log;

  private OpensslServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code openssl s_server} presenting {@code cert}/{@code key} and allowing only {@code protocol}
   * ({@code TLSv1.3} or {@code TLSv1.2}); a start that loses its port to another process is retried on another.
   */
  public static OpensslServerProcess start(Path dir, Path cert, Path key, String protocol)
      throws IOException, InterruptedException {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return startOnce(dir, cert, key, protocol, freeLoopbackPort());
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }

  private static OpensslServerProcess startOnce(Path dir, Path cert, Path key, String protocol, int port)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-www",
        "-cert", cert.toString(), "-key", key.toString(), protocolFlag(protocol)));
    Path log = Files.createTempFile(dir, "s_server-", ".log");
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    OpensslServerProcess server = new OpensslServerProcess(process, port, log);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
    while (!server.output().contains("ACCEPT")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String output = server.output();
        server.close();
        throw new IllegalStateException("openssl s_server did not start: " + String.join(" ", command) + "\n"
            + output);
      }
      Thread.sleep(20);
    }
    return server;
  }

  /**
   * Writes a self-signed EC P-256 certificate for {@code localhost} and {@code 127.0.0.1} and its key with
   * {@code openssl req} (no Java code warmed up on the way) to {@code cert.pem} and {@code key.pem} in {@code dir}.
   */
  public static void selfSigned(Path dir) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-nodes", "-days", "30", "-subj", "/CN=localhost", "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(), "-out",
        dir.resolve("cert.pem").toString())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("openssl req did not finish within 30 s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("openssl req failed with exit code " + process.exitValue());
    }
  }

  static String protocolFlag(String protocol) {
    return switch (protocol) {
      case "TLSv1.3" -> "-tls1_3";
      case "TLSv1.2" -> "-tls1_2";
      default -> throw new IllegalArgumentException("protocol must be TLSv1.3 or TLSv1.2, was " + protocol);
    };
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  /** What s_server printed so far. */
  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(2, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(2, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return "OpensslServerProcess[127.0.0.1:" + port + (process.isAlive() ? ", running" : ", exited") + "]";
  }
}
