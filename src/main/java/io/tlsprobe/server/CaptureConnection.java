package io.tlsprobe.server;

import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
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

/**
 * One client, from accept to close: reads its first flight with the codec, finishes the handshake with JSSE (the
 * bytes already read replayed into the engine), publishes the report, then serves one HTTP/1.1 request.
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
    InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
    String host = peer.getAddress().getHostAddress();
    ClientFirstFlight flight = ClientFirstFlight.read(socket, deadline);
    helloStartNanos = flight.firstByteNanos();
    if (flight.hello().isEmpty()) {
      publish.accept(report(Endpoint.direct(host, peer.getPort()), noHello(flight)).build());
      return;
    }
    ClientHello hello = flight.hello().get();
    Endpoint endpoint = new Endpoint(host, peer.getPort(), hello.serverName(), Endpoint.DIRECT);
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
      outcome = ServerSideReport.closedByClient(transport.received(), "after " + sentSoFar(transport));
    } catch (SocketTimeoutException e) {
      outcome = Outcome.abortedLocally("the client sent nothing more within the handshake timeout of "
          + seconds(settings.handshakeTimeout()) + " after " + sentSoFar(transport));
    } catch (java.net.SocketException e) {
      outcome = ServerSideReport.closedByClient(transport.received(), "after " + sentSoFar(transport)
          + " (" + e.getMessage() + ")");
    } catch (IOException e) {
      outcome = Outcome.transportError(Outcome.TransportProblem.RESET, "the connection failed mid-handshake: " + e,
          Bytes.empty());
    }
    TlsConnectionReport.Builder b = report(endpoint, outcome).clientHello(hello);
    ServerSideReport.fromOurFlight(b, transport.sent());
    if (outcome.isEstablished()) {
      ServerSideReport.fromSession(b, transport.engine());
    }
    TlsConnectionReport report = b.build();
    publish.accept(report);
    if (!outcome.isEstablished()) {
      return;
    }
    transport.stopTapping();
    transport.deadline(System.nanoTime() + settings.idleTimeout().toNanos());
    HttpResponder.serve(transport, report);
    transport.closeOutbound();
    byte[] sink = new byte[1024];
    while (transport.read(sink, 0, sink.length) >= 0) {
      // wait for the client's close_notify or end of stream, so closing sends no reset
    }
  }

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
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
