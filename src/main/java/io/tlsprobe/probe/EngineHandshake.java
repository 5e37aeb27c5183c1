package io.tlsprobe.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Drives one client {@link SSLEngine} handshake over a {@link Connection} until it finishes, fails, or the deadline
 * passes. Buffers are bounded by the engine's packet size; every loop turn either moves bytes, runs a task or waits
 * on the connection (which honours the deadline), and the deadline is checked on every turn.
 */
final class EngineHandshake {
  /** How many non-TLS bytes to collect, and how long to wait for them, once the first bytes are clearly not TLS. */
  private static final int NOT_TLS_BYTES = io.tlsprobe.report.Outcome.MAX_PEER_BYTES;
  private static final long NOT_TLS_WAIT_NANOS = 150_000_000L;
  /** The largest record buffer ever allocated: a TLS record is at most 5 + 2^14 + 2048 bytes (large: 2^15 + 2048). */
  private static final int MAX_PACKET = 5 + 32768 + 2048 + 256;
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /**
   * How the engine's handshake ended.
   *
   * @param established whether it finished
   * @param failure JSSE's exception when it refused something
   * @param transportFailure an I/O failure (reset, broken pipe), not a deadline
   * @param timedOut the deadline that ran out
   * @param peerClosed whether the peer closed its side (end of stream or close_notify)
   * @param notTls whether the peer's first bytes were not a TLS record
   * @param endNanos when it ended, in nanoTime
   * @param pendingNetIn bytes read from the peer that the handshake did not consume (the start of what follows it)
   */
  record Result(
      boolean established,
      @Nullable SSLException failure,
      @Nullable IOException transportFailure,
      @Nullable Deadline timedOut,
      boolean peerClosed,
      boolean notTls,
      long endNanos,
      byte[] pendingNetIn) {}

  private final SSLEngine engine;
  private final Connection connection;
  private final Deadline deadline;
  private ByteBuffer netIn;
  private ByteBuffer netOut;
  private ByteBuffer appIn;

  private EngineHandshake(SSLEngine engine, Connection connection, Deadline deadline) {
    this.engine = engine;
    this.connection = connection;
    this.deadline = deadline;
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(packet);
    this.netOut = ByteBuffer.allocate(packet);
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
  }

  /** Runs the handshake of {@code engine} over {@code connection} until {@code deadline}. */
  static Result run(SSLEngine engine, Connection connection, Deadline deadline) {
    return new EngineHandshake(engine, connection, deadline).run();
  }

  private Result run() {
    try {
      engine.beginHandshake();
      while (true) {
        if (deadline.expired()) {
          throw new Connection.DeadlineExceeded(deadline);
        }
        HandshakeStatus status = engine.getHandshakeStatus();
        switch (status) {
          case NEED_TASK -> runTasks();
          case NEED_WRAP -> {
            if (wrap()) {
              return ended(true, null, null, null, false, false);
            }
          }
          case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
            Result early = unwrap();
            if (early != null) {
              return early;
            }
          }
          default -> {
            return ended(true, null, null, null, false, false);
          }
        }
      }
    } catch (Connection.DeadlineExceeded e) {
      return ended(false, null, null, e.deadline(), false, false);
    } catch (SSLException e) {
      return ended(false, e, null, null, false, false);
    } catch (IOException e) {
      return ended(false, null, e, null, false, false);
    } catch (RuntimeException e) {
      return ended(false, new SSLException(e.getMessage(), e), null, null, false, false);
    }
  }

  private Result ended(boolean established, @Nullable SSLException failure, @Nullable IOException transport,
      @Nullable Deadline timedOut, boolean peerClosed, boolean notTls) {
    ByteBuffer pending = netIn.duplicate().flip();
    byte[] rest = new byte[pending.remaining()];
    pending.get(rest);
    return new Result(established, failure, transport, timedOut, peerClosed, notTls, System.nanoTime(), rest);
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  /** Wraps one flight and writes it; true when this finished the handshake. */
  private boolean wrap() throws IOException {
    netOut.clear();
    SSLEngineResult result = engine.wrap(EMPTY, netOut);
    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      netOut = grow(netOut, engine.getSession().getPacketBufferSize());
      return false;
    }
    netOut.flip();
    if (netOut.hasRemaining()) {
      connection.write(netOut, deadline);
    }
    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
      throw new SSLException("the engine closed during the handshake");
    }
    return result.getHandshakeStatus() == HandshakeStatus.FINISHED;
  }

  /** Unwraps what has arrived, reading more when needed; a non-null result ends the handshake. */
  private @Nullable Result unwrap() throws IOException {
    netIn.flip();
    SSLEngineResult result;
    try {
      result = engine.unwrap(netIn, appIn);
    } finally {
      netIn.compact();
    }
    switch (result.getStatus()) {
      case OK -> {
        appIn.clear(); // application data during the handshake is not ours to keep
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
          return ended(true, null, null, null, false, false);
        }
        return null;
      }
      case BUFFER_OVERFLOW -> {
        appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
        appIn.clear();
        return null;
      }
      case CLOSED -> {
        return ended(false, null, null, null, true, false);
      }
      default -> { // BUFFER_UNDERFLOW: a record is incomplete
        if (!netIn.hasRemaining()) {
          netIn = grow(netIn, engine.getSession().getPacketBufferSize());
        }
        int n = connection.read(netIn, deadline);
        if (n < 0) {
          return ended(false, null, null, null, true, false);
        }
        if (!looksLikeTls(connection.received())) {
          collectNonTls();
          return ended(false, null, null, null, false, true);
        }
        return null;
      }
    }
  }

  /** Whether the peer's first bytes can start a TLS record: content type 20–24, then major version 3. */
  static boolean looksLikeTls(Transcript received) {
    byte[] head = received.head(2);
    if (head.length == 0) {
      return true;
    }
    int type = head[0] & 0xff;
    if (type < 20 || type > 24) {
      return false;
    }
    return head.length < 2 || head[1] == 3;
  }

  /** Reads on for a moment so the report can show up to 64 bytes of what the peer said. */
  private void collectNonTls() {
    Deadline shortly = new Deadline(System.nanoTime() + NOT_TLS_WAIT_NANOS, "non-TLS read", java.time.Duration.ZERO)
        .min(deadline);
    ByteBuffer more = ByteBuffer.allocate(NOT_TLS_BYTES);
    try {
      while (connection.received().total() < NOT_TLS_BYTES) {
        more.clear();
        more.limit((int) (NOT_TLS_BYTES - connection.received().total()));
        if (connection.read(more, shortly) < 0) {
          return;
        }
      }
    } catch (IOException ignored) {
      // what arrived so far is enough to show
    }
  }

  private static ByteBuffer grow(ByteBuffer buffer, int wanted) throws SSLException {
    int size = Math.max(wanted, buffer.capacity() + 1024);
    if (size > MAX_PACKET) {
      throw new SSLException("a record needs more than " + MAX_PACKET + " bytes of buffer");
    }
    ByteBuffer bigger = ByteBuffer.allocate(size);
    buffer.flip();
    bigger.put(buffer);
    return bigger;
  }

  /** The alert JSSE queued after a failure, or nothing; never throws. */
  static byte[] pendingAlert(SSLEngine engine) {
    try {
      ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
        SSLEngineResult r = engine.wrap(EMPTY, out);
        if (r.bytesProduced() == 0) {
          break;
        }
      }
      out.flip();
      byte[] bytes = new byte[out.remaining()];
      out.get(bytes);
      return bytes;
    } catch (SSLException | RuntimeException e) {
      return new byte[0];
    }
  }
}
