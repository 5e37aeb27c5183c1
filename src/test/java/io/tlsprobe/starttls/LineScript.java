package io.tlsprobe.starttls;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.testing.HostilePeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted line-protocol server for {@link HostilePeer}: sends lines, expects the client's lines (closing the
 * connection at the first unexpected one, so a test fails fast instead of waiting), drains, or closes. Every line the
 * peer received is kept in {@link #received()}. Plus the client side the dialect tests share: a socket with a read
 * timeout, and {@link #upgrade}/{@link #failure} through {@link StartTlsClient}. "Inside TLS" runs over the same
 * plain socket: a dialect only sees a channel.
 *
 * <pre>{@code
 * LineScript script = LineScript.of(send("+OK ready"), expect("CAPA"), send("+OK", "STLS", "."), drain());
 * try (HostilePeer peer = HostilePeer.start(script)) { … }
 * }</pre>
 */
final class LineScript implements HostilePeer.Behaviour {
  /** The client's read timeout in these tests. */
  static final Duration TIMEOUT = Duration.ofMillis(600);
  /** What a loaded CI machine may add to a timeout before the failure reaches the test. */
  static final Duration MARGIN = Duration.ofMillis(1500);

  /** One step of the server's side. */
  @FunctionalInterface
  interface Step {
    /** Returns false to end the script (the connection is then closed). */
    boolean run(BufferedReader in, OutputStream out, List<String> received) throws IOException;
  }

  private final List<Step> steps;
  private final List<String> received = new CopyOnWriteArrayList<>();

  private LineScript(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  static LineScript of(Step... steps) {
    return new LineScript(List.of(steps));
  }

  /** The lines the peer received, in order. */
  List<String> received() {
    return List.copyOf(received);
  }

  @Override
  public void serve(Socket socket) throws IOException {
    try (socket) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      for (Step step : steps) {
        if (!step.run(in, out, received)) {
          return;
        }
      }
    }
  }

  /** Sends the lines, each with CRLF, in one write. */
  static Step send(String... lines) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append("\r\n");
    }
    return sendRaw(sb.toString());
  }

  /** Sends {@code text} as it is. */
  static Step sendRaw(String text) {
    return (in, out, received) -> {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return true;
    };
  }

  /** Reads one line; closes the connection unless it starts with {@code prefix}. */
  static Step expect(String prefix) {
    return (in, out, received) -> {
      String line = in.readLine();
      if (line == null) {
        return false;
      }
      received.add(line);
      return line.startsWith(prefix);
    };
  }

  /** Reads until the client closes. */
  static Step drain() {
    return (in, out, received) -> {
      String line;
      while ((line = in.readLine()) != null) {
        received.add(line);
      }
      return false;
    };
  }

  /** Closes the connection. */
  static Step hangUp() {
    return (in, out, received) -> false;
  }

  static Socket connect(HostilePeer peer) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port());
    socket.setSoTimeout((int) TIMEOUT.toMillis());
    return socket;
  }

  /** Runs {@code client.upgrade} against {@code peer} and returns the phase. */
  static PlainTextPhase upgrade(StartTlsClient client, HostilePeer peer) throws IOException {
    try (Socket socket = connect(peer)) {
      client.upgrade(PlainTextChannel.of(socket));
      return client.phase();
    }
  }

  /** Runs {@code client.upgrade} and then {@code client.afterTls} over the same socket; returns the phase. */
  static PlainTextPhase upgradeAndAfterTls(StartTlsClient client, HostilePeer peer) throws IOException {
    try (Socket socket = connect(peer)) {
      client.upgrade(PlainTextChannel.of(socket));
      client.afterTls(PlainTextChannel.of(socket));
      return client.phase();
    }
  }

  /** Runs {@code client.upgrade}, which must fail, and returns its exception. */
  static StartTlsException failure(StartTlsClient client, HostilePeer peer) throws IOException {
    try (Socket socket = connect(peer)) {
      client.upgrade(PlainTextChannel.of(socket));
    } catch (StartTlsException e) {
      return e;
    }
    throw new AssertionError("the upgrade succeeded: " + client.phase().transcriptText());
  }
}
