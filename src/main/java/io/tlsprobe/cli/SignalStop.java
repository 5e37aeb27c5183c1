package io.tlsprobe.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Lets a command that runs until stopped end cleanly on SIGINT (Ctrl-C) or SIGTERM: a JVM shutdown hook asks it to
 * stop, waits up to {@link #GRACE} for it to close its server and print its last lines, then ends the JVM with exit
 * code 0 (a signal alone would make it 130 or 143). {@link #close()} removes the hook when the command ends by itself.
 * Embedded (tests, {@link Main#run(String[], java.io.PrintWriter, java.io.PrintWriter, java.io.InputStream)}) no hook
 * is installed: interrupting the command's thread stops it.
 *
 * <pre>{@code
 * try (SignalStop stop = SignalStop.install()) {
 *   while (!stop.requested() && !Thread.currentThread().isInterrupted()) {
 *     serveOneMore();
 *   }
 *   out.flush();
 * } // the hook, if a signal came, now halts the JVM with 0
 * }</pre>
 */
final class SignalStop implements AutoCloseable {
  /** How long the hook waits for the command to finish before letting the signal's exit code stand. */
  static final Duration GRACE = Duration.ofSeconds(5);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final @Nullable Thread hook;

  private SignalStop(boolean install) {
    if (install) {
      Thread thread = new Thread(this::onShutdown, "tlsprobe-signal-stop");
      Runtime.getRuntime().addShutdownHook(thread);
      this.hook = thread;
    } else {
      this.hook = null;
    }
  }

  /** A stop that a signal to the JVM requests. */
  static SignalStop install() {
    return new SignalStop(true);
  }

  /** A stop that only {@link #request()} requests (an embedded command stops by thread interruption). */
  static SignalStop none() {
    return new SignalStop(false);
  }

  /** Whether a stop was requested. */
  boolean requested() {
    return requested.getCount() == 0;
  }

  /** Requests a stop. */
  void request() {
    requested.countDown();
  }

  private void onShutdown() {
    request();
    try {
      if (finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        Runtime.getRuntime().halt(Main.OK);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The command has finished (its output flushed): removes the hook, or lets a running one end the JVM with 0. */
  @Override
  public void close() {
    finished.countDown();
    Thread thread = hook;
    if (thread != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(thread);
      } catch (IllegalStateException shuttingDown) {
        // a signal came: the hook is running and halts the JVM now that we have finished
      }
    }
  }
}
