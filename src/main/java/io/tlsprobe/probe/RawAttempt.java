package io.tlsprobe.probe;

import io.tlsprobe.wire.ClientHello;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The follow-up probe: one new connection, one {@link RawHello}, and the server's first flight read raw.
 *
 * @param hello the hello that was sent
 * @param flight what came back, null when no connection was made
 * @param connectFailure why no connection was made, if so
 */
record RawAttempt(ClientHello hello, @Nullable FirstFlight flight, @Nullable IOException connectFailure) {

  /** The plain-text upgrade to run on the new connection before the hello (a STARTTLS probe's). */
  @FunctionalInterface
  interface Upgrade {
    void run(Connection connection, Deadline deadline) throws IOException;
  }

  static RawAttempt run(InetSocketAddress address, ClientHello hello, Duration connectTimeout,
      Duration handshakeTimeout, Deadline total) {
    return run(address, hello, connectTimeout, handshakeTimeout, total, null);
  }

  /** As above, after {@code upgrade} (a failed upgrade counts as a failed connection, with its reason). */
  static RawAttempt run(InetSocketAddress address, ClientHello hello, Duration connectTimeout,
      Duration handshakeTimeout, Deadline total, @Nullable Upgrade upgrade) {
    Connection connection;
    try {
      connection = Connection.open(address, Deadline.after(connectTimeout, "connect").min(total));
    } catch (IOException e) {
      return new RawAttempt(hello, null, e);
    }
    try (connection) {
      if (upgrade != null) {
        try {
          upgrade.run(connection, Deadline.after(handshakeTimeout, "STARTTLS").min(total));
        } catch (IOException e) {
          return new RawAttempt(hello, null, e);
        }
      }
      Deadline deadline = Deadline.after(handshakeTimeout, "handshake").min(total);
      try {
        connection.write(ByteBuffer.wrap(RawHello.records(hello)), deadline);
      } catch (Connection.DeadlineExceeded e) {
        return new RawAttempt(hello, new FirstFlight(FlightView.of(new byte[0]), false, null, e.deadline()), null);
      } catch (IOException e) {
        return new RawAttempt(hello, new FirstFlight(FlightView.of(new byte[0]), false, e, null), null);
      }
      return new RawAttempt(hello, FirstFlight.read(connection, deadline), null);
    }
  }
}
