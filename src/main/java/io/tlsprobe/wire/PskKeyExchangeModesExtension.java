package io.tlsprobe.wire;

import java.util.List;

/**
 * psk_key_exchange_modes (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.9">RFC 8446 section
 * 4.2.9</a>): 0 psk_ke, 1 psk_dhe_ke.
 *
 * <pre>{@code
 * new PskKeyExchangeModesExtension(List.of(1)).encodeData(); // 01 01
 * }</pre>
 *
 * @param modes mode code points in wire order
 */
public record PskKeyExchangeModesExtension(List<Integer> modes) implements Extension {
  public PskKeyExchangeModesExtension {
    modes = Codec.copyCodes(modes, 0xff, "mode");
  }

  @Override
  public int type() {
    return ExtensionTypes.PSK_KEY_EXCHANGE_MODES;
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().block8(w -> Codec.u8s(w, modes)).toByteArray();
  }

  /*
   * enum { psk_ke(0), psk_dhe_ke(1), (255) } PskKeyExchangeMode;
   * struct {
   *     PskKeyExchangeMode ke_modes<1..255>;
   * } PskKeyExchangeModes;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    String f = field + ".ke_modes";
    return new PskKeyExchangeModesExtension(Codec.u8s(r.block8(f, 1), f));
  }
}
