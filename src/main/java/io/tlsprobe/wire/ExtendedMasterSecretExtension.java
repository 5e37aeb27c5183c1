package io.tlsprobe.wire;

import org.jspecify.annotations.Nullable;

/**
 * extended_master_secret (<a href="https://www.rfc-editor.org/rfc/rfc7627#section-5.1">RFC 7627 section 5.1</a>): an empty extension whose presence is the whole message.
 *
 * <pre>{@code
 * new ExtendedMasterSecretExtension().encodeData().length; // 0
 * }</pre>
 */
public record ExtendedMasterSecretExtension() implements Extension {
  @Override
  public int type() {
    return ExtensionTypes.EXTENDED_MASTER_SECRET;
  }

  @Override
  public byte[] encodeData() {
    return new byte[0];
  }

  /*
   * The "extension_data" field of this extension SHALL be empty.
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    return r.hasRemaining() ? null : new ExtendedMasterSecretExtension();
  }
}
