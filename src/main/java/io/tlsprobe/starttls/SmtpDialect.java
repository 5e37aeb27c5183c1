package io.tlsprobe.starttls;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.report.PlainTextPhase.Line;
import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * SMTP (RFC 5321) and LMTP (RFC 2033) STARTTLS (RFC 3207): greeting {@code 220}, {@code EHLO}/{@code LHLO}, the
 * {@code STARTTLS} keyword among the extensions, {@code STARTTLS}, {@code 220}. Plain-text authentication is offered
 * when the extensions before TLS include {@code AUTH}.
 *
 * <pre>
 * S: 220 mail.test ESMTP Postfix
 * C: EHLO tlsprobe.invalid
 * S: 250-mail.test
 * S: 250-STARTTLS
 * S: 250 AUTH PLAIN LOGIN
 * C: STARTTLS
 * S: 220 2.0.0 Ready to start TLS
 * </pre>
 */
final class SmtpDialect implements Dialect {
  /** The name we greet with: {@code .invalid} (RFC 2606) says it is no real host. */
  static final String CLIENT_NAME = "tlsprobe.invalid";

  private final boolean lmtp;

  SmtpDialect(boolean lmtp) {
    this.lmtp = lmtp;
  }

  private String hello() {
    return (lmtp ? "LHLO " : "EHLO ") + CLIENT_NAME;
  }

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    c.awaiting("the server's greeting");
    Reply greeting = Reply.read(c);
    c.phase().greeting(greeting.text());
    if (greeting.code() != 220) {
      throw c.fail(Reason.REFUSED, "server refused the session in its greeting: " + greeting.text());
    }
    List<String> extensions = ehlo(c);
    c.phase().capabilitiesBefore(extensions);
    boolean advertised = extensions.stream().anyMatch(e -> keyword(e).equals("STARTTLS"));
    c.phase().startTlsAdvertised(advertised);
    List<String> auth = extensions.stream().filter(e -> keyword(e).equals("AUTH")).toList();
    c.phase().plainTextAuthenticationOffered(!auth.isEmpty());
    String where = " in the " + (lmtp ? "LHLO" : "EHLO") + " reply before TLS";
    auth.forEach(a -> c.phase().authenticationEvidence(a + where));
    if (!advertised) {
      throw c.fail(Reason.NOT_ADVERTISED, "server did not advertise STARTTLS; extensions were: "
          + (extensions.isEmpty() ? "none" : String.join(", ", extensions)));
    }
    c.awaiting("the reply to STARTTLS");
    if (inject == null) {
      c.sendLine("STARTTLS");
    } else {
      c.sendLines("STARTTLS", inject);
    }
    Reply reply = Reply.read(c);
    if (reply.code() != 220) {
      throw c.fail(Reason.REFUSED, "server refused STARTTLS: " + reply.text());
    }
    c.phase().upgraded(true);
  }

  @Override
  public void afterTls(Conversation c) throws IOException {
    c.phase().capabilitiesAfter(ehlo(c));
  }

  @Override
  public String injectionCommand() {
    return "NOOP";
  }

  /**
   * Sends {@code EHLO} inside TLS and reads replies until one answers it. EHLO's reply names the server
   * (RFC 5321 §4.1.1.1: {@code "250" SP Domain} or {@code "250-" Domain}) with the domain its EHLO reply named before
   * TLS; the answer to {@code NOOP} is a one-line {@code 250 OK} (postfix: {@code 250 2.0.0 Ok}). So the first reply is
   * EHLO's when it names that domain or runs over several lines; otherwise it answered the injected command, and the
   * next reply must be EHLO's.
   *
   * @throws StartTlsException when neither of the first two replies answers EHLO, or the server goes silent
   */
  @Override
  public boolean answeredInjectedCommand(Conversation c) throws IOException {
    @Nullable String domain = domainBeforeTls(c.phase().build());
    c.awaiting("the reply to " + hello() + " inside TLS");
    c.sendLine(hello());
    Reply first = Reply.read(c);
    if (isHelloReply(first, domain)) {
      return false;
    }
    c.awaiting("the reply to " + hello() + " inside TLS, after " + first.text());
    Reply second = Reply.read(c);
    if (isHelloReply(second, domain)) {
      return true;
    }
    throw c.fail(Reason.GARBAGE, "neither of the server's first two replies inside TLS answers " + hello() + ": "
        + first.text() + ", then " + second.text());
  }

  /**
   * Whether {@code reply} answers EHLO: a 250 that names {@code domain} first or has several lines; without a domain
   * from before TLS, a 250 whose single line is not an {@code OK}.
   */
  private static boolean isHelloReply(Reply reply, @Nullable String domain) {
    if (reply.code() != 250) {
      return false;
    }
    String firstWord = firstWord(reply.lines().get(0));
    if (reply.lines().size() > 1 || domain != null && firstWord.equalsIgnoreCase(domain)) {
      return true;
    }
    return domain == null && !firstWord.matches("(?i)ok\\W*|\\d\\.\\d{1,3}\\.\\d{1,3}");
  }

  /**
   * The domain the server named in its EHLO (LHLO) reply before TLS, from the transcript: the server's line right after
   * our EHLO in clear; null when the transcript does not hold it.
   */
  private @Nullable String domainBeforeTls(PlainTextPhase phase) {
    List<Line> lines = phase.transcript();
    for (int i = 0; i + 1 < lines.size(); i++) {
      Line sent = lines.get(i);
      Line answer = lines.get(i + 1);
      if (!sent.overTls() && sent.direction() == Direction.CLIENT && sent.text().equals(hello())
          && answer.direction() == Direction.SERVER && answer.text().startsWith("250") && answer.text().length() > 4) {
        String domain = firstWord(answer.text().substring(4));
        return domain.isEmpty() ? null : domain;
      }
    }
    return null;
  }

  private static String firstWord(String text) {
    String t = text.strip();
    int sp = t.indexOf(' ');
    return sp < 0 ? t : t.substring(0, sp);
  }

  private List<String> ehlo(Conversation c) throws IOException {
    String hello = hello();
    c.awaiting("the reply to " + hello);
    c.sendLine(hello);
    Reply reply = Reply.read(c);
    if (reply.code() != 250) {
      throw c.fail(Reason.REFUSED, "server rejected " + hello.substring(0, 4) + ": " + reply.text());
    }
    return Conversation.items(reply.lines().subList(1, reply.lines().size()));
  }

  private static String keyword(String extension) {
    int sp = extension.indexOf(' ');
    String k = sp < 0 ? extension : extension.substring(0, sp);
    int eq = k.indexOf('=');
    return (eq < 0 ? k : k.substring(0, eq)).toUpperCase(Locale.ROOT);
  }

  /**
   * One SMTP reply (RFC 5321 §4.2): lines {@code 250-…} continued up to the last {@code 250 …}.
   *
   * @param code the three-digit code
   * @param lines the text of each line after the code and separator
   */
  record Reply(int code, List<String> lines) {
    /** The most lines one reply may have; a server sending more is not speaking SMTP. */
    static final int MAX_REPLY_LINES = 200;

    static Reply read(Conversation c) throws IOException {
      List<String> lines = new ArrayList<>();
      int code = -1;
      while (true) {
        String line = c.readLine();
        if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
            || !Character.isDigit(line.charAt(2)) || line.length() > 3 && line.charAt(3) != ' '
            && line.charAt(3) != '-') {
          throw c.fail(Reason.GARBAGE, "server's answer is not an SMTP reply: " + line);
        }
        int lineCode = Integer.parseInt(line.substring(0, 3));
        if (code >= 0 && lineCode != code) {
          throw c.fail(Reason.GARBAGE, "server changed the reply code within one reply: " + code + " then " + line);
        }
        code = lineCode;
        lines.add(line.length() > 4 ? line.substring(4) : "");
        if (line.length() == 3 || line.charAt(3) == ' ') {
          return new Reply(code, lines);
        }
        if (lines.size() >= MAX_REPLY_LINES) {
          throw c.fail(Reason.TOO_MUCH, "server sent a reply of more than " + MAX_REPLY_LINES + " lines");
        }
      }
    }

    /** {@code 454 4.7.0 TLS not available}: the code and the lines joined. */
    String text() {
      return code + " " + String.join(" / ", lines);
    }
  }
}
