package io.tlsprobe.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * certificate_authorities (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.4">RFC 8446 section
 * 4.2.4</a>): the distinguished names of CAs the sender accepts.
 *
 * <pre>{@code
 * new CertificateAuthoritiesExtension(List.of(derName)).authorities().size(); // 1
 * }</pre>
 *
 * @param authorities DER-encoded distinguished names in wire order
 */
public record CertificateAuthoritiesExtension(List<Bytes> authorities) implements Extension {
  public CertificateAuthoritiesExtension {
    authorities = List.copyOf(authorities);
  }

  @Override
  public int type() {
    return ExtensionTypes.CERTIFICATE_AUTHORITIES;
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().block16(w -> authorities.forEach(w::opaque16)).toByteArray();
  }

  /*
   * opaque DistinguishedName<1..2^16-1>;
   * struct {
   *     DistinguishedName authorities<3..2^16-1>;
   * } CertificateAuthoritiesExtension;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    WireReader list = r.block16(field + ".authorities", 3);
    List<Bytes> names = new ArrayList<>();
    while (list.hasRemaining()) {
      names.add(list.block16(field + ".distinguished_name", 1).rest());
    }
    return new CertificateAuthoritiesExtension(names);
  }
}
