package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A bounds-checked cursor over bytes being decoded. Every read checks that the bytes are there first and fails with
 * a {@link TlsDecodeException} naming the field and the absolute offset (from the start of the input handed to the
 * decoder), never with an index exception; lengths read from the wire are checked before anything is allocated.
 *
 * <pre>{@code
 * WireReader r = new WireReader(new byte[] {0x03, 0x03, 0x00});
 * r.u16("ClientHello.legacy_version"); // 0x0303
 * r.u16("ClientHello.random");         // throws TlsDecodeException: needs 2 bytes, 1 left at offset 2
 * }</pre>
 *
 * <p>The array is read in place: it must not change while the reader is in use.
 */
public final class WireReader {
  private final byte[] buf;
  private final int limit;
  private final int base;
  private final int @Nullable [] map;
  private int pos;

  /** A reader over all of {@code bytes}, whose first byte is at offset 0. */
  public WireReader(byte[] bytes) {
    this(bytes, 0);
  }

  /** A reader over all of {@code bytes}, whose first byte is at absolute offset {@code baseOffset}. */
  public WireReader(byte[] bytes, int baseOffset) {
    this(requireNonNull(bytes, "bytes"), 0, bytes.length, baseOffset, null);
  }

  private WireReader(byte[] buf, int pos, int limit, int base, int @Nullable [] map) {
    this.buf = buf;
    this.pos = pos;
    this.limit = limit;
    this.base = base;
    this.map = map;
  }

  /**
   * A reader over {@code buf[from, to)} whose byte {@code i} came from input offset {@code map[i]} (used when a
   * handshake message was reassembled from several records).
   */
  static WireReader mapped(byte[] buf, int from, int to, int[] map) {
    return new WireReader(buf, from, to, 0, map);
  }

  /** An independent reader at the same position over the same bytes. */
  WireReader copy() {
    return new WireReader(buf, pos, limit, base, map);
  }

  /** The absolute offset of the next byte to read. */
  public int offset() {
    return absolute(pos);
  }

  private int absolute(int index) {
    if (map == null) {
      return base + index;
    }
    if (index < limit) {
      return map[index];
    }
    return limit == 0 ? 0 : map[limit - 1] + (index - limit) + 1;
  }

  /** Bytes left to read. */
  public int remaining() {
    return limit - pos;
  }

  /** Whether any bytes are left. */
  public boolean hasRemaining() {
    return pos < limit;
  }

  private void need(int n, String field) {
    if (limit - pos < n) {
      throw error(field, "needs " + n + " byte" + (n == 1 ? "" : "s") + ", " + (limit - pos) + " left");
    }
  }

  /** An unsigned 8-bit integer. */
  public int u8(String field) {
    need(1, field);
    return buf[pos++] & 0xff;
  }

  /** An unsigned 16-bit big-endian integer. */
  public int u16(String field) {
    need(2, field);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  /** An unsigned 24-bit big-endian integer. */
  public int u24(String field) {
    need(3, field);
    int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
    pos += 3;
    return v;
  }

  /** An unsigned 32-bit big-endian integer. */
  public long u32(String field) {
    need(4, field);
    long v = ((long) (buf[pos] & 0xff) << 24)
        | ((buf[pos + 1] & 0xff) << 16)
        | ((buf[pos + 2] & 0xff) << 8)
        | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** The next {@code length} bytes. */
  public Bytes bytes(int length, String field) {
    if (length < 0) {
      throw error(field, "negative length " + length);
    }
    need(length, field);
    Bytes b = Bytes.of(buf, pos, length);
    pos += length;
    return b;
  }

  /** All remaining bytes. */
  public Bytes rest() {
    return bytes(remaining(), "rest");
  }

  /** The remaining bytes, without moving. */
  public Bytes peekRest() {
    return Bytes.of(buf, pos, limit - pos);
  }

  /** A reader over the next {@code length} bytes; this reader moves past them. */
  public WireReader sub(int length, String field) {
    if (length < 0) {
      throw error(field, "negative length " + length);
    }
    need(length, field);
    WireReader r = new WireReader(buf, pos, pos + length, base, map);
    pos += length;
    return r;
  }

  /** A reader over a block with a uint8 length prefix of at least {@code min} bytes. */
  public WireReader block8(String field, int min) {
    return block8(field, min, 1);
  }

  /** A reader over a block with a uint16 length prefix of at least {@code min} bytes. */
  public WireReader block16(String field, int min) {
    return block16(field, min, 1);
  }

  /** A reader over a block with a uint24 length prefix of at least {@code min} bytes. */
  public WireReader block24(String field, int min) {
    return block(field, 3, min, 1);
  }

  /**
   * A reader over a block with a uint8 length prefix of at least {@code min} bytes, the length a multiple of
   * {@code unit} (the size of the list's elements).
   */
  public WireReader block8(String field, int min, int unit) {
    return block(field, 1, min, unit);
  }

  /**
   * A reader over a block with a uint16 length prefix of at least {@code min} bytes, the length a multiple of
   * {@code unit} (2 for a list of uint16 code points).
   */
  public WireReader block16(String field, int min, int unit) {
    return block(field, 2, min, unit);
  }

  private WireReader block(String field, int prefix, int min, int unit) {
    int at = offset();
    int length = switch (prefix) {
      case 1 -> u8(field);
      case 2 -> u16(field);
      default -> u24(field);
    };
    if (length < min) {
      throw errorAt(field, at, "length " + length + " is below the minimum " + min);
    }
    if (length % unit != 0) {
      throw errorAt(field, at, "length " + length + (unit == 2 ? " is odd" : " is not a multiple of " + unit));
    }
    if (length > remaining()) {
      throw errorAt(field, at, "length " + length + " exceeds the " + remaining() + " bytes left");
    }
    return sub(length, field);
  }

  /** Fails when bytes are left. */
  public void expectEnd(String field) {
    if (hasRemaining()) {
      throw error(field, remaining() + " unexpected trailing byte" + (remaining() == 1 ? "" : "s"));
    }
  }

  /** An exception for {@code field} at the current offset. */
  public TlsDecodeException error(String field, String problem) {
    return new TlsDecodeException(field, offset(), problem);
  }

  /** An exception for {@code field} at an absolute offset. */
  public static TlsDecodeException errorAt(String field, int offset, String problem) {
    return new TlsDecodeException(field, offset, problem);
  }
}
