package io.tlsprobe.wire;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * delegated_credential (<a href="https://www.rfc-editor.org/rfc/rfc9345#section-4.1.1">RFC 9345 section
 * 4.1.1</a>) as a client or CertificateRequest sends it: the signature schemes accepted for delegated credentials.
 * (In a CertificateEntry it carries the credential and stays a {@link RawExtension}.)
 *
 * <pre>{@code
 * new DelegatedCredentialsExtension(List.of(0x0403)).encodeData(); // 0002 0403
 * }</pre>
 *
 * @param schemes signature scheme code points in wire order
 */
public record DelegatedCredentialsExtension(List<Integer> schemes) implements Extension {
  public DelegatedCredentialsExtension {
    schemes = Codec.copyCodes(schemes, 0xffff, "signature scheme");
  }

  @Override
  public int type() {
    return ExtensionTypes.DELEGATED_CREDENTIALS;
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
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    if (context != ExtensionContext.CLIENT_HELLO && context != ExtensionContext.CERTIFICATE_REQUEST) {
      return null;
    }
    String f = field + ".supported_signature_algorithms";
    return new DelegatedCredentialsExtension(Codec.u16s(r.block16(f, 2, 2), f));
  }
}
