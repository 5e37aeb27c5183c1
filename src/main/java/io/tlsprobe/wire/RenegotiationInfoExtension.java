package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * renegotiation_info (<a href="https://www.rfc-editor.org/rfc/rfc5746#section-3.2">RFC 5746 section 3.2</a>):
 * empty on an initial handshake, the previous verify_data on a renegotiation.
 *
 * <pre>{@code
 * new RenegotiationInfoExtension(Bytes.empty()).encodeData(); // 00
 * }</pre>
 *
 * @param renegotiatedConnection {@code renegotiated_connection}
 */
public record RenegotiationInfoExtension(Bytes renegotiatedConnection) implements Extension {
  public RenegotiationInfoExtension {
    requireNonNull(renegotiatedConnection, "renegotiatedConnection");
  }

  @Override
  public int type() {
    return ExtensionTypes.RENEGOTIATION_INFO;
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().opaque8(renegotiatedConnection).toByteArray();
  }

  /*
   * struct {
   *     opaque renegotiated_connection<0..255>;
   * } RenegotiationInfo;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    return new RenegotiationInfoExtension(r.block8(field + ".renegotiated_connection", 0).rest());
  }
}
