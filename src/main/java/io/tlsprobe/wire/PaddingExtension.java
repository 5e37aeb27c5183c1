package io.tlsprobe.wire;

import org.jspecify.annotations.Nullable;

/**
 * padding (<a href="https://www.rfc-editor.org/rfc/rfc7685#section-3">RFC 7685 section 3</a>): zero bytes that
 * grow a ClientHello past sizes some middleboxes choke on. Padding that is not all zero stays a
 * {@link RawExtension}.
 *
 * <pre>{@code
 * new PaddingExtension(3).encodeData(); // 00 00 00
 * }</pre>
 *
 * @param length the number of zero bytes
 */
public record PaddingExtension(int length) implements Extension {
  public PaddingExtension {
    if (length < 0 || length > 0xffff) {
      throw new IllegalArgumentException("padding length " + length + " out of range 0..65535");
    }
  }

  @Override
  public int type() {
    return ExtensionTypes.PADDING;
  }

  @Override
  public byte[] encodeData() {
    return new byte[length];
  }

  /*
   * The "extension_data" for the extension consists of an arbitrary number of zero bytes.
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    Bytes data = r.rest();
    for (int i = 0; i < data.length(); i++) {
      if (data.get(i) != 0) {
        return null;
      }
    }
    return new PaddingExtension(data.length());
  }
}
