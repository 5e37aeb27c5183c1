package io.tlsprobe.scan;

import io.tlsprobe.starttls.PlainTextChannel;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * A blocking socket as a {@link PlainTextChannel} whose every read waits at most until one deadline: before each read
 * {@code SO_TIMEOUT} is set to the time left, so no peer behaviour (silence, one byte a second) holds it past the
 * deadline.
 *
 * @param socket the connected socket
 * @param deadline when to give up, in {@link System#nanoTime()} time
 * @param what the timeout's description for the exception, e.g. {@code "the handshake timeout (10 s)"}
 */
record DeadlineChannel(Socket socket, long deadline, String what) implements PlainTextChannel {
  @Override
  public int read(ByteBuffer dst) throws IOException {
    byte[] b = new byte[Math.min(dst.remaining(), 16 * 1024)];
    int n = read(b);
    if (n > 0) {
      dst.put(b, 0, n);
    }
    return n;
  }

  /** Reads into {@code b}: at least one byte, or -1 at the end of the stream. */
  int read(byte[] b) throws IOException {
    return read(b, 0, b.length);
  }

  /** Reads into {@code b} from {@code off}, at most {@code len} bytes: at least one, or -1 at the end of the stream. */
  int read(byte[] b, int off, int len) throws IOException {
    long millis = Math.floorDiv(deadline - System.nanoTime() + 999_999, 1_000_000);
    if (millis <= 0) {
      throw new SocketTimeoutException(what + " ran out");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
    try {
      int n = socket.getInputStream().read(b, off, len);
      return n == 0 ? -1 : n;
    } catch (SocketTimeoutException e) {
      throw new SocketTimeoutException(what + " ran out");
    }
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    byte[] b = new byte[src.remaining()];
    src.get(b);
    socket.getOutputStream().write(b);
    socket.getOutputStream().flush();
  }
}
