package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.ServerProfile;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans several servers, or one server several times, on threads it keeps between scans: a scan needs about ten
 * threads (a task per version, the suite windows, the features, the certificates), and starting a thread costs far
 * more than reusing one (on the 2-core machine of BENCHMARKS.md about 0.4 ms of CPU each, a third of a warm scan of
 * nginx). Each {@link #scan} is the same as {@link TlsScans#scan(ScanOptions)}: its connections, timeouts and
 * findings are its own, and none of its tasks runs after it returns. The threads are daemons, idle ones end after
 * {@value #KEEP_ALIVE_SECONDS} s, and {@link #close()} stops them all. Safe for use by several threads; scans run
 * side by side.
 *
 * <pre>{@code
 * try (TlsScanner scanner = TlsScans.scanner()) {
 *   ServerProfile web = scanner.scan(ScanOptions.builder("localhost", 8443).build());
 *   ServerProfile mail = scanner.scan(ScanOptions.builder("localhost", 8587).startTls(StartTls.SMTP).build());
 * }
 * }</pre>
 */
public final class TlsScanner implements AutoCloseable {
  /** How long an idle thread waits for the next scan's task before it ends. */
  static final int KEEP_ALIVE_SECONDS = 10;
  /** How long {@link #close()} waits for running scans' threads to end (each read is bounded by its timeouts). */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final ThreadPoolExecutor threads;
  /** How many threads this scanner started so far. */
  private final AtomicInteger started = new AtomicInteger();
  /** Its threads' names start with it: {@code tlsprobe-scanner-1b6d3586-}. */
  private final String prefix = "tlsprobe-scanner-" + Integer.toHexString(System.identityHashCode(this)) + "-";

  TlsScanner() {
    ThreadFactory factory = task -> {
      Thread t = new Thread(task, prefix + started.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
        new SynchronousQueue<>(), factory);
  }

  /**
   * Scans as {@code options} say ({@link TlsScans#scan(ScanOptions)}), on this scanner's threads.
   *
   * @throws IllegalStateException when this scanner is closed
   */
  public ServerProfile scan(ScanOptions options) {
    requireNonNull(options, "options");
    if (threads.isShutdown()) {
      throw new IllegalStateException("this TlsScanner is closed");
    }
    return new Scan(options, threads).run();
  }

  /** Stops the threads; a scan still running ends with what it found so far. Closing twice does nothing more. */
  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many threads this scanner holds now, idle ones included. */
  int threadCount() {
    return threads.getPoolSize();
  }

  /** How many threads this scanner started so far. */
  int threadsStarted() {
    return started.get();
  }

  /** The start of its threads' names. */
  String threadNamePrefix() {
    return prefix;
  }
}
