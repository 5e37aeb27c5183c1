package io.tlsprobe.server;

import io.tlsprobe.report.TlsConnectionReport;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocket;

/**
 * A line client for the fronts, scripted by the test: it reads byte by byte (so it never buffers past the line it
 * wants, and whatever it did read before {@link #startTls()} stays read, as in a client with the STARTTLS buffering
 * flaw when the test then acts on it), upgrades on demand, and ends by closing and awaiting the server's report.
 *
 * <pre>{@code
 * try (ScriptedClient client = ScriptedClient.connect(server)) {
 *   client.readLine();
 *   client.send("T1 STARTTLS");
 *   client.readLinesUntil(line -> line.startsWith("T1 "));
 *   client.startTls();
 *   TlsConnectionReport report = client.closeAndAwait();
 * }
 * }</pre>
 */
final class ScriptedClient implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int MAX_LINES = 100;

  private final TlsCaptureServer server;
  private final Socket plain;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private ScriptedClient(TlsCaptureServer server, Socket plain, Socket socket) throws IOException {
    this.server = server;
    this.plain = plain;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects in clear. */
  static ScriptedClient connect(TlsCaptureServer server) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(5000);
    return new ScriptedClient(server, socket, socket);
  }

  /** Connects with implicit TLS, trusting the server. */
  static ScriptedClient connectTls(TlsCaptureServer server) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(5000);
    SSLSocket tls = (SSLSocket) server.clientSslSocketFactory().createSocket(socket, "localhost", server.port(), true);
    tls.startHandshake();
    return new ScriptedClient(server, socket, tls);
  }

  /** Sends {@code line} and CRLF. */
  void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The next line, without its CRLF. */
  String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the server closed after " + line.toString(StandardCharsets.UTF_8));
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
  }

  /** Lines up to and including the first that {@code last} accepts. */
  List<String> readLinesUntil(Predicate<String> last) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < MAX_LINES; i++) {
      String line = readLine();
      lines.add(line);
      if (last.test(line)) {
        return lines;
      }
    }
    throw new IOException("no expected line within " + MAX_LINES + ": " + lines);
  }

  /** Starts TLS over the connection, trusting the server. */
  void startTls() throws IOException {
    SSLSocket tls = (SSLSocket) server.clientSslSocketFactory().createSocket(plain, "localhost", server.port(), true);
    tls.startHandshake();
    socket = tls;
    in = tls.getInputStream();
    out = tls.getOutputStream();
  }

  /** Closes the connection and returns the server's report of it. */
  TlsConnectionReport closeAndAwait() throws IOException {
    close();
    return server.awaitConnection(WAIT);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    plain.close();
  }
}
