package io.tlsprobe.wire;

import java.util.List;

/**
 * psk_key_exchange_modes (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.9">RFC 8446 section
 * 4.2.9</a>): 0 psk_ke, 1 psk_dhe_ke.
 *
 * <pre>{@code
 * new PskKeyExchangeModesExtension(List.of(1)).encodeData(); // 01 01
 * PskKeyExchangeModesExtension.name(1);                         // "psk_dhe_ke"
 * }</pre>
 *
 * @param modes mode code points in wire order
 */
public record PskKeyExchangeModesExtension(List<Integer> modes) implements Extension {
  public PskKeyExchangeModesExtension {
    modes = Codec.copyCodes(modes, 0xff, "mode");
  }

  /** The RFC 8446 section 4.2.9 name of a mode: {@code psk_ke}, {@code psk_dhe_ke}, else {@code unknown(0x..)}. */
  public static String name(int mode) {
    return switch (mode) {
      case 0 -> "psk_ke";
      case 1 -> "psk_dhe_ke";
      default -> String.format("unknown(0x%02x)", mode);
    };
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
