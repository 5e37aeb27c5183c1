package io.tlsprobe.server;

import io.tlsprobe.report.AfterHandshake;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * One client, from accept to close: reads its first flight with the codec, finishes the handshake with JSSE (the
 * bytes already read replayed into the engine), waits for the client's first application data (at most the idle
 * timeout), publishes the report (saying whether the client sent any, or how it ended instead: close, alert,
 * silence), then serves one HTTP/1.1 request. A plain-text protocol is served by its {@link Front}: inside TLS from
 * the first byte, or in clear until the client's STARTTLS (with its plain-text phase); either way the report is
 * published when the session ends, saying whether the client sent anything inside TLS.
 *
 * <p>The report's endpoint is the peer, as in a probe's report: here the client's address and source port, with the
 * SNI it sent, connection {@code direct}.
 */
final class CaptureConnection implements Runnable {
  private final Socket socket;
  private final CaptureSettings settings;
  private final Consumer<TlsConnectionReport> publish;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  /** When the client's first byte arrived: the handshake time counts from here (a client may connect and wait). */
  private long helloStartNanos = startNanos;

  CaptureConnection(Socket socket, CaptureSettings settings, Consumer<TlsConnectionReport> publish) {
    this.socket = socket;
    this.settings = settings;
    this.publish = publish;
  }

  @Override
  public void run() {
    try (socket) {
      serve();
    } catch (IOException | RuntimeException ignored) {
      // the client went away, or the server is closing; the report (if any) is already published
    }
  }

  private void serve() throws IOException {
    long deadline = startNanos + settings.handshakeTimeout().toNanos();
    if (settings.startsInClear()) {
      serveStartTls();
      return;
    }
    Handshake handshake = handshake(new byte[0], deadline, StartTls.NONE);
    EngineTransport transport = handshake.transport();
    if (transport == null) {
      publish.accept(handshake.report().build());
      return;
    }
    if (settings.hasFront()) {
      FrontSession session = FrontSession.overTls(socket, settings, PlainTextPhase.builder(dialect()), transport);
      serveQuietly(session);
      publish.accept(handshake.report().afterHandshake(afterHandshake(transport)).build());
      session.finish();
    } else {
      boolean request = awaitQuietly(transport);
      TlsConnectionReport report = handshake.report().afterHandshake(afterHandshake(transport)).build();
      publish.accept(report);
      if (request) {
        HttpResponder.serve(transport, report);
      }
      transport.closeOutbound();
    }
    drain(transport);
  }

  /**
   * Waits (within the idle timeout) for the client's first application data after the handshake, kept buffered for
   * the responder; false when the client closed, sent an alert, went silent or the connection failed instead.
   */
  private static boolean awaitQuietly(EngineTransport transport) {
    try {
      return transport.awaitApplicationData();
    } catch (IOException | RuntimeException e) {
      return false; // the transport keeps how the wait ended
    }
  }

  private AfterHandshake afterHandshake(EngineTransport transport) {
    return ServerSideReport.afterHandshake(transport, settings.idleTimeout());
  }

  /** A plain-text protocol with STARTTLS: the report is published when the session ends, with its transcript. */
  private void serveStartTls() throws IOException {
    PlainTextPhase.Builder phase = PlainTextPhase.builder(dialect());
    Handshake[] upgrade = new Handshake[1];
    FrontSession session = new FrontSession(socket, settings, phase, pending -> {
      upgrade[0] = handshake(pending, System.nanoTime() + settings.handshakeTimeout().toNanos(),
          settings.protocol().startTls());
      return upgrade[0].transport();
    });
    serveQuietly(session);
    TlsConnectionReport.Builder b;
    if (upgrade[0] != null) {
      b = upgrade[0].report();
      EngineTransport upgraded = upgrade[0].transport();
      if (upgraded != null) {
        b.afterHandshake(afterHandshake(upgraded));
      }
    } else {
      InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
      String reason = session.endReason() != null ? session.endReason()
          : "the client did not start TLS" + (session.startTlsRequested() ? " (its STARTTLS was refused)" : "");
      b = report(new Endpoint(peer.getAddress().getHostAddress(), peer.getPort(), Optional.empty(),
          settings.protocol().startTls().connectionName()), Outcome.startTlsFailed(reason, Bytes.empty()));
    }
    publish.accept(b.plainTextPhase(phase.build()).build());
    session.finish();
    EngineTransport transport = session.tls();
    if (transport != null) {
      drain(transport);
    }
  }

  /** Runs the front; the client ending the session in any way (close, timeout, a broken limit) just ends it. */
  private void serveQuietly(FrontSession session) {
    try {
      settings.front().serve(session);
    } catch (FrontSession.LimitExceeded e) {
      session.endReason("the session was ended: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      // the client went away or timed out: the transcript says how far it got
    }
  }

  private String dialect() {
    return settings.protocol().startTls().cliName();
  }

  /**
   * Reads the client's first flight (after {@code alreadyRead}) and runs the handshake.
   *
   * @param connection how the endpoint's connection is named: direct, or the STARTTLS dialect
   */
  private Handshake handshake(byte[] alreadyRead, long deadline, StartTls connection) throws IOException {
    InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
    String host = peer.getAddress().getHostAddress();
    ClientFirstFlight flight = ClientFirstFlight.read(socket, alreadyRead, deadline);
    helloStartNanos = flight.firstByteNanos();
    if (flight.hello().isEmpty()) {
      Endpoint endpoint = new Endpoint(host, peer.getPort(), Optional.empty(), connection.connectionName());
      return new Handshake(report(endpoint, noHello(flight)), null);
    }
    ClientHello hello = flight.hello().get();
    Endpoint endpoint = new Endpoint(host, peer.getPort(), hello.serverName(), connection.connectionName());
    EngineTransport transport = new EngineTransport(settings.newEngine(), socket, flight.bytes());
    transport.deadline(deadline);
    Outcome outcome;
    try {
      transport.handshake();
      outcome = Outcome.established();
    } catch (SSLException e) {
      transport.sendPendingAlert();
      outcome = ServerSideReport.refused(e, transport.received(), transport.sent());
    } catch (EngineTransport.PeerClosed e) {
      outcome = ServerSideReport.closedByClient(transport.received(), transport.sent(),
          "after " + sentSoFar(transport));
    } catch (SocketTimeoutException e) {
      outcome = Outcome.abortedLocally("the client sent nothing more within the handshake timeout of "
          + seconds(settings.handshakeTimeout()) + " after " + sentSoFar(transport));
    } catch (java.net.SocketException e) {
      outcome = ServerSideReport.closedByClient(transport.received(), transport.sent(),
          "after " + sentSoFar(transport) + " (" + e.getMessage() + ")");
    } catch (IOException e) {
      outcome = Outcome.transportError(Outcome.TransportProblem.RESET, "the connection failed mid-handshake: " + e,
          Bytes.empty());
    }
    TlsConnectionReport.Builder b = report(endpoint, outcome).clientHello(hello);
    ServerSideReport.fromOurFlight(b, transport.sent());
    if (!outcome.isEstablished()) {
      return new Handshake(b, null);
    }
    ServerSideReport.fromSession(b, transport.engine());
    transport.stopTapping();
    transport.deadline(System.nanoTime() + settings.idleTimeout().toNanos());
    return new Handshake(b, transport);
  }

  /** Waits for the client's close_notify or end of stream, so closing sends no reset. */
  private static void drain(EngineTransport transport) throws IOException {
    byte[] sink = new byte[1024];
    for (int i = 0; i < 1024 && transport.read(sink, 0, sink.length) >= 0; i++) {
      // bounded: at most 1 MiB of trailing bytes
    }
  }

  /**
   * A handshake's report so far, and its transport when it completed.
   *
   * @param report the report builder with the TLS facts (no plain-text phase yet)
   * @param transport the established transport; null when the handshake did not complete
   */
  private record Handshake(TlsConnectionReport.Builder report, @Nullable EngineTransport transport) {}

  private TlsConnectionReport.Builder report(Endpoint endpoint, Outcome outcome) {
    return TlsConnectionReport.builder(endpoint, outcome).startedAt(startedAt)
        .handshakeTime(Duration.ofNanos(System.nanoTime() - helloStartNanos));
  }

  private Outcome noHello(ClientFirstFlight flight) {
    byte[] first = Arrays.copyOf(flight.bytes(), Math.min(flight.bytes().length, Outcome.MAX_PEER_BYTES));
    int n = flight.bytes().length;
    return switch (flight.ending()) {
      case CLOSED -> n == 0
          ? Outcome.transportError(Outcome.TransportProblem.CLOSED, "the client closed without sending anything",
              Bytes.empty())
          : ServerSideReport.closedByClient(flight.bytes(), "before its ClientHello was complete (" + n + " bytes)");
      case TIMEOUT -> Outcome.transportError(Outcome.TransportProblem.TIMEOUT, "no whole ClientHello within "
          + seconds(settings.handshakeTimeout()) + " (" + n + " bytes received)", Bytes.empty());
      case NOT_TLS -> Outcome.transportError(Outcome.TransportProblem.NOT_TLS,
          "the client's first bytes are not a TLS ClientHello: " + flight.problem(), Bytes.of(first));
      case TOO_LARGE -> Outcome.transportError(Outcome.TransportProblem.OTHER,
          "no whole ClientHello within the first " + ClientFirstFlight.LIMIT + " bytes", Bytes.empty());
      case RESET -> Outcome.transportError(Outcome.TransportProblem.RESET,
          "the connection failed before a whole ClientHello: " + flight.problem(), Bytes.of(first));
      case HELLO -> throw new IllegalStateException("a ClientHello was read");
    };
  }

  private static String sentSoFar(EngineTransport transport) {
    Optional<String> hello = ServerSideReport.decodeQuietly(transport.sent()).serverHello()
        .map(h -> "our ServerHello (" + transport.sent().length + " bytes sent)");
    return hello.orElse("its ClientHello");
  }

  private static String seconds(Duration d) {
    return ServerSideReport.seconds(d);
  }
}
