package io.tlsprobe.starttls;

import io.tlsprobe.starttls.Ber.MalformedException;
import java.nio.charset.StandardCharsets;

/**
 * Reads BER (ITU-T X.690 §8) as RFC 4511 §5.1 restricts it for LDAP, by explicit bounds: every element's length is
 * checked against what is left of its enclosing element before anything is read, only definite lengths are accepted
 * (§8.1.3.6, the indefinite form, is refused), tags are single bytes (LDAP needs no tag above 30), lengths take at
 * most four bytes. Offsets in failures count from the first byte of the outermost element.
 *
 * <pre>
 * X.690 §8.1.2-3:  identifier octet: class (2 bits) | constructed (1 bit) | tag number (5 bits, 31 = more follow)
 *                  length: 0xxxxxxx (short form, 0..127) | 1nnnnnnn then n length octets (long form);
 *                  0x80 alone is the indefinite form, 0xFF is reserved
 * </pre>
 *
 * <pre>{@code
 * BerReader message = BerReader.of(bytes).enter(Ber.SEQUENCE, "LDAPMessage");
 * long id = message.integer(Ber.INTEGER, "messageID");
 * }</pre>
 */
final class BerReader {
  /** The most length octets accepted in the long form: four give 2^32-1, far past any bound we set. */
  static final int MAX_LENGTH_OCTETS = 4;

  private final byte[] data;
  private int pos;
  private final int limit;

  private BerReader(byte[] data, int pos, int limit) {
    this.data = data;
    this.pos = pos;
    this.limit = limit;
  }

  /** A reader over all of {@code bytes} (not copied: the caller does not change them). */
  static BerReader of(byte[] bytes) {
    return new BerReader(bytes, 0, bytes.length);
  }

  /** Whether bytes are left in this element. */
  boolean hasMore() {
    return pos < limit;
  }

  /** The next element's tag, without consuming it; -1 at the end. */
  int peekTag() {
    return pos < limit ? data[pos] & 0xFF : -1;
  }

  /** The offset of the next byte, from the outermost element's first byte. */
  int offset() {
    return pos;
  }

  /** Reads an element tagged {@code tag} and returns a reader over its contents. */
  BerReader enter(int tag, String what) throws MalformedException {
    int end = header(tag, what);
    BerReader inner = new BerReader(data, pos, end);
    pos = end;
    return inner;
  }

  /**
   * Reads an INTEGER or ENUMERATED (by {@code tag}) of one to eight content octets, two's complement (X.690 §8.3).
   */
  long integer(int tag, String what) throws MalformedException {
    int start = pos;
    int end = header(tag, what);
    int n = end - pos;
    if (n < 1 || n > 8) {
      throw new MalformedException(what + " has " + n + " content octets (1 to 8 expected)", start);
    }
    long value = data[pos]; // sign-extends the first octet
    for (int i = pos + 1; i < end; i++) {
      value = (value << 8) | (data[i] & 0xFF);
    }
    pos = end;
    return value;
  }

  /** Reads a primitive OCTET STRING (or an implicitly tagged one, by {@code tag}) and returns its contents. */
  byte[] octets(int tag, String what) throws MalformedException {
    int end = header(tag, what);
    byte[] out = new byte[end - pos];
    System.arraycopy(data, pos, out, 0, out.length);
    pos = end;
    return out;
  }

  /** {@link #octets} decoded as UTF-8 (LDAPString, RFC 4511 §4.1.2); malformed sequences become U+FFFD. */
  String string(int tag, String what) throws MalformedException {
    return new String(octets(tag, what), StandardCharsets.UTF_8);
  }

  /** Skips the next element, whatever its tag. */
  void skip(String what) throws MalformedException {
    pos = header(-1, what);
  }

  /** Fails when bytes are left after the last expected element. */
  void expectEnd(String what) throws MalformedException {
    if (pos < limit) {
      throw new MalformedException((limit - pos) + " unexpected bytes after " + what, pos);
    }
  }

  /**
   * Reads one element's identifier and length, checks the tag (unless {@code expectedTag} is -1) and that the contents
   * fit in this element; leaves {@link #pos} at the first content octet and returns the offset after the contents.
   */
  private int header(int expectedTag, String what) throws MalformedException {
    int start = pos;
    if (pos >= limit) {
      throw new MalformedException(what + " is missing: its enclosing element ended", start);
    }
    int tag = data[pos] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      throw new MalformedException(what + " has a multi-byte tag " + Ber.hex(tag) + " (LDAP uses none)", start);
    }
    if (expectedTag >= 0 && tag != expectedTag) {
      throw new MalformedException(what + " expected with tag " + Ber.hex(expectedTag) + ", found " + Ber.hex(tag),
          start);
    }
    pos++;
    int length = readLength(what, start);
    if (length > limit - pos) {
      throw new MalformedException(what + " claims " + length + " bytes but only " + (limit - pos) + " are left",
          start);
    }
    return pos + length;
  }

  private int readLength(String what, int start) throws MalformedException {
    if (pos >= limit) {
      throw new MalformedException(what + " has no length octet", start);
    }
    int first = data[pos++] & 0xFF;
    if (first < 0x80) {
      return first;
    }
    if (first == 0x80) {
      throw new MalformedException(what + " uses the indefinite length form (RFC 4511 §5.1 forbids it)", start);
    }
    int octets = first & 0x7F;
    if (octets > MAX_LENGTH_OCTETS) {
      throw new MalformedException(what + " has a length of " + octets + " octets (at most " + MAX_LENGTH_OCTETS
          + " accepted)", start);
    }
    if (octets > limit - pos) {
      throw new MalformedException(what + "'s length octets run past its enclosing element", start);
    }
    long length = 0;
    for (int i = 0; i < octets; i++) {
      length = (length << 8) | (data[pos++] & 0xFF);
    }
    if (length > Integer.MAX_VALUE) {
      throw new MalformedException(what + " claims " + length + " bytes", start);
    }
    return (int) length;
  }

  /**
   * The total size of the element whose identifier and length octets begin {@code head} (tag, then the first length
   * octet, then any long-form octets), or -1 when {@code head} does not yet hold all the length octets. Used to frame
   * a message on the wire before reading its contents.
   *
   * @throws MalformedException for the indefinite form, a multi-byte tag or more than {@link #MAX_LENGTH_OCTETS}
   */
  static long elementSize(byte[] head, int count) throws MalformedException {
    if (count < 2) {
      return -1;
    }
    if ((head[0] & 0x1F) == 0x1F) {
      throw new MalformedException("the message has a multi-byte tag " + Ber.hex(head[0] & 0xFF), 0);
    }
    int first = head[1] & 0xFF;
    if (first < 0x80) {
      return 2 + first;
    }
    if (first == 0x80) {
      throw new MalformedException("the message uses the indefinite length form (RFC 4511 §5.1 forbids it)", 0);
    }
    int octets = first & 0x7F;
    if (octets > MAX_LENGTH_OCTETS) {
      throw new MalformedException("the message has a length of " + octets + " octets (at most "
          + MAX_LENGTH_OCTETS + " accepted)", 1);
    }
    if (count < 2 + octets) {
      return -1;
    }
    long length = 0;
    for (int i = 0; i < octets; i++) {
      length = (length << 8) | (head[2 + i] & 0xFF);
    }
    return 2 + octets + length;
  }
}
