package io.tlsprobe.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a server's first flight as raw bytes, up to where the plaintext ends ({@link FlightView#flightComplete()}):
 * an alert, ServerHelloDone, a TLS 1.3 ServerHello or HelloRetryRequest, the first encrypted record, the end of the
 * stream, the transcript limit or the deadline, whichever comes first.
 *
 * @param view what the codec read from everything the server sent on this connection
 * @param peerClosed whether the server closed (end of stream)
 * @param transportFailure an I/O failure while reading (reset), if any
 * @param timedOut the deadline that ran out before the flight was complete, if any
 */
record FirstFlight(FlightView view, boolean peerClosed, @Nullable IOException transportFailure,
    @Nullable Deadline timedOut) {

  /** Reads on {@code connection} (whose received transcript may already hold part of the flight). */
  static FirstFlight read(Connection connection, Deadline deadline) {
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    FlightView view = FlightView.of(connection.received().toByteArray());
    try {
      while (!view.flightComplete() && connection.received().length() < Transcript.LIMIT) {
        buffer.clear();
        if (connection.read(buffer, deadline) < 0) {
          return new FirstFlight(FlightView.of(connection.received().toByteArray()), true, null, null);
        }
        if (completeRecordAfter(connection.received(), view.decoded().consumed())) {
          view = FlightView.of(connection.received().toByteArray());
        }
      }
      return new FirstFlight(view, false, null, null);
    } catch (Connection.DeadlineExceeded e) {
      return new FirstFlight(FlightView.of(connection.received().toByteArray()), false, null, e.deadline());
    } catch (IOException e) {
      return new FirstFlight(FlightView.of(connection.received().toByteArray()), false, e, null);
    }
  }

  /**
   * Whether a whole record, or something that cannot start one, follows {@code from}: only then can decoding again
   * find something new, so a peer sending a record in many small pieces does not cause a decode per piece.
   */
  static boolean completeRecordAfter(Transcript received, int from) {
    int available = received.length() - from;
    if (available < 5) {
      return available > 1 && received.byteAt(from + 1) != 3;
    }
    int length = (received.byteAt(from + 3) << 8) | received.byteAt(from + 4);
    return available - 5 >= length || length > 16384 + 2048 || received.byteAt(from + 1) != 3;
  }
}
