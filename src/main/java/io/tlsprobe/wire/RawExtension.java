package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * An extension kept as its type and bytes: every type the codec has no typed record for (GREASE included), and any
 * known one whose bytes a typed record would not re-encode identically (trailing bytes, unusual but legal shapes).
 *
 * <pre>{@code
 * new RawExtension(0x0a0a, Bytes.empty()); // a GREASE extension
 * }</pre>
 *
 * @param type the extension type code point
 * @param data {@code extension_data} as on the wire
 */
public record RawExtension(int type, Bytes data) implements Extension {
  public RawExtension {
    requireNonNull(data, "data");
    if (type < 0 || type > 0xffff) {
      throw new IllegalArgumentException("extension type " + type + " out of range");
    }
  }

  @Override
  public byte[] encodeData() {
    return data.toArray();
  }
}
