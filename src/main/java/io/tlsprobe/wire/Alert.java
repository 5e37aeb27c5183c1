package io.tlsprobe.wire;

/**
 * An alert (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-6">RFC 8446 section 6</a>):
 *
 * <pre>
 * enum { warning(1), fatal(2), (255) } AlertLevel;
 * struct {
 *     AlertLevel level;
 *     AlertDescription description;
 * } Alert;
 * </pre>
 *
 * <pre>{@code
 * Alert.decode(new byte[] {2, 40}); // Alert[level=2, description=40]: fatal handshake_failure
 * }</pre>
 *
 * @param level 1 warning, 2 fatal
 * @param description the alert description code point
 */
public record Alert(int level, int description) {
  /** AlertLevel warning. */
  public static final int WARNING = 1;
  /** AlertLevel fatal. */
  public static final int FATAL = 2;

  public Alert {
    if (level < 0 || level > 0xff || description < 0 || description > 0xff) {
      throw new IllegalArgumentException("alert " + level + "/" + description + " out of range");
    }
  }

  /** Whether the level is fatal. */
  public boolean isFatal() {
    return level == FATAL;
  }

  /** The two alert bytes. */
  public byte[] encode() {
    return new byte[] {(byte) level, (byte) description};
  }

  /** Decodes exactly two bytes. */
  public static Alert decode(byte[] bytes) {
    WireReader r = new WireReader(bytes);
    Alert alert = decode(r);
    r.expectEnd("Alert");
    return alert;
  }

  static Alert decode(WireReader r) {
    int at = r.offset();
    int level = r.u8("Alert.level");
    int description = r.u8("Alert.description");
    if (level != WARNING && level != FATAL) {
      throw WireReader.errorAt("Alert.level", at, "level " + level + " is neither warning (1) nor fatal (2)");
    }
    return new Alert(level, description);
  }
}
