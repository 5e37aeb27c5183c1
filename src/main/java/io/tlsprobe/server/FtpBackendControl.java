package io.tlsprobe.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link FtpFront}'s control connection to its {@link FtpBackend}: sends command lines and reads whole replies
 * (RFC 959 §4.2: {@code 211-…} continuation lines up to {@code 211 …}), each read bounded by the timeout and each reply
 * by {@link #MAX_REPLY_LINES}.
 */
final class FtpBackendControl implements AutoCloseable {
  /** The most lines one backend reply may have. */
  static final int MAX_REPLY_LINES = 1000;
  private static final int MAX_LINE = 8192;

  /**
   * One reply.
   *
   * @param code the three-digit code
   * @param lines every line of it, as sent
   */
  record Reply(int code, List<String> lines) {
    Reply {
      lines = List.copyOf(lines);
    }

    boolean preliminary() {
      return code >= 100 && code < 200;
    }

    /** The last line's text after the code, e.g. {@code "Entering Passive Mode (127,0,0,1,4,1)."}. */
    String text() {
      String last = lines.get(lines.size() - 1);
      return last.length() > 4 ? last.substring(4) : "";
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  FtpBackendControl(int port, Duration timeout) throws IOException {
    socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Sends {@code line} and reads the reply. */
  Reply command(String line) throws IOException {
    send(line);
    return read();
  }

  /** Reads one whole reply. */
  Reply read() throws IOException {
    List<String> lines = new ArrayList<>();
    String first = line();
    lines.add(first);
    if (first.length() < 3 || !first.substring(0, 3).chars().allMatch(Character::isDigit)) {
      throw new IOException("MockFtpServer's reply is not an FTP reply: " + first);
    }
    String code = first.substring(0, 3);
    if (first.length() > 3 && first.charAt(3) == '-') {
      while (true) {
        if (lines.size() >= MAX_REPLY_LINES) {
          throw new IOException("MockFtpServer's reply has more than " + MAX_REPLY_LINES + " lines");
        }
        String next = line();
        lines.add(next);
        if (next.startsWith(code + " ") || next.equals(code)) {
          break;
        }
      }
    }
    return new Reply(Integer.parseInt(code), lines);
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("MockFtpServer closed the control connection");
      }
      if (b == '\n') {
        byte[] raw = bytes.toByteArray();
        int end = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        return new String(raw, 0, end, StandardCharsets.UTF_8);
      }
      if (bytes.size() >= MAX_LINE) {
        throw new IOException("MockFtpServer sent a line longer than " + MAX_LINE + " bytes");
      }
      bytes.write(b);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // best effort
    }
  }
}
