package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * One key share (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.8">RFC 8446 section 4.2.8</a>):
 *
 * <pre>
 * struct {
 *     NamedGroup group;
 *     opaque key_exchange&lt;1..2^16-1&gt;;
 * } KeyShareEntry;
 * </pre>
 *
 * <pre>{@code
 * new KeyShareEntry(0x001d, Bytes.of(new byte[32])); // an x25519 share
 * }</pre>
 *
 * @param group the named group code point
 * @param keyExchange the public key bytes
 */
public record KeyShareEntry(int group, Bytes keyExchange) {
  public KeyShareEntry {
    requireNonNull(keyExchange, "keyExchange");
    if (group < 0 || group > 0xffff) {
      throw new IllegalArgumentException("group " + group + " out of range");
    }
  }

  void encode(WireWriter w) {
    w.u16(group).opaque16(keyExchange);
  }

  static KeyShareEntry decode(WireReader r, String field) {
    int group = r.u16(field + ".group");
    return new KeyShareEntry(group, r.block16(field + ".key_exchange", 1).rest());
  }
}
