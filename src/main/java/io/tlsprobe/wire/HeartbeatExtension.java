package io.tlsprobe.wire;

/**
 * heartbeat (<a href="https://www.rfc-editor.org/rfc/rfc6520#section-2">RFC 6520 section 2</a>): 1
 * peer_allowed_to_send, 2 peer_not_allowed_to_send.
 *
 * <pre>{@code
 * new HeartbeatExtension(1).encodeData(); // 01
 * }</pre>
 *
 * @param mode the {@code HeartbeatMode}
 */
public record HeartbeatExtension(int mode) implements Extension {
  public HeartbeatExtension {
    if (mode < 0 || mode > 0xff) {
      throw new IllegalArgumentException("heartbeat mode " + mode + " out of range");
    }
  }

  @Override
  public int type() {
    return ExtensionTypes.HEARTBEAT;
  }

  @Override
  public byte[] encodeData() {
    return new byte[] {(byte) mode};
  }

  /*
   * enum { peer_allowed_to_send(1), peer_not_allowed_to_send(2), (255) } HeartbeatMode;
   * struct {
   *     HeartbeatMode mode;
   * } HeartbeatExtension;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    return new HeartbeatExtension(r.u8(field + ".mode"));
  }
}
