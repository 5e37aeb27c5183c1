package io.tlsprobe.probe;

import io.tlsprobe.starttls.PlainTextChannel;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The plain TCP connection as a {@link PlainTextChannel}, every read and write bounded by one deadline. */
record ConnectionChannel(Connection connection, Deadline deadline) implements PlainTextChannel {
  @Override
  public int read(ByteBuffer dst) throws IOException {
    return connection.read(dst, deadline);
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    connection.write(src, deadline);
  }
}
