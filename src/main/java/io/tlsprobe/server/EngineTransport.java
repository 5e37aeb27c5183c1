package io.tlsprobe.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A server {@link SSLEngine} driven over a blocking {@link Socket}, starting from bytes already read (the client's
 * first flight). While the handshake runs, every byte in either direction is also kept (up to {@link #TAP_LIMIT}),
 * so the codec can read the client's plaintext alerts and our own ServerHello. Each read waits at most until the
 * current deadline; closing the socket from another thread ends any wait at once.
 */
final class EngineTransport {
  /** The most bytes kept per direction while tapping. */
  static final int TAP_LIMIT = 256 * 1024;
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** How the client's side of the connection ended after the handshake, as far as reads saw it. */
  enum Ending {
    /** No read ended the connection (yet). */
    OPEN,
    /** The client sent close_notify. */
    CLOSE_NOTIFY,
    /** The connection reached end of stream without close_notify. */
    END_OF_STREAM,
    /** The last read waited until its deadline. */
    TIMEOUT,
    /** JSSE failed: the client's fatal alert, or a record it could not read ({@link #failure()}). */
    TLS_FAILURE,
    /** The socket failed, e.g. a reset ({@link #failure()}). */
    BROKEN
  }

  /** The client closed the connection (end of stream) while we needed its bytes. */
  static final class PeerClosed extends EOFException {
    private static final long serialVersionUID = 1L;

    PeerClosed() {
      super("the client closed the connection");
    }
  }

  private final SSLEngine engine;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private boolean tapping = true;
  private boolean applicationDataReceived;
  private Ending ending = Ending.OPEN;
  private @Nullable IOException failure;
  private long deadlineNanos;
  private ByteBuffer netIn;
  private ByteBuffer netOut;
  private ByteBuffer appIn;

  EngineTransport(SSLEngine engine, Socket socket, byte[] alreadyRead) throws IOException {
    this.engine = engine;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(Math.max(packet, alreadyRead.length));
    this.netIn.put(alreadyRead);
    this.received.write(alreadyRead, 0, Math.min(alreadyRead.length, TAP_LIMIT));
    this.netOut = ByteBuffer.allocate(packet);
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    this.appIn.flip();
  }

  /** Sets when the next reads give up ({@link System#nanoTime()} value). */
  void deadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Runs the handshake to its end.
   *
   * @throws SSLException when JSSE refuses the client or the client sent a fatal alert
   * @throws PeerClosed when the client closed first
   * @throws SocketTimeoutException when the deadline passed
   */
  void handshake() throws IOException {
    engine.beginHandshake();
    while (true) {
      HandshakeStatus status = engine.getHandshakeStatus();
      switch (status) {
        case NEED_TASK -> runTasks();
        case NEED_WRAP -> {
          if (wrap(EMPTY).getHandshakeStatus() == HandshakeStatus.FINISHED) {
            return;
          }
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          SSLEngineResult result = unwrap();
          if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new PeerClosed();
          }
          if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            return;
          }
        }
        default -> {
          return;
        }
      }
    }
  }

  /** Stops keeping copies of the bytes (the handshake is over). */
  void stopTapping() {
    tapping = false;
  }

  byte[] received() {
    return received.toByteArray();
  }

  byte[] sent() {
    return sent.toByteArray();
  }

  SSLEngine engine() {
    return engine;
  }

  /** Reads application data into {@code dst}; -1 when the client closed (close_notify or end of stream). */
  int read(byte[] dst, int offset, int length) throws IOException {
    if (!awaitApplicationData()) {
      return -1;
    }
    int n = Math.min(length, appIn.remaining());
    appIn.get(dst, offset, n);
    return n;
  }

  /**
   * Waits (until the deadline) for the client's application data, which stays buffered for {@link #read}: true when
   * some is buffered, false when the client closed (close_notify or end of stream). How a wait ended is kept: {@link
   * #ending()}, {@link #failure()}, {@link #applicationDataReceived()}.
   *
   * @throws SocketTimeoutException when the deadline passed
   * @throws SSLException when the client sent a fatal alert (JSSE: "Received fatal alert: …") or a bad record
   */
  boolean awaitApplicationData() throws IOException {
    while (!appIn.hasRemaining()) {
      SSLEngineResult result;
      try {
        result = unwrap();
      } catch (PeerClosed e) {
        ending = Ending.END_OF_STREAM;
        return false;
      } catch (SocketTimeoutException e) {
        ending = Ending.TIMEOUT;
        throw e;
      } catch (SSLException e) {
        ending = Ending.TLS_FAILURE;
        failure = e;
        throw e;
      } catch (IOException e) {
        ending = Ending.BROKEN;
        failure = e;
        throw e;
      }
      if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
        ending = Ending.CLOSE_NOTIFY;
        return false;
      }
      if (result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
        wrap(EMPTY); // a post-handshake message (key update) needs an answer
      }
    }
    applicationDataReceived = true;
    ending = Ending.OPEN;
    return true;
  }

  /** Whether any application data arrived after the handshake. */
  boolean applicationDataReceived() {
    return applicationDataReceived;
  }

  /** How the last wait for application data ended. */
  Ending ending() {
    return ending;
  }

  /** The failure of a wait that ended {@link Ending#TLS_FAILURE} or {@link Ending#BROKEN}. */
  @Nullable IOException failure() {
    return failure;
  }

  /** Writes all of {@code data} as application data. */
  void write(byte[] data) throws IOException {
    ByteBuffer src = ByteBuffer.wrap(data);
    while (src.hasRemaining()) {
      wrap(src);
    }
  }

  /** Sends close_notify, best effort. */
  void closeOutbound() {
    try {
      engine.closeOutbound();
      while (!engine.isOutboundDone()) {
        if (wrap(EMPTY).bytesProduced() == 0) {
          break;
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the client may be gone; close_notify is a courtesy
    }
  }

  /** After JSSE refused the handshake: sends the alert it prepared, best effort. */
  void sendPendingAlert() {
    try {
      for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
        wrap(EMPTY);
      }
    } catch (IOException | RuntimeException ignored) {
      // nothing more to say
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  private SSLEngineResult wrap(ByteBuffer src) throws IOException {
    while (true) {
      netOut.clear();
      SSLEngineResult result = engine.wrap(src, netOut);
      if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        netOut = ByteBuffer.allocate(netOut.capacity() * 2);
        continue;
      }
      netOut.flip();
      if (netOut.hasRemaining()) {
        tap(sent, netOut.array(), 0, netOut.limit());
        out.write(netOut.array(), 0, netOut.limit());
        out.flush();
      }
      if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
        runTasks();
      }
      return result;
    }
  }

  /** Unwraps one record into appIn (kept in read mode between calls), reading from the socket as needed. */
  private SSLEngineResult unwrap() throws IOException {
    appIn.compact();
    try {
      while (true) {
        netIn.flip();
        SSLEngineResult result;
        try {
          result = engine.unwrap(netIn, appIn);
        } finally {
          netIn.compact();
        }
        switch (result.getStatus()) {
          case BUFFER_UNDERFLOW -> fill();
          case BUFFER_OVERFLOW -> appIn = grow(appIn);
          default -> {
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
              runTasks();
            }
            return result;
          }
        }
      }
    } finally {
      appIn.flip();
    }
  }

  /** A buffer twice the size holding what {@code buffer} (in write mode) held, in write mode. */
  private static ByteBuffer grow(ByteBuffer buffer) {
    ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
    buffer.flip();
    bigger.put(buffer);
    return bigger;
  }

  private void fill() throws IOException {
    if (!netIn.hasRemaining()) {
      netIn = grow(netIn);
    }
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("the deadline passed");
    }
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
    int n = in.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
    if (n < 0) {
      throw new PeerClosed();
    }
    tap(received, netIn.array(), netIn.position(), n);
    netIn.position(netIn.position() + n);
  }

  private void tap(ByteArrayOutputStream to, byte[] bytes, int offset, int length) {
    if (tapping && to.size() < TAP_LIMIT) {
      to.write(bytes, offset, Math.min(length, TAP_LIMIT - to.size()));
    }
  }
}
