package io.tlsprobe.server;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * One client's conversation with a {@link Front}: buffered line and byte reading under fixed limits, writing, and
 * recording every line both ways into the report's {@link PlainTextPhase} — all of them in clear, and the first
 * {@link #MAX_RECORDED_TLS_LINES} inside TLS. {@link #startTls()} hands the bytes already buffered to the capture's
 * TLS handshake and, when it completes, moves the conversation inside TLS.
 *
 * <p>Every read waits at most the capture's idle timeout ({@link SocketTimeoutException} after it); the client may
 * send at most {@link #MAX_CLIENT_BYTES} in all and lines of at most {@link #MAX_LINE_BYTES}, else {@link
 * LimitExceeded}.
 */
final class FrontSession {
  /** The longest line a client may send. */
  static final int MAX_LINE_BYTES = 8192;
  /** The most bytes a client may send in one session (a mail, a file). */
  static final int MAX_CLIENT_BYTES = 16 * 1024 * 1024;
  /** How many lines inside TLS are recorded in the transcript (the rest are served, not recorded). */
  static final int MAX_RECORDED_TLS_LINES = 40;

  /** The client broke one of the session's limits. */
  static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
      super(message);
    }
  }

  /** Runs the TLS handshake for {@link #startTls()}; the transport when it completed, null when it did not. */
  interface Upgrader {
    @Nullable EngineTransport upgrade(byte[] alreadyRead) throws IOException;
  }

  private final Socket socket;
  private final InputStream plainIn;
  private final OutputStream plainOut;
  private final CaptureSettings settings;
  private final PlainTextPhase.Builder phase;
  private final Upgrader upgrader;
  private @Nullable EngineTransport tls;
  private byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;
  private long clientBytes;
  private int tlsLinesRecorded;
  private @Nullable String endReason;
  private boolean startTlsRequested;

  FrontSession(Socket socket, CaptureSettings settings, PlainTextPhase.Builder phase, Upgrader upgrader)
      throws IOException {
    this.socket = socket;
    this.plainIn = socket.getInputStream();
    this.plainOut = socket.getOutputStream();
    this.settings = settings;
    this.phase = phase;
    this.upgrader = upgrader;
  }

  /** A session that is over TLS from its first byte (implicit TLS). */
  static FrontSession overTls(Socket socket, CaptureSettings settings, PlainTextPhase.Builder phase,
      EngineTransport transport) throws IOException {
    FrontSession session = new FrontSession(socket, settings, phase, bytes -> null);
    session.tls = transport;
    return session;
  }

  /** How the upgrade is to be answered; always {@link StartTlsBehaviour#UPGRADE} with implicit TLS. */
  StartTlsBehaviour behaviour() {
    return settings.implicitTls() ? StartTlsBehaviour.UPGRADE : settings.startTlsBehaviour();
  }

  /** Whether the conversation runs inside TLS now. */
  boolean overTls() {
    return tls != null;
  }

  /** Whether the session began inside TLS (implicit TLS): no upgrade is advertised or accepted. */
  boolean implicitTls() {
    return settings.implicitTls();
  }

  /** The phase being recorded: fronts set the greeting, capabilities, advertised and injection verdict on it. */
  PlainTextPhase.Builder phase() {
    return phase;
  }

  /** The capture's settings (a front that opens more connections, e.g. FTP's data channels, needs its engines). */
  CaptureSettings settings() {
    return settings;
  }

  /** The host name the server calls itself in greetings. */
  String serverName() {
    return "localhost";
  }

  /** The TLS transport once upgraded (for a front that needs its session, e.g. FTP's data channels). */
  @Nullable EngineTransport tls() {
    return tls;
  }

  /**
   * Says why the client never came inside TLS, for the report's {@code starttls_failed} outcome: {@code "the client
   * went on without TLS after STARTTLS was refused"}. The last call wins.
   */
  void endReason(String reason) {
    this.endReason = reason;
  }

  @Nullable String endReason() {
    return endReason;
  }

  /** Whether the client asked for the upgrade (whatever the answer was). */
  boolean startTlsRequested() {
    return startTlsRequested;
  }

  /** Records the response-injection verdict. */
  void injection(InjectionCheck check) {
    phase.injection(check);
  }

  /**
   * Reads one line (up to LF, a preceding CR dropped), records it as the client's and returns it; null at the end of
   * the stream (the client closed).
   */
  @Nullable String readLine() throws IOException {
    String line = readLineUnrecorded();
    if (line != null) {
      record(Direction.CLIENT, line);
    }
    return line;
  }

  /**
   * Reads a body that ends with a line holding a lone dot (SMTP {@code DATA}, NNTP {@code POST}), recording a summary
   * instead of its lines ({@code <message body: 12 lines, 340 bytes>}, then the dot); false when the client closed
   * first ({@code <message body, unfinished: …>}). Bounded as every read is ({@link #MAX_CLIENT_BYTES}).
   *
   * @param what what the body is, for the summary: {@code message body}, {@code article}
   */
  boolean readDotTerminated(String what) throws IOException {
    int lines = 0;
    long bytes = 0;
    while (true) {
      @Nullable String line = readLineUnrecorded();
      if (line == null) {
        recordClient("<" + what + ", unfinished: " + lines + " lines, " + bytes + " bytes>");
        return false;
      }
      if (line.equals(".")) {
        recordClient("<" + what + ": " + lines + " lines, " + bytes + " bytes>");
        recordClient(".");
        return true;
      }
      lines++;
      bytes += line.length() + 2;
    }
  }

  /** {@link #readLine()} without recording (a mail body, a file): the front records a summary instead. */
  @Nullable String readLineUnrecorded() throws IOException {
    int scanned = 0; // bytes after position already searched for LF (fill() may move position)
    while (true) {
      for (int i = position + scanned; i < limit; i++) {
        if (buffer[i] == '\n') {
          int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = printable(Arrays.copyOfRange(buffer, position, end));
          position = i + 1;
          return line;
        }
      }
      scanned = limit - position;
      if (limit - position > MAX_LINE_BYTES) {
        throw new LimitExceeded("the client sent a line longer than " + MAX_LINE_BYTES + " bytes");
      }
      if (fill() < 0) {
        if (limit > position) {
          String rest = printable(Arrays.copyOfRange(buffer, position, limit));
          position = limit;
          return rest;
        }
        return null;
      }
    }
  }

  /** Reads exactly {@code n} bytes (a binary message), unrecorded. */
  byte[] readExactly(int n) throws IOException {
    if (n < 0 || n > MAX_LINE_BYTES * 8) {
      throw new LimitExceeded("the client announced a message of " + n + " bytes");
    }
    while (limit - position < n) {
      if (fill() < 0) {
        throw new EOFException("the client closed with " + (limit - position) + " of " + n + " bytes sent");
      }
    }
    byte[] out = Arrays.copyOfRange(buffer, position, position + n);
    position += n;
    return out;
  }

  /**
   * The next byte the client sends, without consuming it (so {@link #startTls()} still replays it); -1 at the end of
   * the stream. How a binary front tells a TLS ClientHello ({@code 0x16}) from its protocol's first message.
   */
  int peek() throws IOException {
    while (limit == position) {
      if (fill() < 0) {
        return -1;
      }
    }
    return buffer[position] & 0xFF;
  }

  /**
   * Whether the client sends anything more within {@code wait} (already buffered counts): how a front sees a client
   * act on an injected response before its real answer was sent.
   */
  boolean sendsMoreWithin(Duration wait) throws IOException {
    if (limit > position) {
      return true;
    }
    long until = System.nanoTime() + wait.toNanos();
    try {
      return fill(until) > 0;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** Sends the lines, each with CRLF, in one write, and records each as the server's. */
  void send(String... lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append("\r\n");
      record(Direction.SERVER, line);
    }
    write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a binary message, recorded as {@code description [hex]}. */
  void sendBytes(byte[] bytes, String description) throws IOException {
    record(Direction.SERVER, description + " [" + HexFormat.of().formatHex(bytes) + "]");
    write(bytes);
  }

  /** Records a client binary message read with {@link #readExactly(int)}, as {@code description [hex]}. */
  void recordClientBytes(String description, byte[] bytes) {
    record(Direction.CLIENT, description + " [" + HexFormat.of().formatHex(bytes) + "]");
  }

  /** Records a line the front summarizes ({@code <message body: 12 lines, 340 bytes>}). */
  void recordClient(String text) {
    record(Direction.CLIENT, text);
  }

  /**
   * Records a fact about the session that is not a line of it ({@code <data channel 1: PROT P, …>}), as the client's:
   * unlike lines, notes inside TLS are kept past {@link #MAX_RECORDED_TLS_LINES} (up to the phase's own limit).
   */
  void note(String text) {
    phase.line(Direction.CLIENT, tls != null, text);
  }

  /**
   * Starts TLS after the front sent its go-ahead: the bytes the client already sent after its command are replayed
   * into the handshake. True when the handshake completed (the conversation continues inside TLS); false when it did
   * not (the report says how it ended; the front should stop).
   */
  boolean startTls() throws IOException {
    if (tls != null) {
      throw new IllegalStateException("already inside TLS");
    }
    startTlsRequested = true;
    byte[] pending = Arrays.copyOfRange(buffer, position, limit);
    position = 0;
    limit = 0;
    EngineTransport transport = upgrader.upgrade(pending);
    phase.upgraded(true);
    if (transport == null) {
      return false;
    }
    transport.stopTapping();
    tls = transport;
    return true;
  }

  /** Notes that the client asked for the upgrade even though the front refused it. */
  void startTlsRefused() {
    startTlsRequested = true;
  }

  /** Ends the session: close_notify inside TLS, best effort. */
  void finish() {
    EngineTransport t = tls;
    if (t != null) {
      t.closeOutbound();
    }
  }

  private void write(byte[] bytes) throws IOException {
    EngineTransport t = tls;
    if (t != null) {
      t.write(bytes);
    } else {
      plainOut.write(bytes);
      plainOut.flush();
    }
  }

  private int fill() throws IOException {
    return fill(System.nanoTime() + settings.idleTimeout().toNanos());
  }

  /** Reads more bytes into the buffer, waiting until {@code deadlineNanos}; -1 at the end of the stream. */
  private int fill(long deadlineNanos) throws IOException {
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      limit -= position;
      position = 0;
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n;
    EngineTransport t = tls;
    if (t != null) {
      t.deadline(deadlineNanos);
      n = t.read(buffer, limit, buffer.length - limit);
    } else {
      long left = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
      n = plainIn.read(buffer, limit, buffer.length - limit);
    }
    if (n > 0) {
      limit += n;
      clientBytes += n;
      if (clientBytes > MAX_CLIENT_BYTES) {
        throw new LimitExceeded("the client sent more than " + MAX_CLIENT_BYTES + " bytes");
      }
    }
    return n;
  }

  private void record(Direction direction, String text) {
    boolean inTls = tls != null;
    if (inTls) {
      if (tlsLinesRecorded >= MAX_RECORDED_TLS_LINES) {
        return;
      }
      tlsLinesRecorded++;
    }
    phase.line(direction, inTls, text);
  }

  /** The bytes as text, non-printable ones as {@code \xNN}. */
  static String printable(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length);
    String s = new String(bytes, StandardCharsets.UTF_8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
