package io.tlsprobe.wire;

import java.util.List;

/**
 * compress_certificate (<a href="https://www.rfc-editor.org/rfc/rfc8879#section-3">RFC 8879 section 3</a>): the
 * certificate compression algorithms accepted (1 zlib, 2 brotli, 3 zstd).
 *
 * <pre>{@code
 * new CompressCertificateExtension(List.of(2)).encodeData(); // 02 0002
 * }</pre>
 *
 * @param algorithms algorithm code points in wire order
 */
public record CompressCertificateExtension(List<Integer> algorithms) implements Extension {
  public CompressCertificateExtension {
    algorithms = Codec.copyCodes(algorithms, 0xffff, "algorithm");
  }

  @Override
  public int type() {
    return ExtensionTypes.COMPRESS_CERTIFICATE;
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().block8(w -> Codec.u16s(w, algorithms)).toByteArray();
  }

  /*
   * struct {
   *     CertificateCompressionAlgorithm algorithms<2..2^8-2>;
   * } CertificateCompressionAlgorithms;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    String f = field + ".algorithms";
    return new CompressCertificateExtension(Codec.u16s(r.block8(f, 2, 2), f));
  }
}
