package io.tlsprobe.starttls;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte stream a STARTTLS dialect talks over: the plain TCP connection before the upgrade, or the application data
 * of the TLS session after it. The channel owns the timeouts: a read or write that waits past its deadline throws an
 * {@link java.io.InterruptedIOException} (for example {@link java.net.SocketTimeoutException}) whose message says which
 * deadline ran out; any other {@link IOException} is a failed connection.
 *
 * <pre>{@code
 * PlainTextChannel channel = PlainTextChannel.of(socket);   // socket with SO_TIMEOUT set
 * StartTlsClient smtp = StartTlsClient.of(StartTls.SMTP, "mail.test");
 * smtp.upgrade(channel);   // EHLO, STARTTLS, 220
 * }</pre>
 */
public interface PlainTextChannel {
  /**
   * Reads what is available into {@code dst}, waiting for at least one byte.
   *
   * @return the number of bytes read (at least 1), or -1 when the peer closed
   * @throws IOException when the deadline passed or the connection failed
   */
  int read(ByteBuffer dst) throws IOException;

  /**
   * Writes all of {@code src}.
   *
   * @throws IOException when the deadline passed or the connection failed
   */
  void write(ByteBuffer src) throws IOException;

  /** A channel over a blocking socket; its {@code SO_TIMEOUT} bounds each read. */
  static PlainTextChannel of(java.net.Socket socket) {
    return new PlainTextChannel() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        byte[] b = new byte[Math.min(dst.remaining(), 8192)];
        int n = socket.getInputStream().read(b);
        if (n > 0) {
          dst.put(b, 0, n);
        }
        return n == 0 ? -1 : n;
      }

      @Override
      public void write(ByteBuffer src) throws IOException {
        byte[] b = new byte[src.remaining()];
        src.get(b);
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
      }
    };
  }
}
