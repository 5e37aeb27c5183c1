package io.tlsprobe.wire;

/**
 * max_fragment_length (<a href="https://www.rfc-editor.org/rfc/rfc6066#section-4">RFC 6066 section 4</a>): 1 =
 * 2^9, 2 = 2^10, 3 = 2^11, 4 = 2^12 bytes.
 *
 * <pre>{@code
 * new MaxFragmentLengthExtension(4).maxFragmentBytes(); // 4096
 * }</pre>
 *
 * @param code the {@code MaxFragmentLength} code point
 */
public record MaxFragmentLengthExtension(int code) implements Extension {
  public MaxFragmentLengthExtension {
    if (code < 0 || code > 0xff) {
      throw new IllegalArgumentException("max_fragment_length " + code + " out of range");
    }
  }

  /** The fragment size the code stands for, or 0 for an unassigned code. */
  public int maxFragmentBytes() {
    return code >= 1 && code <= 4 ? 1 << (8 + code) : 0;
  }

  @Override
  public int type() {
    return ExtensionTypes.MAX_FRAGMENT_LENGTH;
  }

  @Override
  public byte[] encodeData() {
    return new byte[] {(byte) code};
  }

  /*
   * enum{
   *     2^9(1), 2^10(2), 2^11(3), 2^12(4), (255)
   * } MaxFragmentLength;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    return new MaxFragmentLengthExtension(r.u8(field + ".max_fragment_length"));
  }
}
