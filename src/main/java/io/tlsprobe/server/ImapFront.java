package io.tlsprobe.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * IMAP (RFC 9051, RFC 3501) with STARTTLS (RFC 2595 §3, RFC 9051 §6.2.1), enough for a mail library to log in, open
 * INBOX, count its messages and read one: CAPABILITY, NOOP, LOGOUT, STARTTLS, LOGIN, AUTHENTICATE PLAIN (with or
 * without an initial response), ID, ENABLE, NAMESPACE, LIST/LSUB, STATUS, SELECT/EXAMINE INBOX, CHECK, CLOSE,
 * UNSELECT, EXPUNGE, SEARCH (every criterion matches every message), FETCH ({@link ImapFetch}), STORE (flags kept for
 * the session) and their UID forms. INBOX holds the {@link SampleMailbox}'s two messages. Every login succeeds, and
 * authentication is offered in clear too ({@code AUTH=PLAIN}, no {@code LOGINDISABLED}) so that a client logging in
 * before TLS shows it. Client literals ({@code {n}} and {@code {n+}}) are read.
 *
 * <pre>
 * S: * OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] localhost IMAP4rev1 tlsprobe capture ready
 * C: A0 STARTTLS
 * S: A0 OK Begin TLS negotiation now
 * </pre>
 *
 * <p>Response injection: answers are tagged, so the injected response is an untagged {@code * CAPABILITY} with a
 * marker atom and a tagged {@code OK} for the tag the client will use next, predicted from its STARTTLS tag (trailing
 * digits incremented: {@code A1} → {@code A2}); see {@link ResponseInjection}.
 *
 * <p>The mailbox commands and their per-session state (the selected mailbox, stored flags) are {@link ImapMailbox}'s.
 */
final class ImapFront implements Front {
  /** The most commands one session may send. */
  static final int MAX_COMMANDS = 1000;
  /** The most literals in one command. */
  static final int MAX_LITERALS = 8;
  /** The marker atom of the injected {@code * CAPABILITY} response. */
  static final String INJECTED_CAPABILITY = "X-TLSPROBE-INJECTED";
  private static final Pattern LITERAL = Pattern.compile("\\{(\\d{1,6})(\\+?)\\}$");
  private static final Pattern TRAILING_DIGITS = Pattern.compile("^(.*?)(\\d+)$");

  @Override
  public void serve(FrontSession s) throws IOException {
    ImapMailbox mailbox = new ImapMailbox();
    String greeting = "* OK [CAPABILITY " + String.join(" ", capabilities(s)) + "] " + s.serverName()
        + " IMAP4rev1 tlsprobe capture ready";
    s.send(greeting);
    s.phase().greeting(greeting);
    announced(s);
    @Nullable String injected = null;
    @Nullable String predictedTag = null;
    for (int i = 0; i < MAX_COMMANDS; i++) {
      String line = readCommand(s);
      if (injected != null) {
        String expected = predictedTag + " ";
        ResponseInjection.judge(s, injected, line, command -> command.startsWith(expected));
        injected = null;
      }
      if (line == null) {
        return;
      }
      String[] words = line.strip().split(" ", 3);
      if (words.length < 2) {
        s.send("* BAD Command line not understood");
        continue;
      }
      String tag = words[0];
      String verb = words[1].toUpperCase(Locale.ROOT);
      String rest = words.length > 2 ? words[2] : "";
      if (verb.equals("STARTTLS")) {
        if (!startTls(s, tag)) {
          continue;
        }
        if (!s.overTls()) {
          return; // the handshake failed: the report says how
        }
        if (s.behaviour() == StartTlsBehaviour.INJECT_RESPONSE) {
          predictedTag = nextTag(tag);
          injected = String.join("\\r\\n", injectedLines(predictedTag));
        }
        continue;
      }
      try {
        if (!command(s, mailbox, tag, verb, rest)) {
          return;
        }
      } catch (IllegalArgumentException e) {
        s.send(tag + " BAD " + e.getMessage());
      }
    }
    s.send("* BYE Too many commands");
  }

  /** Serves one command other than STARTTLS; false after LOGOUT. */
  private static boolean command(FrontSession s, ImapMailbox mailbox, String tag, String verb, String rest)
      throws IOException {
    switch (verb) {
      case "CAPABILITY" -> {
        s.send("* CAPABILITY " + String.join(" ", capabilities(s)), tag + " OK CAPABILITY completed");
        announced(s);
      }
      case "NOOP", "CHECK", "EXPUNGE" -> s.send(tag + " OK " + verb + " completed");
      case "LOGOUT" -> {
        s.send("* BYE " + s.serverName() + " logging out", tag + " OK LOGOUT completed");
        return false;
      }
      case "LOGIN" -> s.send(tag + " OK [CAPABILITY " + String.join(" ", capabilities(s)) + "] Logged in");
      case "AUTHENTICATE" -> authenticate(s, tag, words(rest));
      case "ID" -> s.send("* ID (\"name\" \"tlsprobe\")", tag + " OK ID completed");
      case "ENABLE" -> s.send("* ENABLED", tag + " OK ENABLE completed");
      case "NAMESPACE" -> s.send("* NAMESPACE ((\"\" \"/\")) NIL NIL", tag + " OK NAMESPACE completed");
      case "LIST", "LSUB" -> ImapMailbox.list(s, tag, verb, words(rest));
      case "STATUS" -> ImapMailbox.status(s, tag, words(rest));
      case "SELECT", "EXAMINE" -> mailbox.select(s, tag, verb, words(rest));
      case "CLOSE", "UNSELECT" -> mailbox.close(s, tag, verb);
      case "FETCH", "SEARCH", "STORE", "COPY" -> mailbox.command(s, tag, verb, rest, false);
      case "UID" -> {
        String[] sub = rest.strip().split(" ", 2);
        mailbox.command(s, tag, sub[0].toUpperCase(Locale.ROOT), sub.length > 1 ? sub[1] : "", true);
      }
      default -> s.send(tag + " BAD Unknown command " + verb);
    }
    return true;
  }

  /** Answers STARTTLS (RFC 2595 §3.1) as the behaviour says; true when TLS was started (or attempted). */
  private static boolean startTls(FrontSession s, String tag) throws IOException {
    return new UpgradeAnswers(tag + " BAD TLS is already active", tag + " BAD Unknown command STARTTLS",
        tag + " NO [UNAVAILABLE] TLS is not available now", List.of(tag + " OK Begin TLS negotiation now"),
        injectedLines(nextTag(tag)),
        "STARTTLS was not advertised (stripped) and the client's STARTTLS was refused as unknown",
        "the client's STARTTLS was refused (NO [UNAVAILABLE])").answer(s);
  }

  /** The injected answer: capabilities with a marker atom, then a tagged OK completing the client's next command. */
  static List<String> injectedLines(String nextTag) {
    return List.of("* CAPABILITY IMAP4rev1 AUTH=PLAIN " + INJECTED_CAPABILITY,
        nextTag + " OK injected.tlsprobe.invalid");
  }

  /** The tag after {@code tag}: trailing digits incremented, width kept ({@code A1} → {@code A2}, {@code a009} → {@code a010}). */
  static String nextTag(String tag) {
    Matcher m = TRAILING_DIGITS.matcher(tag);
    if (!m.matches() || m.group(2).length() > 9) {
      return tag + "1";
    }
    String next = String.valueOf(Long.parseLong(m.group(2)) + 1);
    String padded = "0".repeat(Math.max(0, m.group(2).length() - next.length())) + next;
    return m.group(1) + padded;
  }

  private static List<String> capabilities(FrontSession s) {
    List<String> c = new ArrayList<>(List.of("IMAP4rev1"));
    if (!s.overTls() && s.behaviour() != StartTlsBehaviour.NOT_ADVERTISED) {
      c.add("STARTTLS");
    }
    c.addAll(List.of("AUTH=PLAIN", "SASL-IR", "ID", "ENABLE", "NAMESPACE", "UNSELECT"));
    return c;
  }

  /** Records the capabilities just announced in the phase. */
  private static void announced(FrontSession s) {
    List<String> c = capabilities(s);
    if (s.overTls()) {
      s.phase().capabilitiesAfter(c);
      return;
    }
    s.phase().capabilitiesBefore(c);
    s.phase().startTlsAdvertised(c.contains("STARTTLS"));
    s.phase().plainTextAuthenticationOffered(true);
    s.phase().authenticationEvidence("AUTH=PLAIN and no LOGINDISABLED in CAPABILITY before TLS");
  }

  /** AUTHENTICATE PLAIN [initial-response] (RFC 9051 §6.2.2, SASL-IR RFC 4959): every login succeeds. */
  private static void authenticate(FrontSession s, String tag, List<String> args) throws IOException {
    if (args.isEmpty() || !args.get(0).equalsIgnoreCase("PLAIN")) {
      s.send(tag + " NO [CANNOT] Unsupported authentication mechanism");
      return;
    }
    if (args.size() < 2) {
      s.send("+ ");
      String response = s.readLine();
      if (response == null) {
        return;
      }
      if (response.strip().equals("*")) {
        s.send(tag + " BAD Authentication cancelled");
        return;
      }
    }
    s.send(tag + " OK [CAPABILITY " + String.join(" ", capabilities(s)) + "] Logged in");
  }

  /**
   * Reads one command, with its literals: each {@code {n}} at a line's end is answered with a continuation (none for
   * the non-synchronizing {@code {n+}}), its octets read and put in the command as a quoted string. Null at the end of
   * the stream.
   */
  private static @Nullable String readCommand(FrontSession s) throws IOException {
    String line = s.readLine();
    if (line == null) {
      return null;
    }
    StringBuilder command = new StringBuilder();
    for (int i = 0; i < MAX_LITERALS; i++) {
      Matcher m = LITERAL.matcher(line);
      if (!m.find()) {
        break;
      }
      if (m.group(2).isEmpty()) {
        s.send("+ Ready for literal data");
      }
      String literal = new String(s.readExactly(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8);
      String rest = s.readLineUnrecorded();
      if (rest == null) {
        return null;
      }
      s.recordClient(FrontSession.printable(literal.getBytes(StandardCharsets.UTF_8)) + rest);
      command.append(line, 0, m.start()).append(ImapFetch.quote(literal));
      line = rest;
    }
    return command.append(line).toString();
  }

  /** Atoms, quoted strings (unquoted) and parenthesized lists (kept whole) of a command's arguments. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ') {
        i++;
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder();
        for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          sb.append(text.charAt(i));
        }
        words.add(sb.toString());
        i++;
      } else if (c == '(') {
        int close = text.indexOf(')', i);
        int end = close < 0 ? text.length() : close + 1;
        words.add(text.substring(i, end));
        i = end;
      } else {
        int end = text.indexOf(' ', i);
        end = end < 0 ? text.length() : end;
        words.add(text.substring(i, end));
        i = end;
      }
    }
    return words;
  }
}
