package io.tlsprobe.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link ImapFront}'s mailbox commands over the {@link SampleMailbox} (INBOX only), with one session's state: the
 * selected mailbox and the flags stored (RFC 9051 §6.3 and §6.4). LIST/LSUB and STATUS need no selection; SEARCH
 * (every criterion matches every message), FETCH ({@link ImapFetch}), STORE and COPY do, in their plain and UID forms
 * (UIDs equal message numbers here).
 *
 * <pre>{@code
 * ImapMailbox mailbox = new ImapMailbox();            // one per session
 * mailbox.select(session, "A3", "EXAMINE", List.of("INBOX"));
 * mailbox.command(session, "A4", "FETCH", "1 (ENVELOPE)", false);
 * }</pre>
 */
final class ImapMailbox {
  private boolean selected;
  private final Map<Integer, Set<String>> flags = new HashMap<>();

  /** CLOSE or UNSELECT: leaves the selected state (nothing is expunged: the mailbox is fixed). */
  void close(FrontSession s, String tag, String verb) throws IOException {
    selected = false;
    s.send(tag + " OK " + verb + " completed");
  }

  /** LIST or LSUB: INBOX when the pattern matches it; the hierarchy delimiter for an empty pattern. */
  static void list(FrontSession s, String tag, String verb, List<String> args) throws IOException {
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

  /** STATUS INBOX (items): the items it knows (MESSAGES, UNSEEN, RECENT, DELETED, UIDNEXT, UIDVALIDITY, SIZE). */
  static void status(FrontSession s, String tag, List<String> args) throws IOException {
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

  /** SELECT or EXAMINE INBOX (read-only); any other mailbox does not exist. */
  void select(FrontSession s, String tag, String verb, List<String> args) throws IOException {
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

  /** FETCH, SEARCH, STORE, COPY, or their UID forms when {@code uid}. */
  void command(FrontSession s, String tag, String verb, String rest, boolean uid) throws IOException {
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
}
