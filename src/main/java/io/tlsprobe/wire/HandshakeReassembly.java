package io.tlsprobe.wire;

import java.util.Arrays;

/** Handshake bytes gathered from several records, each remembering its input offset. */
final class HandshakeReassembly {
  private byte[] data = new byte[0];
  private int[] offsets = new int[0];
  private int size;
  private int expected;

  int size() {
    return size;
  }

  int expected() {
    return expected;
  }

  void expect(int total) {
    expected = total;
  }

  void append(byte[] in, int at, int length) {
    if (data.length - size < length) {
      int capacity = Math.max(size + length, Math.min(data.length * 2, TlsDecoder.MAX_HANDSHAKE_MESSAGE + 4));
      data = Arrays.copyOf(data, capacity);
      offsets = Arrays.copyOf(offsets, capacity);
    }
    System.arraycopy(in, at, data, size, length);
    for (int i = 0; i < length; i++) {
      offsets[size + i] = at + i;
    }
    size += length;
  }

  int byteAt(int i) {
    return data[i] & 0xff;
  }

  int offsetOf(int i) {
    return offsets[i];
  }

  int startOffset() {
    return size == 0 ? 0 : offsets[0];
  }

  WireReader reader(int from, int to) {
    return WireReader.mapped(data, from, to, offsets);
  }

  void drop(int n) {
    System.arraycopy(data, n, data, 0, size - n);
    System.arraycopy(offsets, n, offsets, 0, size - n);
    size -= n;
    if (size == 0 && data.length > 1 << 16) {
      data = new byte[0];
      offsets = new int[0];
    }
  }
}
