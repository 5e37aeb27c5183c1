package io.tlsprobe.server;

import io.tlsprobe.server.SampleMailbox.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * POP3 (RFC 1939) with STLS (RFC 2595 §4), CAPA (RFC 2449) and AUTH PLAIN (RFC 5034), enough for a mail library to
 * log in, count the messages and read one: CAPA, STLS, USER/PASS, AUTH PLAIN (with or without an initial response),
 * STAT, LIST, UIDL, RETR, TOP, DELE, NOOP, RSET, QUIT over the {@link SampleMailbox}'s two messages. APOP is refused
 * (the greeting carries no timestamp, so no client should try it). Every login succeeds, and {@code USER} and
 * {@code SASL PLAIN} are listed in clear too, so that a client logging in before TLS shows it. Deletions last for the
 * session only.
 *
 * <pre>
 * S: +OK localhost POP3 tlsprobe capture ready
 * C: CAPA
 * S: +OK Capability list follows
 * S: TOP …
 * C: STLS
 * S: +OK Begin TLS negotiation now
 * </pre>
 *
 * <p>Response injection: POP3 answers carry no tag, so the injected response is {@code +OK} followed by a {@code
 * CAPA}-shaped list ending in {@code .}: it completes a client's {@code CAPA} inside TLS, and its first line alone
 * completes any other command; see {@link ResponseInjection}.
 */
final class Pop3Front implements Front {
  /** The most commands one session may send. */
  static final int MAX_COMMANDS = 1000;
  /** The marker capability of the injected response. */
  static final String INJECTED_CAPABILITY = "X-TLSPROBE-INJECTED";
  /** The response injected after the go-ahead. */
  static final List<String> INJECTED = List.of("+OK injected.tlsprobe.invalid", "USER", "SASL PLAIN",
      INJECTED_CAPABILITY, ".");

  private final Set<Integer> deleted = new HashSet<>();

  @Override
  public void serve(FrontSession s) throws IOException {
    String greeting = "+OK " + s.serverName() + " POP3 tlsprobe capture ready";
    s.send(greeting);
    s.phase().greeting(greeting);
    boolean injectedPending = false;
    for (int i = 0; i < MAX_COMMANDS; i++) {
      String line = s.readLine();
      if (injectedPending) {
        injectedPending = false;
        ResponseInjection.judge(s, String.join("\\r\\n", INJECTED), line);
      }
      if (line == null) {
        return;
      }
      String[] words = line.strip().split("\\s+");
      String verb = words[0].toUpperCase(Locale.ROOT);
      switch (verb) {
        case "CAPA" -> capa(s);
        case "STLS" -> {
          if (!startTls(s)) {
            continue;
          }
          if (!s.overTls()) {
            return; // the handshake failed: the report says how
          }
          injectedPending = s.behaviour() == StartTlsBehaviour.INJECT_RESPONSE;
        }
        case "USER" -> s.send("+OK Send your password");
        case "PASS" -> s.send("+OK Logged in");
        case "APOP" -> s.send("-ERR [AUTH] APOP is not supported");
        case "AUTH" -> auth(s, words);
        case "STAT" -> s.send("+OK " + live().size() + " " + live().stream().mapToInt(Message::size).sum());
        case "LIST" -> listing(s, words, m -> m.number() + " " + m.size());
        case "UIDL" -> listing(s, words, m -> m.number() + " " + m.uid());
        case "RETR" -> retrieve(s, words, Integer.MAX_VALUE);
        case "TOP" -> {
          if (words.length < 3 || !words[2].matches("\\d{1,6}")) {
            s.send("-ERR Usage: TOP msg lines");
          } else {
            retrieve(s, words, Integer.parseInt(words[2]));
          }
        }
        case "DELE" -> {
          Message m = message(s, words);
          if (m != null) {
            deleted.add(m.number());
            s.send("+OK Marked to be deleted");
          }
        }
        case "RSET" -> {
          deleted.clear();
          s.send("+OK");
        }
        case "NOOP" -> s.send("+OK");
        case "QUIT" -> {
          s.send("+OK Logging out");
          return;
        }
        default -> s.send("-ERR Unknown command");
      }
    }
    s.send("-ERR Too many commands, closing connection");
  }

  private static List<String> capabilities(FrontSession s) {
    List<String> c = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "USER", "SASL PLAIN"));
    if (!s.overTls() && s.behaviour() != StartTlsBehaviour.NOT_ADVERTISED) {
      c.add("STLS");
    }
    c.add("IMPLEMENTATION tlsprobe");
    return c;
  }

  private static void capa(FrontSession s) throws IOException {
    List<String> c = capabilities(s);
    List<String> lines = new ArrayList<>();
    lines.add("+OK Capability list follows");
    lines.addAll(c);
    lines.add(".");
    s.send(lines.toArray(String[]::new));
    if (s.overTls()) {
      s.phase().capabilitiesAfter(c);
      return;
    }
    s.phase().capabilitiesBefore(c);
    s.phase().startTlsAdvertised(c.contains("STLS"));
    s.phase().plainTextAuthenticationOffered(true);
    s.phase().authenticationEvidence("USER and SASL PLAIN in CAPA before TLS");
  }

  /** How POP3 answers STLS (RFC 2595 §4). */
  private static final UpgradeAnswers UPGRADE = new UpgradeAnswers("-ERR TLS is already active",
      "-ERR Unknown command", "-ERR [SYS/TEMP] TLS is not available now", List.of("+OK Begin TLS negotiation now"),
      INJECTED, "STLS was not advertised (stripped) and the client's STLS was refused as unknown",
      "the client's STLS was refused (-ERR [SYS/TEMP])");

  /** Answers STLS as the behaviour says; true when TLS was started (or attempted). */
  private static boolean startTls(FrontSession s) throws IOException {
    return UPGRADE.answer(s);
  }

  /** AUTH PLAIN [initial-response] (RFC 5034); a bare AUTH lists the mechanisms. Every login succeeds. */
  private static void auth(FrontSession s, String[] words) throws IOException {
    if (words.length == 1) {
      s.send("+OK", "PLAIN", ".");
      return;
    }
    if (!words[1].equalsIgnoreCase("PLAIN")) {
      s.send("-ERR Unsupported authentication mechanism");
      return;
    }
    if (words.length < 3) {
      s.send("+ ");
      String response = s.readLine();
      if (response == null) {
        return;
      }
      if (response.strip().equals("*")) {
        s.send("-ERR Authentication cancelled");
        return;
      }
    }
    s.send("+OK Logged in");
  }

  /** LIST or UIDL: one message's line, or all of them as a multi-line answer. */
  private void listing(FrontSession s, String[] words, Function<Message, String> line)
      throws IOException {
    if (words.length > 1) {
      Message m = message(s, words);
      if (m != null) {
        s.send("+OK " + line.apply(m));
      }
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("+OK " + live().size() + " messages");
    live().forEach(m -> lines.add(line.apply(m)));
    lines.add(".");
    s.send(lines.toArray(String[]::new));
  }

  /** RETR n, or TOP n k: the header and at most {@code bodyLines} of the body, dot-stuffed, ending in {@code .}. */
  private void retrieve(FrontSession s, String[] words, int bodyLines) throws IOException {
    Message m = message(s, words);
    if (m == null) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("+OK " + m.size() + " octets");
    String[] header = m.header().split("\r\n", -1);
    for (int i = 0; i < header.length - 1; i++) {
      lines.add(header[i]);
    }
    String[] body = m.text().split("\r\n", -1);
    for (int i = 0; i < Math.min(bodyLines, body.length - 1); i++) {
      lines.add(body[i].startsWith(".") ? "." + body[i] : body[i]);
    }
    lines.add(".");
    s.send(lines.toArray(String[]::new));
  }

  /** The message a command names, or null after answering {@code -ERR}. */
  private @Nullable Message message(FrontSession s, String[] words) throws IOException {
    if (words.length < 2 || !words[1].matches("\\d{1,6}")) {
      s.send("-ERR Usage: " + words[0].toUpperCase(Locale.ROOT) + " msg");
      return null;
    }
    int n = Integer.parseInt(words[1]);
    if (n < 1 || n > SampleMailbox.MESSAGES.size() || deleted.contains(n)) {
      s.send("-ERR No such message");
      return null;
    }
    return SampleMailbox.MESSAGES.get(n - 1);
  }

  private List<Message> live() {
    return SampleMailbox.MESSAGES.stream().filter(m -> !deleted.contains(m.number())).toList();
  }
}
