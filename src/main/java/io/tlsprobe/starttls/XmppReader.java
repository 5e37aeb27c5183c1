package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an XMPP stream (RFC 6120 §4) element by element from a {@link Conversation}, by careful scanning rather than
 * an XML parser: tags are split quote-aware (a {@code >} inside an attribute value does not end the tag), attribute
 * order and quote style do not matter, names are resolved against their namespace declarations, the five predefined
 * entities and character references are decoded, and everything RFC 6120 §11.1 forbids (DOCTYPE, comments, CDATA,
 * processing instructions other than the XML declaration, other entities) is refused as garbage. Every read is
 * bounded: one element (or the header) at most {@link #MAX_ELEMENT_CHARS} characters and {@link #MAX_DEPTH} deep,
 * on top of the conversation's own limits.
 */
final class XmppReader {
  /** The namespace of {@code <stream:stream>}, {@code <stream:features>} and {@code <stream:error>}. */
  static final String STREAMS_NS = "http://etherx.jabber.org/streams";
  /** The longest element (with its children) or stream header accepted. */
  static final int MAX_ELEMENT_CHARS = 64 * 1024;
  /** The deepest nesting accepted inside one element. */
  static final int MAX_DEPTH = 16;
  /** The most elements accepted inside one element. */
  static final int MAX_CHILDREN = 1000;

  private final Conversation c;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private ByteBuffer pending = ByteBuffer.allocate(0);
  private final StringBuilder buf = new StringBuilder();
  private int pos;
  /** Namespace declarations of the stream header, in scope for every element. */
  private Map<String, String> streamScope = Map.of();

  XmppReader(Conversation c) {
    this.c = c;
  }

  /**
   * Reads the XML declaration (optional) and the server's stream header {@code <stream:stream …>}; its namespace
   * declarations stay in scope for the elements read after it.
   */
  XmppElement readHeader() throws IOException {
    while (true) {
      skipWhitespace();
      if (startsWith("<!")) {
        throw garbage("a DOCTYPE, comment or CDATA section, which XMPP forbids (RFC 6120 §11.1): " + head());
      }
      if (startsWith("<?")) {
        int end = buf.indexOf("?>", pos);
        if (end < 0) {
          more("the XML declaration");
          continue;
        }
        String pi = buf.substring(pos, end + 2);
        if (!pi.startsWith("<?xml ") && !pi.equals("<?xml?>")) {
          throw garbage("a processing instruction, which XMPP forbids (RFC 6120 §11.1): " + pi);
        }
        pos = end + 2;
        continue;
      }
      if (pos < buf.length() && buf.charAt(pos) == '<' && (pos + 1 == buf.length() || buf.charAt(pos + 1) != '/')) {
        int end = tagEnd(pos);
        if (end < 0) {
          more("the stream header");
          continue;
        }
        Map<String, String> scope = new HashMap<>();
        Tag tag = tag(pos, end, scope);
        String raw = buf.substring(pos, end + 1);
        consume(end + 1);
        XmppElement header = new XmppElement(tag.name, resolve(tag.name, scope), tag.attributes, List.of(), "", raw);
        if (!header.is(STREAMS_NS, "stream")) {
          throw c.fail(Reason.GARBAGE, "server's answer is not an XMPP stream header: " + raw);
        }
        c.recordServerText(raw);
        streamScope = Map.copyOf(scope);
        return header;
      }
      if (pos < buf.length()) {
        throw garbage("server's answer is not an XMPP stream: " + head());
      }
      more("the stream header");
    }
  }

  /**
   * Reads the next element of the stream, with its children; an element named {@code /stream:stream} stands for the
   * server's closing tag.
   */
  XmppElement readElement() throws IOException {
    List<Frame> stack = new ArrayList<>();
    int start = -1;
    int count = 0;
    while (true) {
      if (stack.isEmpty()) {
        skipWhitespace();
      }
      if (pos >= buf.length()) {
        more(stack.isEmpty() ? "the next element" : "the end of <" + stack.get(0).tag.name + ">");
        continue;
      }
      if (buf.charAt(pos) != '<') {
        if (stack.isEmpty()) {
          throw garbage("server sent text where an XMPP element was expected: " + head());
        }
        int lt = buf.indexOf("<", pos);
        if (lt < 0) {
          more("the end of <" + stack.get(0).tag.name + ">");
          continue;
        }
        stack.get(stack.size() - 1).text.append(decode(buf.substring(pos, lt), pos));
        pos = lt;
        continue;
      }
      if (startsWith("<!") || startsWith("<?")) {
        throw garbage("a DOCTYPE, comment, CDATA section or processing instruction, which XMPP forbids"
            + " (RFC 6120 §11.1): " + head());
      }
      int end = tagEnd(pos);
      if (end < 0) {
        more(stack.isEmpty() ? "the next element" : "the end of <" + stack.get(0).tag.name + ">");
        continue;
      }
      if (start < 0) {
        start = pos;
      }
      if (buf.charAt(pos + 1) == '/') {
        String name = buf.substring(pos + 2, end).trim();
        if (stack.isEmpty()) {
          String raw = buf.substring(pos, end + 1);
          consume(end + 1);
          c.recordServerText(raw);
          return new XmppElement("/" + name, resolve(name, streamScope), Map.of(), List.of(), "", raw);
        }
        Frame open = stack.remove(stack.size() - 1);
        if (!open.tag.name.equals(name)) {
          throw garbage("server closed <" + open.tag.name + "> with </" + name + ">");
        }
        pos = end + 1;
        XmppElement done = open.element(stack.isEmpty() ? buf.substring(start, pos) : "");
        if (stack.isEmpty()) {
          return finish(done);
        }
        stack.get(stack.size() - 1).children.add(done);
        continue;
      }
      if (++count > MAX_CHILDREN) {
        throw c.fail(Reason.TOO_MUCH, "server sent an element with more than " + MAX_CHILDREN + " children");
      }
      Map<String, String> scope = new HashMap<>(stack.isEmpty() ? streamScope : stack.get(stack.size() - 1).scope);
      Tag tag = tag(pos, end, scope);
      pos = end + 1;
      Frame frame = new Frame(tag, scope);
      if (tag.selfClosing) {
        XmppElement done = frame.element(stack.isEmpty() ? buf.substring(start, pos) : "");
        if (stack.isEmpty()) {
          return finish(done);
        }
        stack.get(stack.size() - 1).children.add(done);
      } else {
        if (stack.size() >= MAX_DEPTH) {
          throw c.fail(Reason.TOO_MUCH, "server nested elements more than " + MAX_DEPTH + " deep");
        }
        stack.add(frame);
      }
    }
  }

  /** Characters received but not yet read as elements (after {@code <proceed/>}: not XMPP's any more). */
  String unread() {
    return buf.substring(pos);
  }

  private XmppElement finish(XmppElement done) {
    consume(pos);
    c.recordServerText(done.raw());
    return done;
  }

  private record Tag(String name, Map<String, String> attributes, boolean selfClosing) {}

  /** An element being read: its tag, the namespaces in scope, its children and text so far. */
  private final class Frame {
    final Tag tag;
    final Map<String, String> scope;
    final List<XmppElement> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    Frame(Tag tag, Map<String, String> scope) {
      this.tag = tag;
      this.scope = scope;
    }

    XmppElement element(String raw) throws StartTlsException {
      return new XmppElement(tag.name, resolve(tag.name, scope), tag.attributes, children, text.toString().trim(), raw);
    }
  }

  /** The index of the {@code >} that ends the tag starting at {@code from}, quote-aware; -1 when not yet received. */
  private int tagEnd(int from) throws StartTlsException {
    char quote = 0;
    for (int i = from + 1; i < buf.length(); i++) {
      char ch = buf.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else if (ch == '<') {
          throw garbage("a '<' inside an attribute value: " + head());
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '>') {
        return i;
      } else if (ch == '<') {
        throw garbage("a tag that does not end before the next '<': " + head());
      }
    }
    return -1;
  }

  /** Splits {@code <name a='1' b="2"/>} (from {@code <} to {@code >}) and adds its xmlns declarations to scope. */
  private Tag tag(int from, int end, Map<String, String> scope) throws StartTlsException {
    String inside = buf.substring(from + 1, end);
    boolean selfClosing = inside.endsWith("/");
    if (selfClosing) {
      inside = inside.substring(0, inside.length() - 1);
    }
    int i = 0;
    while (i < inside.length() && !Character.isWhitespace(inside.charAt(i))) {
      i++;
    }
    String name = inside.substring(0, i);
    if (name.isEmpty()) {
      throw garbage("a tag without a name at offset " + from + ": " + head());
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    while (true) {
      while (i < inside.length() && Character.isWhitespace(inside.charAt(i))) {
        i++;
      }
      if (i >= inside.length()) {
        break;
      }
      int eq = inside.indexOf('=', i);
      if (eq < 0) {
        throw garbage("an attribute without a value in <" + name + "> at offset " + (from + 1 + i));
      }
      String attribute = inside.substring(i, eq).trim();
      int q = eq + 1;
      while (q < inside.length() && Character.isWhitespace(inside.charAt(q))) {
        q++;
      }
      char quote = q < inside.length() ? inside.charAt(q) : 0;
      int close = quote == '\'' || quote == '"' ? inside.indexOf(quote, q + 1) : -1;
      if (attribute.isEmpty() || close < 0) {
        throw garbage("a malformed attribute in <" + name + "> at offset " + (from + 1 + i));
      }
      if (attributes.put(attribute, decode(inside.substring(q + 1, close), from + 2 + q)) != null) {
        throw garbage("attribute " + attribute + " twice in <" + name + ">");
      }
      i = close + 1;
    }
    attributes.forEach((k, v) -> {
      if (k.equals("xmlns")) {
        scope.put("", v);
      } else if (k.startsWith("xmlns:")) {
        scope.put(k.substring(6), v);
      }
    });
    return new Tag(name, attributes, selfClosing);
  }

  private String resolve(String name, Map<String, String> scope) throws StartTlsException {
    int colon = name.indexOf(':');
    String prefix = colon < 0 ? "" : name.substring(0, colon);
    String ns = scope.get(prefix);
    if (ns == null && !prefix.isEmpty()) {
      throw garbage("element <" + name + "> uses the undeclared prefix " + prefix);
    }
    return ns == null ? "" : ns;
  }

  /** Decodes the five predefined entities and character references; any other entity is garbage. */
  private String decode(String s, int offset) throws StartTlsException {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch != '&') {
        sb.append(ch);
        continue;
      }
      int semi = s.indexOf(';', i);
      String entity = semi < 0 ? s.substring(i) : s.substring(i + 1, semi);
      switch (entity) {
        case "lt" -> sb.append('<');
        case "gt" -> sb.append('>');
        case "amp" -> sb.append('&');
        case "quot" -> sb.append('"');
        case "apos" -> sb.append('\'');
        default -> {
          int cp = semi < 0 ? -1 : characterReference(entity);
          if (cp < 0) {
            throw garbage("an entity XMPP does not allow (only the predefined ones, RFC 6120 §11.1): &"
                + (semi < 0 ? entity : entity + ";") + " at offset " + (offset + i));
          }
          sb.appendCodePoint(cp);
        }
      }
      i = semi;
    }
    return sb.toString();
  }

  private static int characterReference(String entity) {
    try {
      int cp = entity.startsWith("#x") ? Integer.parseInt(entity.substring(2), 16)
          : entity.startsWith("#") ? Integer.parseInt(entity.substring(1)) : -1;
      return cp >= 0 && Character.isValidCodePoint(cp) ? cp : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void skipWhitespace() {
    while (pos < buf.length() && Character.isWhitespace(buf.charAt(pos))) {
      pos++;
    }
  }

  private boolean startsWith(String s) {
    return buf.length() - pos >= s.length() && s.contentEquals(buf.subSequence(pos, pos + s.length()));
  }

  private void consume(int upTo) {
    buf.delete(0, upTo);
    pos = 0;
  }

  /** Reads more from the server, at most {@link #MAX_ELEMENT_CHARS} for one element. */
  private void more(String what) throws IOException {
    if (buf.length() >= MAX_ELEMENT_CHARS) {
      throw c.fail(Reason.TOO_MUCH, "server sent more than " + MAX_ELEMENT_CHARS + " characters without completing "
          + what + ": " + head(0));
    }
    byte[] bytes;
    try {
      bytes = c.readSome(MAX_ELEMENT_CHARS);
    } catch (StartTlsException e) {
      if (e.reason() != Reason.CLOSED || pos >= buf.length()) {
        throw e;
      }
      // the conversation has handed us its bytes already: quote the unfinished element ourselves
      throw new StartTlsException(Reason.CLOSED, e.getMessage() + "; its last characters were " + head(0), e.phase(),
          e);
    }
    ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length).put(pending).put(bytes).flip();
    CharBuffer out = CharBuffer.allocate(in.remaining());
    CoderResult result = decoder.decode(in, out, false);
    if (result.isError()) {
      try {
        result.throwException();
      } catch (CharacterCodingException e) {
        throw garbage("bytes that are not UTF-8 while we awaited " + what + ": " + Conversation.printable(bytes));
      }
    }
    pending = in.slice();
    buf.append(out.flip());
  }

  private String head() {
    return head(pos);
  }

  /** Up to 120 characters from {@code from}, control characters escaped. */
  private String head(int from) {
    String rest = buf.substring(from).stripLeading();
    String shown = Conversation.printable((rest.length() > 120 ? rest.substring(0, 120) : rest)
        .getBytes(StandardCharsets.UTF_8));
    return rest.length() > 120 ? shown + "…" : shown;
  }

  private StartTlsException garbage(String message) {
    return c.fail(Reason.GARBAGE, message);
  }
}
