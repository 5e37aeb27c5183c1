package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

/**
 * What came back on one connection: the server's bytes after our request, and how reading ended.
 *
 * @param bytes everything the server sent after the request (after any STARTTLS exchange)
 * @param end why reading stopped
 * @param detail for {@link End#FAILED} and {@link End#TIMED_OUT}, why, for people; else empty
 */
record Reply(byte[] bytes, End end, String detail) {
  /** Why reading stopped. */
  enum End {
    /** What was read is a complete answer. */
    COMPLETE,
    /** The server closed the connection (end of stream or reset). */
    CLOSED,
    /** The handshake or total timeout ran out first. */
    TIMED_OUT,
    /** No answer could be asked for: no TCP connection, a failed STARTTLS exchange, the scan's time is up. */
    FAILED
  }

  Reply {
    requireNonNull(bytes, "bytes");
    requireNonNull(end, "end");
    requireNonNull(detail, "detail");
  }

  static Reply failed(String detail) {
    return new Reply(new byte[0], End.FAILED, detail);
  }
}
