package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * status_request (<a href="https://www.rfc-editor.org/rfc/rfc6066#section-8">RFC 6066 section 8</a>): a client
 * asking for an OCSP staple, or the empty form a TLS 1.2 server answers with. (In a TLS 1.3 CertificateEntry the
 * extension carries the staple itself and stays a {@link RawExtension}.)
 *
 * <pre>{@code
 * StatusRequestExtension.ocsp().encodeData();  // 01 0000 0000
 * StatusRequestExtension.empty().encodeData(); // nothing
 * }</pre>
 *
 * @param request the OCSP request; empty for the empty-body form
 */
public record StatusRequestExtension(Optional<OcspStatusRequest> request) implements Extension {
  /** {@code status_type} ocsp. */
  public static final int OCSP = 1;

  /**
   * An {@code OCSPStatusRequest} ({@code status_type} ocsp).
   *
   * @param responderIds DER {@code ResponderID}s, usually none
   * @param requestExtensions DER {@code Extensions}, usually empty
   */
  public record OcspStatusRequest(List<Bytes> responderIds, Bytes requestExtensions) {
    public OcspStatusRequest {
      responderIds = List.copyOf(responderIds);
      requireNonNull(requestExtensions, "requestExtensions");
    }
  }

  public StatusRequestExtension {
    requireNonNull(request, "request");
  }

  /** An OCSP request with no responder ids and no extensions, as browsers send. */
  public static StatusRequestExtension ocsp() {
    return new StatusRequestExtension(Optional.of(new OcspStatusRequest(List.of(), Bytes.empty())));
  }

  /** The empty-body form a server sends. */
  public static StatusRequestExtension empty() {
    return new StatusRequestExtension(Optional.empty());
  }

  @Override
  public int type() {
    return ExtensionTypes.STATUS_REQUEST;
  }

  @Override
  public byte[] encodeData() {
    if (request.isEmpty()) {
      return new byte[0];
    }
    OcspStatusRequest r = request.get();
    return new WireWriter()
        .u8(OCSP)
        .block16(w -> r.responderIds().forEach(w::opaque16))
        .opaque16(r.requestExtensions())
        .toByteArray();
  }

  /*
   * struct {
   *     CertificateStatusType status_type;
   *     select (status_type) {
   *         case ocsp: OCSPStatusRequest;
   *     } request;
   * } CertificateStatusRequest;
   * enum { ocsp(1), (255) } CertificateStatusType;
   * struct {
   *     ResponderID responder_id_list<0..2^16-1>;
   *     Extensions  request_extensions;
   * } OCSPStatusRequest;
   * opaque ResponderID<1..2^16-1>;
   * opaque Extensions<0..2^16-1>;
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    if (!r.hasRemaining()) {
      return empty();
    }
    if (context == ExtensionContext.CERTIFICATE) {
      return null;
    }
    int statusType = r.u8(field + ".status_type");
    if (statusType != OCSP) {
      return null;
    }
    WireReader ids = r.block16(field + ".responder_id_list", 0);
    List<Bytes> responderIds = new ArrayList<>();
    while (ids.hasRemaining()) {
      responderIds.add(ids.block16(field + ".responder_id", 1).rest());
    }
    Bytes extensions = r.block16(field + ".request_extensions", 0).rest();
    return new StatusRequestExtension(Optional.of(new OcspStatusRequest(responderIds, extensions)));
  }
}
