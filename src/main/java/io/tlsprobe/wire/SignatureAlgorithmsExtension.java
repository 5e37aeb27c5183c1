package io.tlsprobe.wire;

import java.util.List;

/**
 * signature_algorithms or signature_algorithms_cert (<a
 * href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.3">RFC 8446 section 4.2.3</a>): the signature schemes
 * a peer accepts, in preference order. One record for both; {@link #type()} tells which.
 *
 * <pre>{@code
 * new SignatureAlgorithmsExtension(ExtensionTypes.SIGNATURE_ALGORITHMS, List.of(0x0403, 0x0804));
 * }</pre>
 *
 * @param type {@link ExtensionTypes#SIGNATURE_ALGORITHMS} or {@link ExtensionTypes#SIGNATURE_ALGORITHMS_CERT}
 * @param schemes signature scheme code points in wire order
 */
public record SignatureAlgorithmsExtension(int type, List<Integer> schemes) implements Extension {
  public SignatureAlgorithmsExtension {
    if (type != ExtensionTypes.SIGNATURE_ALGORITHMS && type != ExtensionTypes.SIGNATURE_ALGORITHMS_CERT) {
      throw new IllegalArgumentException("type " + type + " is neither signature_algorithms nor _cert");
    }
    schemes = Codec.copyCodes(schemes, 0xffff, "signature scheme");
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().block16(w -> Codec.u16s(w, schemes)).toByteArray();
  }

  /*
   * struct {
   *     SignatureScheme supported_signature_algorithms<2..2^16-2>;
   * } SignatureSchemeList;
   */
  static Extension decode(int type, WireReader r, String field) {
    String f = field + ".supported_signature_algorithms";
    return new SignatureAlgorithmsExtension(type, Codec.u16s(r.block16(f, 2, 2), f));
  }
}
