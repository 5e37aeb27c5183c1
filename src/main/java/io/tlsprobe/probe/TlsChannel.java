package io.tlsprobe.probe;

import io.tlsprobe.starttls.PlainTextChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Application data over an established {@link SSLEngine} on a {@link Connection}: what a STARTTLS dialect says inside
 * TLS right after the handshake. Post-handshake messages (TLS 1.3 NewSessionTicket, KeyUpdate) are handled on the
 * way; every network wait honours the deadline, and buffers are bounded by the engine's sizes.
 */
final class TlsChannel implements PlainTextChannel {
  private static final int MAX_TURNS = 10_000;

  private final SSLEngine engine;
  private final Connection connection;
  private final Deadline deadline;
  private ByteBuffer netIn;
  private final ByteBuffer appIn;
  private final ByteBuffer netOut;

  /**
   * @param pendingNetIn bytes the handshake read but did not consume
   */
  TlsChannel(SSLEngine engine, Connection connection, byte[] pendingNetIn, Deadline deadline) {
    this.engine = engine;
    this.connection = connection;
    this.deadline = deadline;
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(Math.max(packet, pendingNetIn.length));
    this.netIn.put(pendingNetIn);
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    this.appIn.flip();
    this.netOut = ByteBuffer.allocate(packet);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    try {
      return readApplicationData(dst);
    } catch (Connection.DeadlineExceeded e) {
      throw ConnectionChannel.timeout(e);
    }
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    try {
      writeApplicationData(src);
    } catch (Connection.DeadlineExceeded e) {
      throw ConnectionChannel.timeout(e);
    }
  }

  private int readApplicationData(ByteBuffer dst) throws IOException {
    for (int turn = 0; turn < MAX_TURNS; turn++) {
      if (appIn.hasRemaining()) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        ByteBuffer slice = appIn.slice();
        slice.limit(n);
        dst.put(slice);
        appIn.position(appIn.position() + n);
        return n;
      }
      if (deadline.expired()) {
        throw new Connection.DeadlineExceeded(deadline);
      }
      netIn.flip();
      appIn.clear();
      SSLEngineResult result;
      try {
        result = engine.unwrap(netIn, appIn);
      } finally {
        netIn.compact();
        appIn.flip();
      }
      runTasksAndWraps(result.getHandshakeStatus());
      switch (result.getStatus()) {
        case CLOSED -> {
          return -1;
        }
        case BUFFER_UNDERFLOW -> {
          if (!netIn.hasRemaining()) {
            throw new SSLException("a record larger than " + netIn.capacity() + " bytes");
          }
          if (connection.read(netIn, deadline) < 0) {
            return -1;
          }
        }
        case BUFFER_OVERFLOW -> throw new SSLException("a record larger than the application buffer");
        default -> {
          // OK: data (handled above on the next turn) or a post-handshake message
        }
      }
    }
    throw new SSLException("no application data after " + MAX_TURNS + " engine turns");
  }

  private void writeApplicationData(ByteBuffer src) throws IOException {
    for (int turn = 0; turn < MAX_TURNS && src.hasRemaining(); turn++) {
      netOut.clear();
      SSLEngineResult result = engine.wrap(src, netOut);
      netOut.flip();
      if (netOut.hasRemaining()) {
        connection.write(netOut, deadline);
      }
      if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
        throw new SSLException("the TLS session is closed");
      }
      runTasksAndWraps(result.getHandshakeStatus());
    }
  }

  /** Runs delegated tasks and sends what a post-handshake message asks for (a KeyUpdate answer). */
  private void runTasksAndWraps(HandshakeStatus status) throws IOException {
    HandshakeStatus s = status;
    for (int turn = 0; turn < 16; turn++) {
      if (s == HandshakeStatus.NEED_TASK) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
          task.run();
        }
        s = engine.getHandshakeStatus();
      } else if (s == HandshakeStatus.NEED_WRAP) {
        netOut.clear();
        SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), netOut);
        netOut.flip();
        if (netOut.hasRemaining()) {
          connection.write(netOut, deadline);
        }
        s = r.getHandshakeStatus();
      } else {
        return;
      }
    }
  }
}
