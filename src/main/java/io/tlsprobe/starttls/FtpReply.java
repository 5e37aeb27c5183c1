package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One FTP reply (RFC 959 §4.2). A single line is {@code 220 text}; a multi-line reply opens with the code and a hyphen
 * and ends at the first line that starts with the same code and a space. Lines in between may hold anything (FEAT's
 * features start with a space, RFC 2389 §3.2):
 *
 * <pre>
 * 211-Features:
 *  AUTH TLS
 *  PBSZ
 * 211 End
 * </pre>
 *
 * @param code the three-digit code
 * @param lines every line of the reply as sent, the first and the last with their code
 */
record FtpReply(int code, List<String> lines) {
  /** The most lines one reply may have; a server sending more is not speaking FTP. */
  static final int MAX_REPLY_LINES = 500;

  FtpReply {
    lines = List.copyOf(lines);
  }

  /*
   * RFC 959 §4.2:
   *   reply     = code SP text CRLF
   *             | code "-" text CRLF *(line CRLF) code SP text CRLF
   *   code      = 3DIGIT
   */
  static FtpReply read(Conversation c) throws IOException {
    String first = c.readLine();
    if (!startsWithCode(first) || first.length() > 3 && first.charAt(3) != ' ' && first.charAt(3) != '-') {
      throw c.fail(Reason.GARBAGE, "server's answer is not an FTP reply: " + first);
    }
    int code = Integer.parseInt(first.substring(0, 3));
    List<String> lines = new ArrayList<>();
    lines.add(first);
    if (first.length() == 3 || first.charAt(3) == ' ') {
      return new FtpReply(code, lines);
    }
    String end = first.substring(0, 3);
    while (true) {
      if (lines.size() >= MAX_REPLY_LINES) {
        throw c.fail(Reason.TOO_MUCH, "server sent a reply of more than " + MAX_REPLY_LINES + " lines");
      }
      String line = c.readLine();
      lines.add(line);
      if (line.startsWith(end) && (line.length() == 3 || line.charAt(3) == ' ')) {
        return new FtpReply(code, lines);
      }
    }
  }

  private static boolean startsWithCode(String line) {
    return line.length() >= 3 && Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(1))
        && Character.isDigit(line.charAt(2));
  }

  /** The lines between the first and the last, trimmed, empty ones dropped (FEAT's features). */
  List<String> inner() {
    return lines.size() < 3 ? List.of() : Conversation.items(lines.subList(1, lines.size() - 1));
  }

  /** Whether the code says the command succeeded: 2yz. */
  boolean positive() {
    return code / 100 == 2;
  }

  /** {@code 234 Proceed with negotiation.}, the lines joined with {@code " / "}. */
  String text() {
    return String.join(" / ", lines);
  }
}
