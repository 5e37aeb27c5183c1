package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds wire bytes: big-endian integers and length-prefixed blocks whose length is filled in when the block is
 * closed. A value that does not fit its field is an {@link IllegalArgumentException} naming the value (encoding our
 * own values, so a programming error, not a peer's bad bytes).
 *
 * <pre>{@code
 * byte[] groups = new WireWriter()
 *     .block16(w -> w.u16(0x001d).u16(0x0017))
 *     .toByteArray(); // 00 04 00 1d 00 17
 * }</pre>
 */
public final class WireWriter {
  private byte[] buf = new byte[64];
  private int size;

  /** An empty writer. */
  public WireWriter() {}

  private void ensure(int n) {
    if (buf.length - size < n) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }

  private static void check(long value, long max, String what) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(what + " " + value + " out of range 0.." + max);
    }
  }

  /** One byte. */
  public WireWriter u8(int value) {
    check(value, 0xff, "uint8");
    ensure(1);
    buf[size++] = (byte) value;
    return this;
  }

  /** A big-endian uint16. */
  public WireWriter u16(int value) {
    check(value, 0xffff, "uint16");
    ensure(2);
    buf[size++] = (byte) (value >>> 8);
    buf[size++] = (byte) value;
    return this;
  }

  /** A big-endian uint24. */
  public WireWriter u24(int value) {
    check(value, 0xffffff, "uint24");
    ensure(3);
    buf[size++] = (byte) (value >>> 16);
    buf[size++] = (byte) (value >>> 8);
    buf[size++] = (byte) value;
    return this;
  }

  /** A big-endian uint32. */
  public WireWriter u32(long value) {
    check(value, 0xffffffffL, "uint32");
    ensure(4);
    buf[size++] = (byte) (value >>> 24);
    buf[size++] = (byte) (value >>> 16);
    buf[size++] = (byte) (value >>> 8);
    buf[size++] = (byte) value;
    return this;
  }

  /** Raw bytes. */
  public WireWriter bytes(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** Raw bytes. */
  public WireWriter bytes(Bytes bytes) {
    return bytes(bytes.toArray());
  }

  /** A block with a uint8 length prefix. */
  public WireWriter block8(Consumer<WireWriter> content) {
    return block(1, 0xff, content);
  }

  /** A block with a uint16 length prefix. */
  public WireWriter block16(Consumer<WireWriter> content) {
    return block(2, 0xffff, content);
  }

  /** A block with a uint24 length prefix. */
  public WireWriter block24(Consumer<WireWriter> content) {
    return block(3, 0xffffff, content);
  }

  /** {@code bytes} with a uint8 length prefix. */
  public WireWriter opaque8(Bytes bytes) {
    return block8(w -> w.bytes(bytes));
  }

  /** {@code bytes} with a uint16 length prefix. */
  public WireWriter opaque16(Bytes bytes) {
    return block16(w -> w.bytes(bytes));
  }

  /** {@code bytes} with a uint24 length prefix. */
  public WireWriter opaque24(Bytes bytes) {
    return block24(w -> w.bytes(bytes));
  }

  private WireWriter block(int prefix, int max, Consumer<WireWriter> content) {
    ensure(prefix);
    int at = size;
    size += prefix;
    content.accept(this);
    int length = size - at - prefix;
    if (length > max) {
      throw new IllegalArgumentException("block length " + length + " exceeds " + max);
    }
    for (int i = prefix - 1; i >= 0; i--) {
      buf[at + i] = (byte) (length >>> (8 * (prefix - 1 - i)));
    }
    return this;
  }

  /** Bytes written so far. */
  public int size() {
    return size;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
