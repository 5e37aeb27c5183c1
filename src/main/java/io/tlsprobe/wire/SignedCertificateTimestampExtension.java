package io.tlsprobe.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * signed_certificate_timestamp (<a href="https://www.rfc-editor.org/rfc/rfc6962#section-3.3.1">RFC 6962 section
 * 3.3.1</a>): empty from a client asking for SCTs; the list of SCTs from a server.
 *
 * <pre>{@code
 * new SignedCertificateTimestampExtension(List.of()).encodeData().length; // 0: the client form
 * }</pre>
 *
 * @param timestamps the serialized SCTs; empty for the empty-body form
 */
public record SignedCertificateTimestampExtension(List<Bytes> timestamps) implements Extension {
  public SignedCertificateTimestampExtension {
    timestamps = List.copyOf(timestamps);
  }

  @Override
  public int type() {
    return ExtensionTypes.SIGNED_CERTIFICATE_TIMESTAMP;
  }

  @Override
  public byte[] encodeData() {
    if (timestamps.isEmpty()) {
      return new byte[0];
    }
    return new WireWriter().block16(w -> timestamps.forEach(w::opaque16)).toByteArray();
  }

  /*
   * opaque SerializedSCT<1..2^16-1>;
   * struct {
   *     SerializedSCT sct_list <1..2^16-1>;
   * } SignedCertificateTimestampList;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    if (!r.hasRemaining()) {
      return new SignedCertificateTimestampExtension(List.of());
    }
    WireReader list = r.block16(field + ".sct_list", 1);
    List<Bytes> scts = new ArrayList<>();
    while (list.hasRemaining()) {
      scts.add(list.block16(field + ".serialized_sct", 1).rest());
    }
    return new SignedCertificateTimestampExtension(scts);
  }
}
