package io.tlsprobe.starttls;

import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.TestTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * Scripted line-protocol servers for {@link HostilePeer}, in two styles.
 *
 * <p>{@link #of(Step...)}: a fixed sequence of steps that sends lines, expects the client's lines (closing the
 * connection at the first unexpected one, so a test fails fast instead of waiting), drains, or closes; every line the
 * peer received is kept in {@link #received()}. "Inside TLS" runs over the same plain socket: a dialect only sees a
 * channel, so these tests drive the client with {@link UpgradedSession#upgrade} and {@link UpgradedSession#failure}.
 *
 * <p>{@link #answering}: a greeting, then each client line answered by an {@link Answers} function; on the upgrade
 * command it sends the go-ahead and becomes a real JSSE server on the same socket, where the function answers again.
 * A correct server drops what the client pipelined after the upgrade command; a {@code buggy} one answers it inside
 * TLS (the CVE-2011-0411 class). Drive it with {@link UpgradedSession#open}.
 *
 * <pre>{@code
 * LineScript script = LineScript.of(send("+OK ready"), expect("CAPA"), send("+OK", "STLS", "."), drain());
 * try (HostilePeer peer = HostilePeer.start(script)) { … }
 * HostilePeer.start(
 *     LineScript.answering("220 ready\r\n", "AUTH TLS", "234 go\r\n", (line, tls) -> "200 ok\r\n", false));
 * }</pre>
 */
final class LineScript implements HostilePeer.Behaviour {
  private static final SSLContext SERVER_CONTEXT = TestTls.serverContext(TestCertificates.localhost());

  /** Answers one line from the client, in clear or inside TLS; null closes the connection. */
  @FunctionalInterface
  interface Answers {
    @Nullable String answer(String line, boolean overTls);
  }

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
      BufferedReader in = reader(socket.getInputStream());
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
      write(out, text);
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

  /** A server that greets, answers with {@code answers}, and upgrades to JSSE on {@code upgrade} (see above). */
  static HostilePeer.Behaviour answering(String greeting, String upgrade, String goAhead, Answers answers,
      boolean buggy) {
    return answering(greeting, upgrade, goAhead, "", answers, buggy);
  }

  /**
   * {@link #answering(String, String, String, Answers, boolean)} that also sends {@code onTls} first once TLS is up
   * (ManageSieve's capabilities).
   */
  static HostilePeer.Behaviour answering(String greeting, String upgrade, String goAhead, String onTls,
      Answers answers, boolean buggy) {
    return socket -> {
      OutputStream out = socket.getOutputStream();
      BufferedReader in = reader(socket.getInputStream());
      write(out, greeting);
      String line;
      while ((line = in.readLine()) != null && !line.equals(upgrade)) {
        String answer = answers.answer(line, false);
        if (answer == null) {
          socket.close();
          return;
        }
        write(out, answer);
      }
      if (line == null) {
        return;
      }
      // a line pipelined with the upgrade command is buffered by now; reading it after the go-ahead would race the
      // client's ClientHello. The sound server leaves it in the reader's buffer, never to be read.
      String pending = buggy && in.ready() ? in.readLine() : null;
      write(out, goAhead);
      SSLSocket tls = TestTls.acceptTls(SERVER_CONTEXT, socket);
      OutputStream tlsOut = tls.getOutputStream();
      write(tlsOut, onTls);
      if (pending != null) {
        write(tlsOut, answers.answer(pending, true));
      }
      BufferedReader tlsIn = reader(tls.getInputStream());
      while ((line = tlsIn.readLine()) != null) {
        String answer = answers.answer(line, true);
        if (answer == null) {
          tls.close();
          return;
        }
        write(tlsOut, answer);
      }
    };
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
  }

  private static void write(OutputStream out, @Nullable String text) throws IOException {
    if (text != null && !text.isEmpty()) {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }
}
