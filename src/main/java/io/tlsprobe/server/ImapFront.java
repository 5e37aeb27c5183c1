package io.tlsprobe.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>One instance serves one session ({@link Fronts#of} makes a new one each time): it keeps the selected state and
 * the flags stored.
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

  private boolean selected;
  private final Map<Integer, Set<String>> flags = new HashMap<>();

  @Override
  public void serve(FrontSession s) throws IOException {
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
        if (!command(s, tag, verb, rest)) {
          return;
        }
      } catch (IllegalArgumentException e) {
        s.send(tag + " BAD " + e.getMessage());
      }
    }
    s.send("* BYE Too many commands");
  }

  /** Serves one command other than STARTTLS; false after LOGOUT. */
  private boolean command(FrontSession s, String tag, String verb, String rest) throws IOException {
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
      case "LIST", "LSUB" -> list(s, tag, verb, words(rest));
      case "STATUS" -> status(s, tag, words(rest));
      case "SELECT", "EXAMINE" -> select(s, tag, verb, words(rest));
      case "CLOSE", "UNSELECT" -> {
        selected = false;
        s.send(tag + " OK " + verb + " completed");
      }
      case "FETCH", "SEARCH", "STORE", "COPY" -> inMailbox(s, tag, verb, rest, false);
      case "UID" -> {
        String[] sub = rest.strip().split(" ", 2);
        inMailbox(s, tag, sub[0].toUpperCase(Locale.ROOT), sub.length > 1 ? sub[1] : "", true);
      }
      default -> s.send(tag + " BAD Unknown command " + verb);
    }
    return true;
  }

  /** Answers STARTTLS as the behaviour says; true when TLS was started (or attempted). */
  private static boolean startTls(FrontSession s, String tag) throws IOException {
    if (s.overTls()) {
      s.send(tag + " BAD TLS is already active");
      return false;
    }
    switch (s.behaviour()) {
      case NOT_ADVERTISED -> {
        s.startTlsRefused();
        s.send(tag + " BAD Unknown command STARTTLS");
        s.endReason("STARTTLS was not advertised (stripped) and the client's STARTTLS was refused as unknown");
        return false;
      }
      case REFUSED -> {
        s.startTlsRefused();
        s.send(tag + " NO [UNAVAILABLE] TLS is not available now");
        s.endReason("the client's STARTTLS was refused (NO [UNAVAILABLE])");
        return false;
      }
      case INJECT_RESPONSE -> {
        List<String> lines = new ArrayList<>();
        lines.add(tag + " OK Begin TLS negotiation now");
        lines.addAll(injectedLines(nextTag(tag)));
        s.send(lines.toArray(String[]::new));
      }
      case UPGRADE -> s.send(tag + " OK Begin TLS negotiation now");
    }
    if (!s.startTls() && s.behaviour() == StartTlsBehaviour.INJECT_RESPONSE) {
      ResponseInjection.handshakeFailed(s, String.join("\\r\\n", injectedLines(nextTag(tag))));
    }
    return true;
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

  private static void list(FrontSession s, String tag, String verb, List<String> args) throws IOException {
    if (args.size() < 2) {
      throw new IllegalArgumentException(verb + " needs a reference and a mailbox pattern");
    }
    String pattern = args.get(1);
    if (pattern.isEmpty()) {
      s.send("* " + verb + " (\\Noselect) \"/\" \"\"", tag + " OK " + verb + " completed");
      return;
    }
    String prefix = pattern.replace("*", "").replace("%", "").toUpperCase(Locale.ROOT);
    boolean inbox = pattern.equalsIgnoreCase("INBOX")
        || (pattern.contains("*") || pattern.contains("%")) && "INBOX".startsWith(prefix);
    if (inbox) {
      s.send("* " + verb + " (\\HasNoChildren) \"/\" INBOX", tag + " OK " + verb + " completed");
    } else {
      s.send(tag + " OK " + verb + " completed");
    }
  }

  private static void status(FrontSession s, String tag, List<String> args) throws IOException {
    if (args.size() < 2 || !args.get(0).equalsIgnoreCase("INBOX")) {
      s.send(tag + " NO [NONEXISTENT] No such mailbox");
      return;
    }
    List<String> answer = new ArrayList<>();
    for (String item : args.get(1).replace("(", "").replace(")", "").strip().split("\\s+")) {
      String value = switch (item.toUpperCase(Locale.ROOT)) {
        case "MESSAGES", "UNSEEN" -> String.valueOf(SampleMailbox.MESSAGES.size());
        case "RECENT", "DELETED" -> "0";
        case "UIDNEXT" -> String.valueOf(SampleMailbox.MESSAGES.size() + 1);
        case "UIDVALIDITY" -> String.valueOf(SampleMailbox.UID_VALIDITY);
        case "SIZE" -> String.valueOf(SampleMailbox.MESSAGES.stream().mapToInt(SampleMailbox.Message::size).sum());
        default -> null;
      };
      if (value != null) {
        answer.add(item.toUpperCase(Locale.ROOT) + " " + value);
      }
    }
    s.send("* STATUS INBOX (" + String.join(" ", answer) + ")", tag + " OK STATUS completed");
  }

  private void select(FrontSession s, String tag, String verb, List<String> args) throws IOException {
    if (args.isEmpty() || !args.get(0).equalsIgnoreCase("INBOX")) {
      selected = false;
      s.send(tag + " NO [NONEXISTENT] No such mailbox");
      return;
    }
    selected = true;
    boolean readOnly = verb.equals("EXAMINE");
    s.send("* " + SampleMailbox.MESSAGES.size() + " EXISTS", "* 0 RECENT",
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
        "* OK [PERMANENTFLAGS (" + (readOnly ? "" : "\\Answered \\Flagged \\Deleted \\Seen \\Draft") + ")] Flags",
        "* OK [UIDVALIDITY " + SampleMailbox.UID_VALIDITY + "] UIDs valid",
        "* OK [UIDNEXT " + (SampleMailbox.MESSAGES.size() + 1) + "] Predicted next UID",
        tag + " OK [" + (readOnly ? "READ-ONLY" : "READ-WRITE") + "] " + verb + " completed");
  }

  /** FETCH, SEARCH, STORE, COPY (and their UID forms; UIDs equal message numbers here). */
  private void inMailbox(FrontSession s, String tag, String verb, String rest, boolean uid) throws IOException {
    if (!selected) {
      s.send(tag + " BAD No mailbox selected");
      return;
    }
    String prefix = uid ? "UID " : "";
    int count = SampleMailbox.MESSAGES.size();
    switch (verb) {
      case "SEARCH" -> {
        StringBuilder all = new StringBuilder("* SEARCH");
        SampleMailbox.MESSAGES.forEach(m -> all.append(' ').append(m.number()));
        s.send(all.toString(), tag + " OK " + prefix + "SEARCH completed");
      }
      case "FETCH", "STORE", "COPY" -> {
        String[] parts = rest.strip().split(" ", 2);
        if (parts.length < 2) {
          throw new IllegalArgumentException(verb + " needs a sequence set and arguments");
        }
        Set<Integer> numbers = ImapFetch.sequenceSet(parts[0], count);
        if (verb.equals("FETCH")) {
          fetch(s, numbers, parts[1], uid);
        } else if (verb.equals("STORE")) {
          store(s, numbers, parts[1], uid);
        }
        s.send(tag + " OK " + prefix + verb + " completed");
      }
      default -> s.send(tag + " BAD Unknown command " + prefix + verb);
    }
  }

  private void fetch(FrontSession s, Set<Integer> numbers, String itemText, boolean uid) throws IOException {
    List<String> items = new ArrayList<>(ImapFetch.items(itemText));
    if (uid && items.stream().noneMatch(i -> i.equalsIgnoreCase("UID"))) {
      items.add(0, "UID");
    }
    StringBuilder out = new StringBuilder();
    for (int n : numbers) {
      out.append(ImapFetch.response(SampleMailbox.MESSAGES.get(n - 1), items, flagsOf(n)));
    }
    sendRaw(s, out.toString());
  }

  /** STORE n [+-]FLAGS[.SILENT] (flags): kept for the session. */
  private void store(FrontSession s, Set<Integer> numbers, String args, boolean uid) throws IOException {
    String[] parts = args.strip().split(" ", 2);
    String op = parts[0].toUpperCase(Locale.ROOT);
    if (!op.matches("[+-]?FLAGS(\\.SILENT)?") || parts.length < 2) {
      throw new IllegalArgumentException("STORE needs [+-]FLAGS[.SILENT] and a flag list");
    }
    List<String> given = List.of(parts[1].replace("(", "").replace(")", "").strip().split("\\s+"));
    StringBuilder out = new StringBuilder();
    for (int n : numbers) {
      Set<String> f = flagsOf(n);
      if (op.startsWith("+")) {
        f.addAll(given);
      } else if (op.startsWith("-")) {
        given.forEach(f::remove);
      } else {
        f.clear();
        f.addAll(given);
      }
      f.remove("");
      if (!op.endsWith(".SILENT")) {
        out.append("* ").append(n).append(" FETCH (").append(uid ? "UID " + n + " " : "").append("FLAGS (")
            .append(String.join(" ", f)).append("))\r\n");
      }
    }
    sendRaw(s, out.toString());
  }

  private Set<String> flagsOf(int n) {
    return flags.computeIfAbsent(n, k -> new TreeSet<>());
  }

  /** Sends text that already has its CRLFs (responses with literals), recording it line by line. */
  private static void sendRaw(FrontSession s, String text) throws IOException {
    if (text.isEmpty()) {
      return;
    }
    String body = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text;
    s.send(body.split("\r\n", -1));
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
