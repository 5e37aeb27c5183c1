package io.tlsprobe.probe;

import io.tlsprobe.testing.Interop;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_server -www} on 127.0.0.1 and a free port, with the options a test chooses; ready when it prints
 * {@code ACCEPT}, killed on {@link #close()}. It serves one connection at a time, which is all a probe and an
 * {@code s_client} run after it need.
 *
 * <pre>{@code
 * try (OpensslServer server = OpensslServer.start(dir, cert, key, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")) {
 *   TlsProbes.probe("127.0.0.1", server.port());
 * }
 * }</pre>
 */
final class OpensslServer implements AutoCloseable {
  private static final long READY_MILLIS = 10_000;

  private final Process process;
  private final int port;
  private final Path log;

  private OpensslServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code openssl s_server} with {@code cert}/{@code key} and {@code options}; fails if it does not come up. */
  static OpensslServer start(Path dir, Path cert, Path key, String... options) throws IOException, InterruptedException {
    Path openssl = Interop.requireCommand("openssl");
    int port = Interop.freeLoopbackPort();
    List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_server", "-accept", "127.0.0.1:" + port,
        "-www", "-cert", cert.toString(), "-key", key.toString()));
    command.addAll(List.of(options));
    Path log = Files.createTempFile(dir, "s_server-", ".log");
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    OpensslServer server = new OpensslServer(process, port, log);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
    while (!server.output().contains("ACCEPT")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String output = server.output();
        server.close();
        throw new IllegalStateException("openssl s_server did not start: " + String.join(" ", command) + "\n" + output);
      }
      Thread.sleep(20);
    }
    return server;
  }

  int port() {
    return port;
  }

  /** What s_server printed so far. */
  String output() throws IOException {
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
}
