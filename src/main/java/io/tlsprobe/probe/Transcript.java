package io.tlsprobe.probe;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes that crossed one direction of a connection before the handshake ended, kept up to {@link #LIMIT}; what
 * comes after is counted but dropped.
 */
final class Transcript {
  /** The most bytes kept per direction: ample for hellos and certificate chains. */
  static final int LIMIT = 256 * 1024;

  private byte[] bytes = new byte[4096];
  private int length;
  private long total;

  /** Appends the bytes between {@code from}'s position and limit, leaving {@code from} untouched. */
  void append(ByteBuffer from) {
    ByteBuffer view = from.duplicate();
    int n = view.remaining();
    total += n;
    int keep = Math.min(n, LIMIT - length);
    if (keep <= 0) {
      return;
    }
    if (length + keep > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(LIMIT, Math.max(bytes.length * 2, length + keep)));
    }
    view.get(bytes, length, keep);
    length += keep;
  }

  void append(byte[] data) {
    append(ByteBuffer.wrap(data));
  }

  /** A copy of the first {@code n} bytes kept (fewer when fewer are kept). */
  byte[] head(int n) {
    return Arrays.copyOf(bytes, Math.min(n, length));
  }

  /** The byte at {@code index} (0-255), which must be below {@link #length()}. */
  int byteAt(int index) {
    if (index >= length) {
      throw new IndexOutOfBoundsException(index);
    }
    return bytes[index] & 0xff;
  }

  /** A copy of the bytes kept. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  /** How many bytes are kept. */
  int length() {
    return length;
  }

  /** How many bytes crossed, kept or not. */
  long total() {
    return total;
  }

  boolean isEmpty() {
    return total == 0;
  }

  /** Whether bytes were dropped for the limit. */
  boolean truncated() {
    return total > length;
  }
}
