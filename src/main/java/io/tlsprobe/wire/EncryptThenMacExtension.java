package io.tlsprobe.wire;

import org.jspecify.annotations.Nullable;

/**
 * encrypt_then_mac (<a href="https://www.rfc-editor.org/rfc/rfc7366#section-2">RFC 7366 section 2</a>): an empty extension whose presence is the whole message.
 *
 * <pre>{@code
 * new EncryptThenMacExtension().encodeData().length; // 0
 * }</pre>
 */
public record EncryptThenMacExtension() implements Extension {
  @Override
  public int type() {
    return ExtensionTypes.ENCRYPT_THEN_MAC;
  }

  @Override
  public byte[] encodeData() {
    return new byte[0];
  }

  /*
   * The "extension_data" field of this extension SHALL be empty.
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    return r.hasRemaining() ? null : new EncryptThenMacExtension();
  }
}
