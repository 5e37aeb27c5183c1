package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One scan's tasks on its scanner's threads ({@link TlsScanner}): every task given to it runs on one of those threads,
 * and {@link #close()} ends the scan's share of them: tasks not started yet are dropped, running ones are interrupted
 * (their reads are bounded by the scan's timeouts anyway) and waited for, up to a grace period, so no task of a scan
 * outlives it while the threads stay for the next scan. {@link #limited} runs tasks in the order given, a bounded
 * number at once (the version tasks: {@link ScanOptions#maxParallel()}).
 *
 * <pre>{@code
 * try (ScanTasks tasks = new ScanTasks(scannerThreads, Duration.ofSeconds(2))) {
 *   CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> 42, tasks.limited(5));
 *   f.join();
 * }
 * }</pre>
 */
final class ScanTasks implements Executor, AutoCloseable {
  private final Executor threads;
  private final Duration grace;
  private final Object lock = new Object();
  /** The threads running a task of this scan now; guarded by {@link #lock}. */
  private final Set<Thread> active = new HashSet<>();
  /** Tasks handed to the threads and not finished; guarded by {@link #lock}. */
  private int pending;
  /** Whether the scan is over; guarded by {@link #lock}. */
  private boolean closed;

  ScanTasks(Executor threads, Duration grace) {
    this.threads = requireNonNull(threads, "threads");
    this.grace = requireNonNull(grace, "grace");
  }

  /** Runs {@code task} on one of the scanner's threads; refused once the scan is over. */
  @Override
  public void execute(Runnable task) {
    requireNonNull(task, "task");
    synchronized (lock) {
      if (closed) {
        throw new RejectedExecutionException("the scan is over");
      }
      pending++;
    }
    try {
      threads.execute(() -> run(task));
    } catch (RejectedExecutionException e) {
      finished(null);
      throw e;
    }
  }

  private void run(Runnable task) {
    Thread self = Thread.currentThread();
    synchronized (lock) {
      if (closed) {
        pending--;
        lock.notifyAll();
        return;
      }
      active.add(self);
    }
    try {
      task.run();
    } finally {
      finished(self);
      // an interrupt meant for this scan's task ends with it: the thread goes back to the scanner clean
      Thread.interrupted();
    }
  }

  private void finished(Thread thread) {
    synchronized (lock) {
      if (thread != null) {
        active.remove(thread);
      }
      pending--;
      lock.notifyAll();
    }
  }

  /** An executor that runs the tasks given to it in that order, at most {@code parallel} at once. */
  Executor limited(int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
    }
    return new Limited(parallel);
  }

  /**
   * Ends the scan: no more tasks start, running ones are interrupted, and this waits for them up to the grace
   * period (they end soon after, as every read is bounded).
   */
  @Override
  public void close() {
    long until = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      closed = true;
      active.forEach(Thread::interrupt);
      while (pending > 0) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Tasks in the order given, a bounded number at once, on this scan's threads. */
  private final class Limited implements Executor {
    private final int parallel;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** Guarded by this. */
    private int running;

    Limited(int parallel) {
      this.parallel = parallel;
    }

    @Override
    public void execute(Runnable task) {
      requireNonNull(task, "task");
      synchronized (this) {
        queue.add(task);
      }
      drain();
    }

    private void drain() {
      List<Runnable> start = new ArrayList<>();
      synchronized (this) {
        while (running < parallel && !queue.isEmpty()) {
          running++;
          start.add(queue.poll());
        }
      }
      for (Runnable task : start) {
        try {
          ScanTasks.this.execute(() -> {
            try {
              task.run();
            } finally {
              done();
            }
          });
        } catch (RejectedExecutionException e) {
          return; // the scan is over: what is queued never runs
        }
      }
    }

    private void done() {
      synchronized (this) {
        running--;
      }
      drain();
    }
  }
}
