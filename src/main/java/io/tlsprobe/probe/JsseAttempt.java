package io.tlsprobe.probe;

import io.tlsprobe.report.Outcome;
import io.tlsprobe.wire.ServerHello;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The JSSE handshake on one connection and everything it left behind: both directions as the codec reads them, the
 * session when it was established, the chain the trust manager saw, and how it ended. When JSSE refuses a TLS 1.2
 * (or older) ServerHello, the rest of the server's first flight is read raw first (briefly), so that its
 * Certificate and ServerKeyExchange are in the transcript too.
 *
 * @param result how the engine's handshake ended
 * @param sent what we sent, decoded (our ClientHello, our alert)
 * @param received what the server sent, decoded
 * @param receivedBytes the first bytes the server sent (for a non-TLS peer)
 * @param session JSSE's session, when established
 * @param recordedChain the chain JSSE handed the trust manager
 * @param handshakeTime from our first byte to the end
 * @param peerClosed whether the server closed, during the handshake or while the rest of its flight was read
 * @param transportFailure an I/O failure (reset) during the handshake or the extra read
 * @param timedOut the deadline that ran out, if any
 */
record JsseAttempt(
    EngineHandshake.Result result,
    FlightView sent,
    FlightView received,
    byte[] receivedBytes,
    @Nullable SessionFacts session,
    List<X509Certificate> recordedChain,
    @Nullable Duration handshakeTime,
    boolean peerClosed,
    @Nullable IOException transportFailure,
    @Nullable Deadline timedOut) {

  /** How long to keep reading a refused TLS 1.2 flight for its Certificate and ServerKeyExchange. */
  static final Duration FLIGHT_GRACE = Duration.ofSeconds(1);
  /** How long to read what a server sent before a failed write. */
  static final Duration SALVAGE_WAIT = Duration.ofMillis(100);

  /**
   * What to say inside TLS once the handshake is done, before the probe closes (a STARTTLS dialect's epilogue).
   *
   * @param deadline bounds the whole epilogue
   * @param action the conversation; it must not throw
   */
  record AfterHandshake(Deadline deadline, java.util.function.Consumer<TlsChannel> action) {}

  static JsseAttempt run(SSLEngine engine, Connection connection, RecordingTrustManager recorder, Deadline deadline) {
    return run(engine, connection, recorder, deadline, null);
  }

  /**
   * Runs the handshake; when it is established and {@code after} is given, runs {@code after} over the session's
   * application data before closing.
   */
  static JsseAttempt run(SSLEngine engine, Connection connection, RecordingTrustManager recorder, Deadline deadline,
      @Nullable AfterHandshake after) {
    EngineHandshake.Result r = EngineHandshake.run(engine, connection, deadline);
    boolean closed = r.peerClosed();
    IOException transport = r.transportFailure();
    Deadline timedOut = r.timedOut();
    SessionFacts session = null;
    if (r.established()) {
      session = SessionFacts.of(engine);
      connection.stopTapping();
      if (after != null) {
        after.action().accept(new TlsChannel(engine, connection, r.pendingNetIn(), after.deadline()));
      }
      engine.closeOutbound();
      connection.writeWithoutWaiting(ByteBuffer.wrap(EngineHandshake.pendingAlert(engine)));
    } else {
      if (transport != null) {
        salvage(connection, deadline);
      }
      if (r.failure() != null && needsRestOfFlight(FlightView.of(connection.received().toByteArray()))) {
        FirstFlight rest = FirstFlight.read(connection, deadline.min(Deadline.after(FLIGHT_GRACE, "flight")));
        closed |= rest.peerClosed();
        transport = transport != null ? transport : rest.transportFailure();
      }
      if (!closed && transport == null) {
        connection.writeWithoutWaiting(ByteBuffer.wrap(EngineHandshake.pendingAlert(engine)));
      }
      connection.stopTapping();
    }
    long first = connection.firstWriteNanos();
    Duration time = first == 0 ? null : Duration.ofNanos(r.endNanos() - first);
    byte[] received = connection.received().toByteArray();
    return new JsseAttempt(r, FlightView.of(connection.sent().toByteArray()), FlightView.of(received),
        connection.received().head(Outcome.MAX_PEER_BYTES), session, recorder.chain(), time,
        closed, transport, timedOut);
  }

  /**
   * After a failed write (the server reset the connection while we were still sending), reads what the server sent
   * before it went: its alert is usually there, and says why.
   */
  private static void salvage(Connection connection, Deadline deadline) {
    Deadline shortly = deadline.min(Deadline.after(SALVAGE_WAIT, "salvage"));
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    try {
      while (connection.received().length() < Transcript.LIMIT) {
        buffer.clear();
        if (connection.read(buffer, shortly) < 0) {
          return;
        }
      }
    } catch (IOException ignored) {
      // what arrived before the reset is all there is
    }
  }

  /** A TLS 1.2-or-older ServerHello whose flight has not reached its end yet. */
  private static boolean needsRestOfFlight(FlightView view) {
    ServerHello hello = view.serverHello().orElse(null);
    return hello != null && !hello.isHelloRetryRequest() && hello.selectedVersion() < 0x0304
        && !view.flightComplete();
  }

  boolean established() {
    return result.established();
  }

  @Nullable SSLException failure() {
    return result.failure();
  }

  boolean notTls() {
    return result.notTls();
  }

  /** Whether the server sent nothing at all. */
  boolean silentPeer() {
    return receivedBytes.length == 0;
  }
}
