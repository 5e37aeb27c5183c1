package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes with value equality, so that wire records holding opaque fields (random, session id,
 * key share, unparsed extension bodies) compare by content.
 *
 * <pre>{@code
 * Bytes id = Bytes.ofHex("0a0b0c");
 * id.length();   // 3
 * id.toHex();    // "0a0b0c"
 * id.equals(Bytes.of(new byte[] {10, 11, 12})); // true
 * }</pre>
 */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Bytes of(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static Bytes of(byte[] bytes, int offset, int length) {
    requireNonNull(bytes, "bytes");
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** Parses lower- or upper-case hex digits (no separators). */
  public static Bytes ofHex(String hex) {
    requireNonNull(hex, "hex");
    return of(HEX.parseHex(hex));
  }

  /** No bytes. */
  public static Bytes empty() {
    return EMPTY;
  }

  public int length() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** The byte at {@code index} as an unsigned value 0–255. */
  public int get(int index) {
    return bytes[index] & 0xff;
  }

  /** A copy of the bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** Lower-case hex, no separators. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Hex, shortened in the middle past 64 bytes, with the length. */
  @Override
  public String toString() {
    String hex = bytes.length <= 64
        ? toHex()
        : HEX.formatHex(bytes, 0, 32) + "…" + HEX.formatHex(bytes, bytes.length - 8, bytes.length);
    return "[" + bytes.length + " bytes " + hex + "]";
  }
}
