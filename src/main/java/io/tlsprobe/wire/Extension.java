package io.tlsprobe.wire;

/**
 * One hello extension (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2">RFC 8446 section 4.2</a>):
 *
 * <pre>
 * struct {
 *     ExtensionType extension_type;
 *     opaque extension_data&lt;0..2^16-1&gt;;
 * } Extension;
 * </pre>
 *
 * <p>Every extension commonly seen is decoded to a typed record of this package (named {@code …Extension}); any other (and any
 * whose typed form would not re-encode to the same bytes) is an {@link RawExtension}. Decoding then encoding gives
 * back the same bytes.
 */
public interface Extension {
  /** The {@code extension_type} code point. */
  int type();

  /** {@code extension_data} as it goes on the wire (without type and length). */
  byte[] encodeData();
}
