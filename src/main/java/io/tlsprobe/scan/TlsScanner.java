package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.report.ServerProfile;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@value #KEEP_ALIVE_SECONDS} s, and {@link #close()} stops them all once no scan runs. Safe for use by several
 * threads; scans run side by side.
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
  /** Scans running now; guarded by this. */
  private int running;
  /** Whether {@link #close()} was called; guarded by this. */
  private boolean closed;
  /** How many threads this scanner started so far. */
  private final AtomicInteger started = new AtomicInteger();
  /** Its threads' names start with it: {@code tlsprobe-scanner-1b6d3586-}. */
  private final String prefix = "tlsprobe-scanner-" + Integer.toHexString(System.identityHashCode(this)) + "-";

  /** Its threads that have not ended yet, so that {@link #close()} can wait for each to end. */
  private final Set<Thread> live = ConcurrentHashMap.newKeySet();

  TlsScanner() {
    ThreadFactory factory = task -> {
      Thread t = new Thread(() -> {
        try {
          task.run();
        } finally {
          live.remove(Thread.currentThread());
        }
      }, prefix + started.incrementAndGet());
      t.setDaemon(true);
      live.add(t);
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
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("this TlsScanner is closed");
      }
      running++;
    }
    try {
      return new Scan(options, threads).run();
    } finally {
      boolean last;
      synchronized (this) {
        running--;
        last = closed && running == 0;
        notifyAll();
      }
      if (last) {
        threads.shutdownNow(); // closed while this scan ran: its threads stop now that it is over
      }
    }
  }

  /**
   * Closes the scanner: no scan starts any more; a scan already running ends as it would (within its own timeouts)
   * and the threads stop once no scan runs. Waits up to 2 s for the scans, and then for each thread to end; closing
   * twice does nothing more.
   */
  @Override
  public void close() {
    long until = System.nanoTime() + GRACE.toNanos();
    synchronized (this) {
      closed = true;
      while (running > 0) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return; // the last scan to end stops the threads
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    List<Thread> stopping = List.copyOf(live);
    threads.shutdownNow();
    try {
      threads.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      for (Thread t : stopping) { // a pool is terminated a moment before its threads have ended
        t.join(Math.max(1, (until + GRACE.toNanos() - System.nanoTime()) / 1_000_000));
      }
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
