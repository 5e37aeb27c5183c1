package io.tlsprobe.starttls;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * One dialect's side of the conversation over a {@link PlainTextChannel}: buffered reading of lines or exact byte
 * counts under fixed limits, writing, and recording every line both ways into the {@link PlainTextPhase.Builder}.
 * Nothing here waits by itself: the channel's deadline bounds every read; the limits bound every loop.
 *
 * <p>Failures are thrown as {@link StartTlsException} with the phase so far: {@link #fail(Reason, String)} for a
 * dialect's own verdict, and any {@link IOException} of the channel is turned into one that says what the dialect was
 * waiting for ({@link #awaiting(String)}).
 */
final class Conversation {
  /** The longest line a server may send before the upgrade. */
  static final int MAX_LINE_BYTES = 8192;
  /** The most bytes a server may send in one phase (before TLS, or after it). */
  static final int MAX_BYTES = 256 * 1024;
  /** The most lines a server may send in one phase. */
  static final int MAX_LINES = 2000;

  private final PlainTextChannel channel;
  private final PlainTextPhase.Builder phase;
  private final String host;
  private final boolean overTls;
  private final ByteBuffer in = ByteBuffer.allocate(MAX_LINE_BYTES * 2);
  private int bytesRead;
  private int linesRead;
  private int bytesSinceAwaiting;
  private String awaiting = "the server's greeting";

  /**
   * @param channel where the bytes go
   * @param phase the phase being recorded (shared by the plain and the TLS conversation)
   * @param host the server's host name as the user gave it (XMPP's {@code to}, LDAP nothing)
   * @param overTls whether this conversation runs inside TLS (lines are marked so)
   */
  Conversation(PlainTextChannel channel, PlainTextPhase.Builder phase, String host, boolean overTls) {
    this.channel = channel;
    this.phase = phase;
    this.host = host;
    this.overTls = overTls;
    in.flip();
  }

  PlainTextPhase.Builder phase() {
    return phase;
  }

  String host() {
    return host;
  }

  boolean overTls() {
    return overTls;
  }

  /** Says what the next reads wait for, for the failure message: {@code "the reply to STARTTLS"}. */
  void awaiting(String what) {
    this.awaiting = what;
    this.bytesSinceAwaiting = 0;
  }

  /** Sends {@code line} with CRLF and records it. */
  void sendLine(String line) throws IOException {
    sendLines(line);
  }

  /** Sends the lines, each with CRLF, in one write (pipelined), and records each. */
  void sendLines(String... lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append("\r\n");
      record(Direction.CLIENT, line);
    }
    write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Sends raw text (XMPP's XML) as is, recorded as one line. */
  void sendText(String text) throws IOException {
    record(Direction.CLIENT, text);
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a binary message, recorded as {@code description [hex]}. */
  void sendBytes(byte[] bytes, String description) throws IOException {
    record(Direction.CLIENT, description + " [" + HexFormat.of().formatHex(bytes) + "]");
    write(bytes);
  }

  /**
   * Reads one line (up to LF; a preceding CR is dropped), records and returns it.
   *
   * @throws StartTlsException when the server closes, goes silent, or sends a line longer than {@link #MAX_LINE_BYTES}
   */
  String readLine() throws IOException {
    while (true) {
      for (int i = in.position(); i < in.limit(); i++) {
        if (in.get(i) == '\n') {
          int end = i > in.position() && in.get(i - 1) == '\r' ? i - 1 : i;
          byte[] b = new byte[end - in.position()];
          in.get(b);
          in.position(i + 1);
          String line = printable(b);
          countLine();
          record(Direction.SERVER, line);
          return line;
        }
      }
      if (in.remaining() >= MAX_LINE_BYTES) {
        throw fail(Reason.TOO_MUCH, "server sent a line longer than " + MAX_LINE_BYTES + " bytes while we awaited "
            + awaiting + ": " + printable(head(in, 64)) + "…");
      }
      fill();
    }
  }

  /** Reads exactly {@code n} bytes (not recorded: the dialect records a description with {@link #recordServer}). */
  byte[] readExactly(int n) throws IOException {
    if (n < 0 || n > MAX_BYTES) {
      throw fail(Reason.GARBAGE, "server announced a message of " + n + " bytes while we awaited " + awaiting);
    }
    byte[] out = new byte[n];
    int done = 0;
    while (done < n) {
      if (!in.hasRemaining()) {
        fill();
      }
      int take = Math.min(n - done, in.remaining());
      in.get(out, done, take);
      done += take;
    }
    return out;
  }

  /**
   * Reads what arrives up to {@code max} bytes, waiting for at least one (XMPP reads until a closing tag).
   *
   * @throws StartTlsException when the server closes or goes silent
   */
  byte[] readSome(int max) throws IOException {
    if (!in.hasRemaining()) {
      fill();
    }
    byte[] out = new byte[Math.min(max, in.remaining())];
    in.get(out);
    return out;
  }

  /** Records a message the server sent, as the dialect describes it. */
  void recordServer(String description, byte[] bytes) {
    record(Direction.SERVER, description + (bytes.length == 0 ? "" : " [" + HexFormat.of().formatHex(bytes) + "]"));
  }

  /** Records a line the server sent, as text (XMPP). */
  void recordServerText(String text) {
    record(Direction.SERVER, text);
  }

  /** Bytes read from the channel that no read has consumed yet. */
  int buffered() {
    return in.remaining();
  }

  /** Takes and returns the bytes read but not consumed (sent by the server after its last answer). */
  byte[] drainBuffered() {
    byte[] b = new byte[in.remaining()];
    in.get(b);
    return b;
  }

  /** A {@link StartTlsException} with the phase so far; the dialect throws it. */
  StartTlsException fail(Reason reason, String message) {
    return new StartTlsException(reason, message, phase.build());
  }

  /** Splits a multi-line reply's text into trimmed, non-empty items. */
  static List<String> items(List<String> lines) {
    return lines.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private void write(byte[] bytes) throws IOException {
    try {
      channel.write(ByteBuffer.wrap(bytes));
    } catch (StartTlsException e) {
      throw e;
    } catch (IOException e) {
      throw new StartTlsException(Reason.TRANSPORT, "sending to the server failed while we awaited " + awaiting + ": "
          + e.getMessage(), phase.build(), e);
    }
  }

  private void fill() throws IOException {
    if (bytesRead >= MAX_BYTES) {
      throw fail(Reason.TOO_MUCH, "server sent more than " + MAX_BYTES + " bytes " + (overTls ? "after" : "before")
          + " TLS while we awaited " + awaiting);
    }
    in.compact();
    int n;
    try {
      n = channel.read(in);
    } catch (StartTlsException e) {
      throw e;
    } catch (IOException e) {
      in.flip();
      boolean timeout = isTimeout(e);
      String message;
      if (!timeout) {
        message = "the connection failed while we awaited " + awaiting + " (" + e.getMessage() + ")";
      } else {
        // "nothing" more: a server that stalls midway (or trickles past the deadline) says how far it got
        message = "server sent nothing while we awaited " + awaiting + " (" + e.getMessage() + ")"
            + (bytesSinceAwaiting > 0 ? " after " + bytesSinceAwaiting + " bytes of it" : "")
            + (in.hasRemaining() ? "; its last bytes were an unfinished line: " + printable(head(in, 64)) : "");
      }
      throw new StartTlsException(timeout ? Reason.TIMEOUT : Reason.TRANSPORT, message, phase.build(), e);
    }
    in.flip();
    if (n < 0) {
      String partial = in.hasRemaining() ? "; its last bytes were " + printable(head(in, 64)) : "";
      throw new StartTlsException(Reason.CLOSED, "server closed the connection while we awaited " + awaiting + partial,
          phase.build(), new EOFException());
    }
    bytesRead += n;
    bytesSinceAwaiting += n;
  }

  private void countLine() throws StartTlsException {
    if (++linesRead > MAX_LINES) {
      throw fail(Reason.TOO_MUCH, "server sent more than " + MAX_LINES + " lines while we awaited " + awaiting);
    }
  }

  private void record(Direction direction, String text) {
    phase.line(direction, overTls, text);
  }

  /** A deadline ran out: the channel says so with an {@link InterruptedIOException} (a socket timeout, for one). */
  private static boolean isTimeout(IOException e) {
    return e instanceof InterruptedIOException;
  }

  private static byte[] head(ByteBuffer b, int max) {
    byte[] out = new byte[Math.min(max, b.remaining())];
    b.duplicate().get(out);
    return out;
  }

  /**
   * The bytes as text: valid UTF-8 stays readable with control characters shown as {@code \xNN}; anything else shows
   * every byte outside printable ASCII as {@code \xNN}.
   */
  static String printable(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length);
    try {
      String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          sb.append(String.format("\\x%02x", (int) c));
        } else {
          sb.append(c);
        }
      }
    } catch (CharacterCodingException e) {
      sb.setLength(0);
      for (byte b : bytes) {
        int v = b & 0xff;
        if (v >= 0x20 && v < 0x7f || v == '\t') {
          sb.append((char) v);
        } else {
          sb.append(String.format("\\x%02x", v));
        }
      }
    }
    return sb.toString();
  }
}
