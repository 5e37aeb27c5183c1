package io.tlsprobe.wire;

import java.util.List;

/**
 * ec_point_formats (<a href="https://www.rfc-editor.org/rfc/rfc8422#section-5.1.2">RFC 8422 section 5.1.2</a>):
 * the elliptic-curve point formats supported (0 uncompressed, 1 ansiX962_compressed_prime, 2 …_char2).
 *
 * <pre>{@code
 * new EcPointFormatsExtension(List.of(0)).encodeData(); // 01 00
 * EcPointFormatsExtension.name(1);                         // "ansiX962_compressed_prime"
 * }</pre>
 *
 * @param formats point format code points in wire order
 */
public record EcPointFormatsExtension(List<Integer> formats) implements Extension {
  public EcPointFormatsExtension {
    formats = Codec.copyCodes(formats, 0xff, "point format");
  }

  /**
   * The RFC 8422 section 5.1.2 name of a point format: {@code uncompressed}, {@code ansiX962_compressed_prime},
   * {@code ansiX962_compressed_char2}, else {@code unknown(0x..)}.
   */
  public static String name(int format) {
    return switch (format) {
      case 0 -> "uncompressed";
      case 1 -> "ansiX962_compressed_prime";
      case 2 -> "ansiX962_compressed_char2";
      default -> String.format("unknown(0x%02x)", format);
    };
  }

  @Override
  public int type() {
    return ExtensionTypes.EC_POINT_FORMATS;
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().block8(w -> Codec.u8s(w, formats)).toByteArray();
  }

  /*
   * struct {
   *     ECPointFormat ec_point_format_list<1..2^8-1>
   * } ECPointFormatList;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    String f = field + ".ec_point_format_list";
    return new EcPointFormatsExtension(Codec.u8s(r.block8(f, 1), f));
  }
}
