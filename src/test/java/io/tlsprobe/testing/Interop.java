package io.tlsprobe.testing;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What every interop test needs from its environment: external tools ({@code tshark}, {@code openssl}, …), shared
 * files, external processes that cannot hang the build, and free loopback ports.
 *
 * <p>A missing tool or file <em>skips</em> the test (JUnit's abort) with a message naming what is missing and the
 * Debian package that brings it. When the environment variable {@value #MODE_VARIABLE} is {@code required} (as
 * {@code .ci/run} sets it) the same absence <em>fails</em> the test instead, so CI cannot go green by skipping.
 *
 * <pre>{@code
 * @Test
 * void tsharkAgreesWithOurDecoder() {
 *   Path tshark = Interop.requireCommand("tshark"); // skips here without tshark, fails in CI
 *   ProcessResult result = Interop.run(Duration.ofSeconds(30), tshark.toString(), "--version");
 *   assertThat(result.succeeded()).as(result.toString()).isTrue();
 * }
 * }</pre>
 */
public final class Interop {

  /** The environment variable that turns a missing tool or file from a skip into a failure. */
  public static final String MODE_VARIABLE = "TLSPROBE_INTEROP";

  /** The value of {@value #MODE_VARIABLE} that makes interop tests mandatory. */
  public static final String REQUIRED = "required";

  /** The Debian package that brings each command, for the install hint; a command not listed is its own package. */
  private static final Map<String, String> DEBIAN_PACKAGES =
      Map.of(
          "gnutls-cli", "gnutls-bin",
          "gnutls-serv", "gnutls-bin",
          "certtool", "gnutls-bin",
          "testssl", "testssl.sh",
          "testssl.sh", "testssl.sh",
          "dumpcap", "tshark",
          "chromium", "chromium");

  /** How long a killed process gets to be reaped before {@link #run} gives up waiting for it. */
  private static final Duration REAP_GRACE = Duration.ofSeconds(5);

  private Interop() {}

  /** Whether {@value #MODE_VARIABLE} is {@value #REQUIRED} in this JVM's environment. */
  public static boolean isRequired() {
    return isRequired(System.getenv(MODE_VARIABLE));
  }

  static boolean isRequired(@Nullable String modeVariable) {
    return REQUIRED.equals(modeVariable);
  }

  /** The executable file named {@code name} on {@code PATH}, if there is one. */
  public static Optional<Path> findCommand(String name) {
    return findCommand(name, System.getenv("PATH"));
  }

  static Optional<Path> findCommand(String name, @Nullable String pathVariable) {
    requireNonNull(name, "name");
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("command must be a bare name, was '" + name + "'");
    }
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The executable {@code name} on {@code PATH}; without it the calling test is skipped, or failed under
   * {@code TLSPROBE_INTEROP=required}, with a message such as {@code tshark not found on PATH;
   * TLSPROBE_INTEROP=required (install: apt-get install tshark)}.
   */
  public static Path requireCommand(String name) {
    return requireCommand(name, System.getenv("PATH"), isRequired());
  }

  static Path requireCommand(String name, @Nullable String pathVariable, boolean required) {
    Optional<Path> found = findCommand(name, pathVariable);
    if (found.isPresent()) {
      return found.get();
    }
    return unavailable(
        name + " not found on PATH",
        "install: apt-get install " + DEBIAN_PACKAGES.getOrDefault(name, name),
        required);
  }

  /** {@code file} itself when it exists; otherwise the calling test is skipped, or failed when required. */
  public static Path requireFile(Path file) {
    return requireFile(file, isRequired());
  }

  static Path requireFile(Path file, boolean required) {
    requireNonNull(file, "file");
    if (Files.exists(file)) {
      return file;
    }
    return unavailable(file.toAbsolutePath() + " does not exist", "it is provided by the environment", required);
  }

  /**
   * The directory {@code shared/vectors} (real clients' ClientHellos with tshark's dissection) that dev and CI
   * machines keep beside the project: {@code ../shared/vectors} from the project's base directory, or from any
   * directory above it (so a Git worktree or a cloned sample project finds it too).
   */
  public static Optional<Path> sharedVectorsDir() {
    return sharedVectorsDir(Path.of(System.getProperty("user.dir")));
  }

  static Optional<Path> sharedVectorsDir(Path baseDir) {
    for (@Nullable Path dir = baseDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("vectors");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@link #sharedVectorsDir()}, or the calling test is skipped (failed when required) with a clear message. */
  public static Path requireSharedVectors() {
    return requireSharedVectors(Path.of(System.getProperty("user.dir")), isRequired());
  }

  static Path requireSharedVectors(Path baseDir, boolean required) {
    Optional<Path> found = sharedVectorsDir(baseDir);
    if (found.isPresent()) {
      return found.get();
    }
    return unavailable(
        "shared/vectors not found beside " + baseDir.toAbsolutePath().normalize() + " or any directory above it",
        "dev and CI machines keep shared/ next to the project",
        required);
  }

  /**
   * Skips the calling test, or fails it when {@code required}; never returns normally. The message names what is
   * missing, the mode, and how to get it.
   */
  static <T> T unavailable(String what, String hint, boolean required) {
    if (required) {
      return Assertions.fail(what + "; " + MODE_VARIABLE + "=" + REQUIRED + " (" + hint + ")");
    }
    return Assumptions.abort(
        what + "; skipped, set " + MODE_VARIABLE + "=" + REQUIRED + " to fail instead (" + hint + ")");
  }

  /**
   * Runs an external process to completion or until {@code timeout}, whichever comes first, and never hangs: on
   * timeout the process and every process it started are killed. Standard input is empty; standard output and
   * error go to temporary files, so a grandchild that keeps them open cannot block the call.
   *
   * @throws UncheckedIOException when the process cannot be started (for example, the command does not exist)
   */
  public static ProcessResult run(Duration timeout, String... command) {
    return run(timeout, List.of(command));
  }

  /** {@link #run(Duration, String...)} with the command as a list. */
  public static ProcessResult run(Duration timeout, List<String> command) {
    requireNonNull(timeout, "timeout");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    long start = System.nanoTime();
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("tlsprobe-run-", ".out");
      err = Files.createTempFile("tlsprobe-run-", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      boolean finished = waitFor(process, timeout);
      if (!finished) {
        killTree(process.toHandle());
        waitFor(process, REAP_GRACE);
      }
      int exitCode = process.isAlive() ? -1 : process.exitValue();
      return new ProcessResult(
          command,
          exitCode,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          !finished,
          Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(process.toHandle());
      return false;
    }
  }

  /** Kills the descendants first (they are re-parented, and so lost, once their parent dies), then the process. */
  private static void killTree(ProcessHandle root) {
    root.descendants().forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file left behind is harmless
    }
  }

  /**
   * A TCP port that was free on the loopback interface a moment ago. Prefer binding to port 0 yourself; this is for
   * external servers ({@code openssl s_server -accept 127.0.0.1:PORT}) that must be told a port up front.
   */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
