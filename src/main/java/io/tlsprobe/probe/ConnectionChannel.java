package io.tlsprobe.probe;

import io.tlsprobe.starttls.PlainTextChannel;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * The plain TCP connection as a {@link PlainTextChannel}, every read and write bounded by one deadline; a deadline
 * that runs out is a {@link SocketTimeoutException} naming it, as the channel contract asks.
 */
record ConnectionChannel(Connection connection, Deadline deadline) implements PlainTextChannel {
  @Override
  public int read(ByteBuffer dst) throws IOException {
    try {
      return connection.read(dst, deadline);
    } catch (Connection.DeadlineExceeded e) {
      throw timeout(e);
    }
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    try {
      connection.write(src, deadline);
    } catch (Connection.DeadlineExceeded e) {
      throw timeout(e);
    }
  }

  static SocketTimeoutException timeout(Connection.DeadlineExceeded e) {
    SocketTimeoutException timeout = new SocketTimeoutException(e.getMessage());
    timeout.initCause(e);
    return timeout;
  }
}
