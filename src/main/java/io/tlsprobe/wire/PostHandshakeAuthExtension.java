package io.tlsprobe.wire;

import org.jspecify.annotations.Nullable;

/**
 * post_handshake_auth (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.6">RFC 8446 section 4.2.6</a>): an empty extension whose presence is the whole message.
 *
 * <pre>{@code
 * new PostHandshakeAuthExtension().encodeData().length; // 0
 * }</pre>
 */
public record PostHandshakeAuthExtension() implements Extension {
  @Override
  public int type() {
    return ExtensionTypes.POST_HANDSHAKE_AUTH;
  }

  @Override
  public byte[] encodeData() {
    return new byte[0];
  }

  /*
   * The "extension_data" field of this extension SHALL be empty.
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    return r.hasRemaining() ? null : new PostHandshakeAuthExtension();
  }
}
