package io.tlsprobe;

/**
 * GREASE values (<a href="https://www.rfc-editor.org/rfc/rfc8701">RFC 8701</a>): code points a client sends at random
 * to keep servers tolerant of unknown values. They are never negotiated, and fingerprints (JA3, JA4) drop them.
 *
 * <pre>{@code
 * Grease.isGrease(0x0a0a); // true: reserved in cipher suites, groups, extensions, versions, signature schemes
 * Grease.isGrease(0x1301); // false
 * }</pre>
 */
public final class Grease {
  private Grease() {}

  /**
   * Whether a 16-bit code point (cipher suite, extension type, named group, signature scheme, protocol version) is
   * one of the sixteen GREASE values {@code 0x0A0A, 0x1A1A, …, 0xFAFA} (RFC 8701 section 2).
   */
  public static boolean isGrease(int codePoint) {
    return (codePoint & 0x0f0f) == 0x0a0a && (codePoint >> 8) == (codePoint & 0xff) && codePoint <= 0xffff;
  }

  /** Whether an ALPN protocol identifier is a GREASE value: one byte {@code 0x?A} (RFC 8701 section 2). */
  public static boolean isGreaseAlpn(byte[] protocol) {
    return protocol.length == 1 && (protocol[0] & 0x0f) == 0x0a;
  }
}
