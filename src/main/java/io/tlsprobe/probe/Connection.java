package io.tlsprobe.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection driven without blocking: every connect, read and write waits on a selector for at most the
 * time left before a {@link Deadline}, so no peer behaviour (silence, one byte a second, endless data) can hold it
 * past the deadline. While tapping, every byte read or written is also appended to the two transcripts.
 */
final class Connection implements AutoCloseable {
  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final Transcript sent = new Transcript();
  private final Transcript received = new Transcript();
  private boolean tapping = true;
  private long firstWriteNanos;

  private Connection(SocketChannel channel, Selector selector, SelectionKey key) {
    this.channel = channel;
    this.selector = selector;
    this.key = key;
  }

  /**
   * Connects to {@code address} before {@code deadline}.
   *
   * @throws DeadlineExceeded when the deadline passes first
   * @throws IOException when the connection fails (refused, unreachable, …)
   */
  static Connection open(InetSocketAddress address, Deadline deadline) throws IOException {
    SocketChannel channel = SocketChannel.open();
    Selector selector = null;
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      selector = Selector.open();
      SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
      Connection connection = new Connection(channel, selector, key);
      if (!channel.connect(address)) {
        connection.await(SelectionKey.OP_CONNECT, deadline);
        channel.finishConnect();
      }
      key.interestOps(0);
      return connection;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (selector != null) {
        closeQuietly(selector);
      }
      throw e;
    }
  }

  /**
   * Reads what is available into {@code dst}, waiting for at least one byte until {@code deadline}.
   *
   * @return the count read (at least 1), or -1 at end of stream
   * @throws DeadlineExceeded when nothing arrived in time
   */
  int read(ByteBuffer dst, Deadline deadline) throws IOException {
    if (!dst.hasRemaining()) {
      throw new IllegalStateException("no room to read into");
    }
    while (true) {
      if (deadline.expired()) {
        throw new DeadlineExceeded(deadline);
      }
      int start = dst.position();
      int n = channel.read(dst);
      if (n > 0) {
        if (tapping) {
          received.append(dst.duplicate().flip().position(start));
        }
        return n;
      }
      if (n < 0) {
        return -1;
      }
      await(SelectionKey.OP_READ, deadline);
    }
  }

  /**
   * Writes all of {@code src} before {@code deadline}.
   *
   * @throws DeadlineExceeded when the peer does not take the bytes in time
   */
  void write(ByteBuffer src, Deadline deadline) throws IOException {
    if (tapping) {
      if (firstWriteNanos == 0) {
        firstWriteNanos = System.nanoTime();
      }
      sent.append(src);
    }
    while (src.hasRemaining()) {
      if (deadline.expired()) {
        throw new DeadlineExceeded(deadline);
      }
      if (channel.write(src) == 0) {
        await(SelectionKey.OP_WRITE, deadline);
      }
    }
  }

  /** Writes what the socket takes at once, without waiting: for a parting alert. */
  void writeWithoutWaiting(ByteBuffer src) {
    if (tapping) {
      sent.append(src);
    }
    try {
      channel.write(src);
    } catch (IOException ignored) {
      // the peer may have gone already; a parting alert is a courtesy
    }
  }

  private void await(int op, Deadline deadline) throws IOException {
    key.interestOps(op);
    try {
      while (true) {
        long nanos = deadline.remainingNanos();
        if (nanos <= 0) {
          throw new DeadlineExceeded(deadline);
        }
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
        selector.selectedKeys().clear();
        if (selector.select(millis) > 0 && (key.readyOps() & op) != 0) {
          return;
        }
      }
    } finally {
      if (key.isValid()) {
        key.interestOps(0);
      }
    }
  }

  /** Stops copying bytes into the transcripts (the handshake is over, or a STARTTLS phase runs in clear). */
  void stopTapping() {
    tapping = false;
  }

  /** Copies bytes into the transcripts again (TLS starts after a STARTTLS phase). */
  void startTapping() {
    tapping = true;
  }

  Transcript sent() {
    return sent;
  }

  Transcript received() {
    return received;
  }

  /** When the first byte was handed to the socket while tapping, in nanoTime; 0 before. */
  long firstWriteNanos() {
    return firstWriteNanos;
  }

  /** Closes at once: no lingering, no waiting for the peer. */
  @Override
  public void close() {
    closeQuietly(selector);
    closeQuietly(channel);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing is best effort
    }
  }

  /** A {@link Deadline} passed while waiting on the network. */
  static final class DeadlineExceeded extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Deadline deadline;

    DeadlineExceeded(Deadline deadline) {
      super(deadline.describe() + " ran out");
      this.deadline = deadline;
    }

    Deadline deadline() {
      return deadline;
    }
  }
}
