package io.tlsprobe.scan;

import io.tlsprobe.starttls.StartTlsClient;
import io.tlsprobe.starttls.StartTlsException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Opens the scan's connections: one per question, each with its STARTTLS exchange when the options ask for one, one
 * request written and the answer read until it is complete, the server closes, or the handshake timeout (never past
 * the scan's total timeout) runs out. Counts every TCP connection it opens, and holds no more than
 * {@link ScanOptions#maxParallel()} open at once, however many threads ask: a thread waits for its turn before it
 * connects. Safe for use by several threads.
 *
 * <p>Each connection is closed with a reset ({@code SO_LINGER} 0) once the answer is read: the server is not kept
 * waiting for a FIN, neither side goes through the closing handshake, and no {@code TIME_WAIT} is left for every one
 * of the scan's hundred connections (against a legacy s_server: a fifth less CPU time for the scan, an eighth less
 * for the server).
 */
final class Connector {
  /** The most bytes read for one answer: enough for a ServerHello, a certificate chain and a key exchange. */
  static final int MAX_ANSWER = 1 << 17;
  /** The first read's buffer: a ServerHello flight with a certificate or two fits. */
  private static final int READ_SIZE = 4096;

  private final ScanOptions options;
  private final InetSocketAddress address;
  private final long totalDeadline;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicReference<@Nullable String> firstConnectFailure = new AtomicReference<>();
  /** One permit per connection that may be open at once; first come, first served. */
  private final Semaphore open;

  Connector(ScanOptions options, InetSocketAddress address, long startNanos) {
    this.options = options;
    this.address = address;
    this.totalDeadline = startNanos + options.totalTimeout().toNanos();
    this.open = new Semaphore(options.maxParallel(), true);
  }

  /** How many TCP connections were opened so far. */
  int connections() {
    return connections.get();
  }

  /**
   * One connection opened elsewhere ({@code connection}: the scan's JSSE handshake), counted, and held to the bound on
   * open connections like the others; empty when the thread was interrupted while it waited for its turn.
   */
  <T> Optional<T> counted(Supplier<T> connection) {
    try {
      open.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      connections.incrementAndGet();
      return Optional.of(connection.get());
    } finally {
      open.release();
    }
  }

  /** Counts one more connection opened elsewhere, after {@link #counted} (a probe that needed a second one). */
  void countOpenedElsewhere() {
    connections.incrementAndGet();
  }

  /** What is left of the scan's total timeout; zero when it has run out. */
  Duration timeLeft() {
    long nanos = totalDeadline - System.nanoTime();
    return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
  }

  /** Why the first connection that could not be made failed, if one could not. */
  Optional<String> firstConnectFailure() {
    return Optional.ofNullable(firstConnectFailure.get());
  }

  /** Whether the scan's total timeout has run out. */
  boolean outOfTime() {
    return totalDeadline - System.nanoTime() <= 0;
  }

  /** The total timeout, described: {@code "the total timeout (2 min)"}. */
  String totalTimeout() {
    return "the total timeout (" + format(options.totalTimeout()) + ")";
  }

  /**
   * One connection: connect, the STARTTLS exchange if any, {@code request}, and the answer, read until
   * {@code complete} says it is.
   */

  Reply converse(byte[] request, Predicate<byte[]> complete) {
    return converse(request, complete, soFar -> null);
  }

  /**
   * What to write once an answer is complete, on the same connection: the rest of the answer is then read until
   * {@code complete} says it is again. Asked at most once per connection.
   */
  @FunctionalInterface
  interface FollowUp {
    /** The bytes to write after {@code soFar}, or null to end the conversation there. */
    byte @Nullable [] after(byte[] soFar);
  }

  /**
   * One connection as {@link #converse(byte[], Predicate)}, and when the answer is complete, {@code followUp}'s bytes
   * written and the answer read on until {@code complete} says it is again.
   */
  Reply converse(byte[] request, Predicate<byte[]> complete, FollowUp followUp) {
    try {
      open.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.failed("interrupted");
    }
    try {
      return connect(request, complete, followUp);
    } finally {
      open.release();
    }
  }

  private Reply connect(byte[] request, Predicate<byte[]> complete, FollowUp followUp) {
    if (outOfTime()) {
      return Reply.failed(totalTimeout() + " ran out");
    }
    Socket socket = new Socket(Proxy.NO_PROXY); // direct, as every scanner connects: no proxy lookup per connection
    try {
      long connectMillis = Math.min(options.connectTimeout().toMillis(), millisLeft(totalDeadline));
      socket.setTcpNoDelay(true);
      socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectMillis)));
    } catch (SocketTimeoutException e) {
      close(socket);
      return connectFailed("no TCP connection to " + describe() + " within the connect timeout ("
          + format(options.connectTimeout()) + ")");
    } catch (IOException e) {
      close(socket);
      return connectFailed("cannot connect to " + describe() + ": " + e.getMessage());
    }
    int number = connections.incrementAndGet();
    try (socket) {
      socket.setSoLinger(true, 0);
      if (options.startTls().isUpgrade()) {
        String failure = upgrade(socket);
        if (failure != null) {
          return Reply.failed("connection " + number + ": " + failure);
        }
      }
      DeadlineChannel channel = channel(socket, "handshake");
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return read(socket, channel, complete, followUp);
    } catch (IOException e) {
      return new Reply(new byte[0], Reply.End.CLOSED, "writing failed: " + e.getMessage());
    }
  }

  private Reply connectFailed(String detail) {
    firstConnectFailure.compareAndSet(null, detail);
    return Reply.failed(detail);
  }

  private static Reply read(Socket socket, DeadlineChannel channel, Predicate<byte[]> complete, FollowUp followUp) {
    byte[] answer = new byte[READ_SIZE];
    int size = 0;
    boolean followedUp = false;
    while (size < MAX_ANSWER) {
      if (answer.length - size < READ_SIZE) {
        answer = Arrays.copyOf(answer, Math.min(MAX_ANSWER, answer.length * 2));
      }
      int n;
      try {
        n = channel.read(answer, size, Math.min(READ_SIZE * 4, answer.length - size));
      } catch (SocketTimeoutException e) {
        return new Reply(Arrays.copyOf(answer, size), Reply.End.TIMED_OUT, "no complete answer: " + e.getMessage());
      } catch (IOException e) {
        return new Reply(Arrays.copyOf(answer, size), Reply.End.CLOSED, "connection reset: " + e.getMessage());
      }
      if (n < 0) {
        return new Reply(Arrays.copyOf(answer, size), Reply.End.CLOSED, "");
      }
      size += n;
      byte[] soFar = Arrays.copyOf(answer, size);
      if (complete.test(soFar)) {
        byte[] next = followedUp ? null : followUp.after(soFar);
        if (next == null) {
          return new Reply(soFar, Reply.End.COMPLETE, "");
        }
        followedUp = true;
        try {
          socket.getOutputStream().write(next);
          socket.getOutputStream().flush();
        } catch (IOException e) {
          return new Reply(soFar, Reply.End.CLOSED, "writing the follow-up failed: " + e.getMessage());
        }
      }
    }
    return new Reply(Arrays.copyOf(answer, size), Reply.End.COMPLETE, "");
  }

  /** The dialect's plain-text exchange; null when the server gave its go-ahead, else why not. */
  private @Nullable String upgrade(Socket socket) {
    StartTlsClient client = StartTlsClient.of(options.startTls(), options.serverName().orElse(options.host()));
    try {
      client.upgrade(channel(socket, "STARTTLS"));
      return null;
    } catch (StartTlsException e) {
      return options.startTls().cliName() + " upgrade failed: " + e.getMessage();
    }
  }

  /** A channel bounded by the handshake timeout from now, or by the total timeout when that comes first. */
  private DeadlineChannel channel(Socket socket, String name) {
    long own = System.nanoTime() + options.handshakeTimeout().toNanos();
    return own - totalDeadline < 0
        ? new DeadlineChannel(socket, own, "the " + name + " timeout (" + format(options.handshakeTimeout()) + ")")
        : new DeadlineChannel(socket, totalDeadline, totalTimeout());
  }

  private String describe() {
    return (options.host().indexOf(':') >= 0 ? "[" + options.host() + "]" : options.host()) + ":" + options.port();
  }

  private static long millisLeft(long deadline) {
    return Math.max(1, Math.floorDiv(deadline - System.nanoTime() + 999_999, 1_000_000));
  }

  /** {@code 500 ms}, {@code 10 s}, {@code 2 min}. */
  static String format(Duration d) {
    long millis = d.toMillis();
    if (millis % 60_000 == 0 && millis >= 60_000) {
      return millis / 60_000 + " min";
    }
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing was opened
    }
  }
}
