package io.tlsprobe.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real daemon (postfix, dovecot, slapd, …) run by a test on loopback with every file in one scratch directory: the
 * process is started with its output in {@code daemon.log} there, {@link #awaitPort(int, Duration)} waits until it
 * accepts, and {@link #close()} stops it (an optional stop command first, then the whole process tree) and waits for
 * it to go. A failed start throws with the log's tail so the CI log explains it.
 *
 * <pre>{@code
 * try (ScratchDaemon slapd = ScratchDaemon.start("slapd", dir, List.of("slapd", "-d", "stats", …), Map.of())) {
 *   slapd.awaitPort(port, Duration.ofSeconds(10));
 *   …
 * }
 * }</pre>
 */
public final class ScratchDaemon implements AutoCloseable {
  /** How long {@link #close()} waits for the daemon to go after asking it to stop. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final String name;
  private final Path dir;
  private final Path log;
  private final Process process;
  private final List<ProcessHandle> extra = new ArrayList<>();
  private @Nullable List<String> stopCommand;

  private ScratchDaemon(String name, Path dir, Path log, Process process) {
    this.name = name;
    this.dir = dir;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code command} in {@code dir} with {@code environment} added to this JVM's.
   *
   * @throws UncheckedIOException when the process cannot be started
   */
  public static ScratchDaemon start(String name, Path dir, List<String> command, Map<String, String> environment) {
    requireNonNull(name, "name");
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve(name + "-daemon.log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(environment);
      return new ScratchDaemon(name, dir, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  /** A command run (with a 20 s limit) before the process tree is killed, e.g. {@code postfix -c DIR stop}. */
  public ScratchDaemon stopWith(List<String> command) {
    this.stopCommand = List.copyOf(command);
    return this;
  }

  /** Also kills {@code pid}'s tree on close (a daemon that forked away from the started process, e.g. postfix). */
  public ScratchDaemon alsoKill(long pid) {
    ProcessHandle.of(pid).ifPresent(extra::add);
    return this;
  }

  /**
   * Waits until something accepts on {@code 127.0.0.1:port}.
   *
   * @throws AssertionError with the log's tail when the daemon exits or the time runs out first
   */
  public ScratchDaemon awaitPort(int port, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return this;
      } catch (IOException notYet) {
        if (!process.isAlive() && stopCommand == null && extra.isEmpty() && process.exitValue() != 0) {
          throw new AssertionError(name + " exited with " + process.exitValue() + " before accepting on port " + port
              + "\n" + logTail());
        }
        sleep(50);
      }
    }
    throw new AssertionError(name + " did not accept on 127.0.0.1:" + port + " within " + timeout + "\n" + logTail());
  }

  /** The scratch directory. */
  public Path dir() {
    return dir;
  }

  /** The started process (for daemons that stay in the foreground). */
  public Process process() {
    return process;
  }

  /** The last 40 lines of the daemon's output, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- " + log + " (last lines) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops the daemon: the stop command if any, then every process of the tree; waits up to {@link #STOP_GRACE}. */
  @Override
  public void close() {
    if (stopCommand != null) {
      Interop.run(Duration.ofSeconds(20), stopCommand);
    }
    List<ProcessHandle> all = new ArrayList<>(extra);
    all.add(process.toHandle());
    for (ProcessHandle root : all) {
      root.descendants().forEach(ProcessHandle::destroy);
      root.destroy();
    }
    for (ProcessHandle root : all) {
      try {
        root.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
      }
    }
  }

  /**
   * Gives {@code o+x} to {@code dir} and to each ancestor inside {@code java.io.tmpdir} that lacks it (a JUnit temp
   * directory is mode 700), so that a daemon that drops to its own {@code user} can reach its files. An ancestor outside
   * the temporary directory that others cannot cross is an error, not something a test changes.
   *
   * @throws IOException naming the directory the user cannot cross
   */
  public static void letOthersTraverse(Path dir, String user) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      if (perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        continue;
      }
      if (!p.startsWith(tmp) || p.equals(tmp)) {
        throw new IOException("the " + user + " user cannot reach " + dir + ": " + p + " lacks o+x");
      }
      perms.add(PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(p, perms);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return "ScratchDaemon[" + name + " in " + dir + (process.isAlive() ? ", running" : ", exited") + "]";
  }
}
