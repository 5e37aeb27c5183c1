package io.tlsprobe.server;

import io.tlsprobe.report.TlsConnectionReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Serves one HTTP/1.1 request after the handshake so a client library finishes without error: reads the request
 * head (at most {@link #MAX_HEAD} bytes) and a {@code Content-Length} body (at most {@link #MAX_BODY}), answers
 * {@code 200 OK} with the connection's one-line summary as {@code text/plain}, and {@code Connection: close}.
 * One request per connection; a client that offered only {@code h2} was already refused by ALPN.
 */
final class HttpResponder {
  static final int MAX_HEAD = 16 * 1024;
  static final int MAX_BODY = 1024 * 1024;

  private HttpResponder() {}

  /** Answers one request on {@code transport}; returns quietly when the client sends none. */
  static void serve(EngineTransport transport, TlsConnectionReport report) throws IOException {
    byte[] head = new byte[MAX_HEAD];
    int length = 0;
    int end = -1;
    while (end < 0) {
      if (length == head.length) {
        respond(transport, "431 Request Header Fields Too Large", "request head over " + MAX_HEAD + " bytes\n", true);
        return;
      }
      int n = transport.read(head, length, head.length - length);
      if (n < 0) {
        return;
      }
      length += n;
      end = headEnd(head, length);
    }
    String text = new String(head, 0, end, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    String requestLine = lines[0];
    long bodyLength = 0;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        bodyLength = parse(line.substring(colon + 1).trim());
      }
    }
    long skip = Math.min(bodyLength, MAX_BODY) - (length - end - 4);
    byte[] sink = new byte[4096];
    while (skip > 0) {
      int n = transport.read(sink, 0, (int) Math.min(sink.length, skip));
      if (n < 0) {
        return;
      }
      skip -= n;
    }
    boolean head0 = requestLine.toUpperCase(Locale.ROOT).startsWith("HEAD ");
    respond(transport, "200 OK", "tlsprobe capture server\n" + report.summary() + "\n", !head0);
  }

  private static long parse(String value) {
    try {
      return Math.max(0, Long.parseLong(value));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int headEnd(byte[] bytes, int length) {
    for (int i = 0; i + 3 < length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static void respond(EngineTransport transport, String status, String body, boolean withBody)
      throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + content.length + "\r\n"
        + "Connection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + (withBody ? content.length : 0)];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    if (withBody) {
      System.arraycopy(content, 0, all, headBytes.length, content.length);
    }
    transport.write(all);
  }
}
