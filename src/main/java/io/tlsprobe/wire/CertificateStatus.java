package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * A TLS 1.2 CertificateStatus message (<a href="https://www.rfc-editor.org/rfc/rfc6066#section-8">RFC 6066 section
 * 8</a>): the OCSP response a server staples.
 *
 * <pre>
 * struct {
 *     CertificateStatusType status_type;
 *     select (status_type) {
 *         case ocsp: OCSPResponse response;
 *     } response;
 * } CertificateStatus;
 * opaque OCSPResponse&lt;1..2^24-1&gt;;
 * </pre>
 *
 * <pre>{@code
 * decoded.first(CertificateStatus.class).map(CertificateStatus::response); // DER OCSPResponse
 * }</pre>
 *
 * @param statusType 1 (ocsp), or 2 (ocsp_multi, RFC 6961, whose list is kept as one opaque block)
 * @param response the DER OCSPResponse (for ocsp_multi: the OCSPResponseList contents)
 */
public record CertificateStatus(int statusType, Bytes response) implements HandshakeMessage {
  /** status_type ocsp. */
  public static final int OCSP = 1;
  /** status_type ocsp_multi (RFC 6961). */
  public static final int OCSP_MULTI = 2;

  public CertificateStatus {
    requireNonNull(response, "response");
  }

  @Override
  public int type() {
    return CERTIFICATE_STATUS;
  }

  @Override
  public byte[] encodeBody() {
    return new WireWriter().u8(statusType).opaque24(response).toByteArray();
  }

  static CertificateStatus decode(WireReader r) {
    int at = r.offset();
    int type = r.u8("CertificateStatus.status_type");
    if (type != OCSP && type != OCSP_MULTI) {
      throw WireReader.errorAt("CertificateStatus.status_type", at, "unknown status type " + type);
    }
    Bytes response = r.block24("CertificateStatus.response", 1).rest();
    r.expectEnd("CertificateStatus");
    return new CertificateStatus(type, response);
  }
}
