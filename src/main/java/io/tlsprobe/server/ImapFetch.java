package io.tlsprobe.server;

import io.tlsprobe.server.SampleMailbox.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IMAP front's {@code FETCH} (RFC 9051 §6.4.5, answers §7.5.2) over the {@link SampleMailbox}: parses the sequence
 * set and the data items, and renders one message's {@code * n FETCH (…)} response with its literals. Enough for a
 * mail library to list, count and read: {@code FLAGS}, {@code UID}, {@code INTERNALDATE}, {@code RFC822.SIZE}, {@code
 * ENVELOPE}, {@code BODY}/{@code BODYSTRUCTURE} (one {@code text/plain} part), {@code BODY[section]<partial>} and
 * {@code BODY.PEEK[…]} for the sections {@code ""}, {@code HEADER}, {@code HEADER.FIELDS[.NOT] (…)}, {@code TEXT},
 * {@code 1} and {@code 1.MIME}, {@code RFC822}, {@code RFC822.HEADER}, {@code RFC822.TEXT}, and the macros {@code
 * ALL}, {@code FAST}, {@code FULL}.
 *
 * <pre>{@code
 * ImapFetch.items("(ENVELOPE RFC822.SIZE)");              // [ENVELOPE, RFC822.SIZE]
 * ImapFetch.response(message, List.of("UID"), flags);    // "* 1 FETCH (UID 1)\r\n"
 * }</pre>
 *
 * <pre>
 * fetch-att = "ENVELOPE" / "FLAGS" / "INTERNALDATE" / "RFC822.SIZE" / "BODY" ["STRUCTURE"] / "UID" /
 *             "BODY" section [partial] / "BODY.PEEK" section [partial] / "BINARY" …
 * section   = "[" [section-spec] "]"
 * partial   = "&lt;" number64 "." nz-number64 "&gt;"
 * </pre>
 */
final class ImapFetch {
  /** At most this many data items in one FETCH. */
  static final int MAX_ITEMS = 32;
  private static final String INTERNAL_DATE = "\"27-Nov-2026 09:00:00 +0000\"";
  /** {@code BODY[section]<partial>} or {@code BODY.PEEK[…]}, case-insensitive. */
  private static final Pattern BODY_SECTION =
      Pattern.compile("^BODY(\\.PEEK)?\\[([^\\]]*)\\](?:<(\\d{1,9})\\.(\\d{1,9})>)?$", Pattern.CASE_INSENSITIVE);

  private ImapFetch() {}

  /**
   * The data items of a FETCH, macros expanded: a parenthesized list or one item.
   *
   * @throws IllegalArgumentException when the list is malformed or too long
   */
  static List<String> items(String text) {
    String t = text.strip();
    if (t.startsWith("(")) {
      if (!t.endsWith(")")) {
        throw new IllegalArgumentException("unbalanced parenthesis in " + t);
      }
      t = t.substring(1, t.length() - 1).strip();
    }
    List<String> items = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        depth--;
      }
      if (c == ' ' && depth == 0) {
        add(items, current);
      } else {
        current.append(c);
      }
    }
    add(items, current);
    if (depth != 0 || items.isEmpty() || items.size() > MAX_ITEMS) {
      throw new IllegalArgumentException("not a FETCH item list: " + text);
    }
    return items;
  }

  private static void add(List<String> items, StringBuilder current) {
    if (current.isEmpty()) {
      return;
    }
    String item = current.toString();
    current.setLength(0);
    switch (item.toUpperCase(Locale.ROOT)) {
      case "ALL" -> items.addAll(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"));
      case "FAST" -> items.addAll(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE"));
      case "FULL" -> items.addAll(List.of("FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"));
      default -> items.add(item);
    }
  }

  /**
   * The message numbers of a sequence set ({@code 1}, {@code 1:2}, {@code 2,1}, {@code 1:*}, {@code *}) that exist
   * in a mailbox of {@code count} messages, in ascending order.
   *
   * @throws IllegalArgumentException when the set is malformed
   */
  static Set<Integer> sequenceSet(String set, int count) {
    Set<Integer> numbers = new TreeSet<>();
    for (String part : set.split(",", 100)) {
      String[] ends = part.split(":", -1);
      if (ends.length > 2) {
        throw new IllegalArgumentException("not a sequence set: " + set);
      }
      long a = number(ends[0], count, set);
      long b = ends.length == 2 ? number(ends[1], count, set) : a;
      for (long n = Math.max(1, Math.min(a, b)); n <= Math.min(count, Math.max(a, b)); n++) {
        numbers.add((int) n);
      }
    }
    return numbers;
  }

  private static long number(String text, int count, String set) {
    if (text.equals("*")) {
      return count;
    }
    if (!text.matches("[1-9][0-9]{0,9}")) {
      throw new IllegalArgumentException("not a sequence set: " + set);
    }
    return Long.parseLong(text);
  }

  /**
   * The untagged response for {@code message}: {@code * n FETCH (…)} and CRLF, literals inline. A non-peek body
   * fetch adds {@code \Seen} to {@code flags}.
   *
   * @throws IllegalArgumentException for an item the front does not serve
   */
  static String response(Message message, List<String> items, Set<String> flags) {
    List<String> parts = new ArrayList<>();
    for (String item : items) {
      parts.add(item(message, item, flags));
    }
    return "* " + message.number() + " FETCH (" + String.join(" ", parts) + ")\r\n";
  }

  private static String item(Message m, String item, Set<String> flags) {
    String name = item.toUpperCase(Locale.ROOT);
    switch (name) {
      case "FLAGS" -> {
        return "FLAGS (" + String.join(" ", flags) + ")";
      }
      case "UID" -> {
        return "UID " + m.number();
      }
      case "INTERNALDATE" -> {
        return "INTERNALDATE " + INTERNAL_DATE;
      }
      case "RFC822.SIZE" -> {
        return "RFC822.SIZE " + m.size();
      }
      case "ENVELOPE" -> {
        return "ENVELOPE " + envelope(m);
      }
      case "BODY", "BODYSTRUCTURE" -> {
        return name + " (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" " + m.textSize() + " "
            + m.textLines() + ")";
      }
      case "RFC822" -> {
        flags.add("\\Seen");
        return "RFC822 " + literal(m.raw());
      }
      case "RFC822.HEADER" -> {
        return "RFC822.HEADER " + literal(m.header());
      }
      case "RFC822.TEXT" -> {
        flags.add("\\Seen");
        return "RFC822.TEXT " + literal(m.text());
      }
      default -> {
        return section(m, item, flags);
      }
    }
  }

  private static String section(Message m, String item, Set<String> flags) {
    Matcher b = BODY_SECTION.matcher(item);
    if (!b.matches()) {
      throw new IllegalArgumentException("unsupported FETCH item " + item);
    }
    String section = b.group(2);
    String content = sectionContent(m, section);
    String origin = "";
    if (b.group(3) != null) {
      int start = (int) Math.min(content.length(), Long.parseLong(b.group(3)));
      int end = (int) Math.min(content.length(), start + Long.parseLong(b.group(4)));
      content = content.substring(start, end);
      origin = "<" + b.group(3) + ">";
    }
    if (b.group(1) == null) {
      flags.add("\\Seen");
    }
    return "BODY[" + section + "]" + origin + " " + literal(content);
  }

  private static String sectionContent(Message m, String section) {
    String upper = section.toUpperCase(Locale.ROOT).strip();
    if (upper.isEmpty()) {
      return m.raw();
    }
    if (upper.equals("HEADER")) {
      return m.header();
    }
    if (upper.equals("TEXT") || upper.equals("1")) {
      return m.text();
    }
    if (upper.equals("1.MIME") || upper.equals("MIME")) {
      return "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n";
    }
    if (upper.startsWith("HEADER.FIELDS")) {
      boolean not = upper.startsWith("HEADER.FIELDS.NOT");
      int open = upper.indexOf('(');
      int close = upper.lastIndexOf(')');
      if (open < 0 || close < open) {
        throw new IllegalArgumentException("no field list in BODY[" + section + "]");
      }
      Set<String> names = Set.of(upper.substring(open + 1, close).strip().split("\\s+"));
      StringBuilder sb = new StringBuilder();
      for (String field : m.header().split("\r\n")) {
        int colon = field.indexOf(':');
        if (colon > 0 && names.contains(field.substring(0, colon).toUpperCase(Locale.ROOT)) != not) {
          sb.append(field).append("\r\n");
        }
      }
      return sb.append("\r\n").toString();
    }
    throw new IllegalArgumentException("unsupported section BODY[" + section + "]");
  }

  /** {@code ("date" "subject" from sender reply-to to cc bcc in-reply-to message-id)} (RFC 9051 §7.5.2). */
  private static String envelope(Message m) {
    String from = "((" + quote(m.fromName()) + " NIL " + quote(m.fromUser()) + " \"example.org\"))";
    String to = "((\"Bob\" NIL \"bob\" \"example.org\"))";
    return "(" + quote(m.date()) + " " + quote(m.subject()) + " " + from + " " + from + " " + from + " " + to
        + " NIL NIL NIL " + quote("<" + m.number() + ".tlsprobe@localhost>") + ")";
  }

  /** An IMAP quoted string. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A synchronizing literal: {@code {n}} CRLF and the octets. */
  private static String literal(String content) {
    return "{" + content.getBytes(StandardCharsets.US_ASCII).length + "}\r\n" + content;
  }
}
