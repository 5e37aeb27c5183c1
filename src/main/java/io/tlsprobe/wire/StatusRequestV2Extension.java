package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * status_request_v2 (<a href="https://www.rfc-editor.org/rfc/rfc6961#section-2.2">RFC 6961 section 2.2</a>): a
 * client asking for OCSP staples of the whole chain (JDK clients send it), or the empty form a server answers with.
 *
 * <pre>{@code
 * hello.extension(StatusRequestV2Extension.class).map(StatusRequestV2Extension::statusTypes); // [2] (ocsp_multi)
 * }</pre>
 *
 * @param items the requests in wire order; empty for the server's empty-body form
 */
public record StatusRequestV2Extension(List<Item> items) implements Extension {
  /** {@code status_type} ocsp. */
  public static final int OCSP = 1;
  /** {@code status_type} ocsp_multi. */
  public static final int OCSP_MULTI = 2;

  /**
   * One {@code CertificateStatusRequestItemV2}.
   *
   * @param statusType ocsp (1) or ocsp_multi (2), or another value kept as is
   * @param request the {@code request} bytes (an {@code OCSPStatusRequest} for both registered types)
   */
  public record Item(int statusType, Bytes request) {
    public Item {
      requireNonNull(request, "request");
    }
  }

  public StatusRequestV2Extension {
    items = List.copyOf(items);
  }

  /** The {@code status_type} of each item, in wire order. */
  public List<Integer> statusTypes() {
    return items.stream().map(Item::statusType).toList();
  }

  @Override
  public int type() {
    return ExtensionTypes.STATUS_REQUEST_V2;
  }

  @Override
  public byte[] encodeData() {
    if (items.isEmpty()) {
      return new byte[0];
    }
    return new WireWriter()
        .block16(w -> items.forEach(item -> w.u8(item.statusType()).opaque16(item.request())))
        .toByteArray();
  }

  /*
   * struct {
   *     CertificateStatusType status_type;
   *     uint16 request_length; // Length of request field in bytes
   *     select (status_type) {
   *         case ocsp: OCSPStatusRequest;
   *         case ocsp_multi: OCSPStatusRequest;
   *     } request;
   * } CertificateStatusRequestItemV2;
   * enum { ocsp(1), ocsp_multi(2), (255) } CertificateStatusType;
   * struct {
   *     CertificateStatusRequestItemV2 certificate_status_req_list<1..2^16-1>;
   * } CertificateStatusRequestListV2;
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    if (!r.hasRemaining()) {
      return new StatusRequestV2Extension(List.of());
    }
    if (context != ExtensionContext.CLIENT_HELLO) {
      return null;
    }
    WireReader list = r.block16(field + ".certificate_status_req_list", 1);
    List<Item> items = new ArrayList<>();
    while (list.hasRemaining()) {
      if (items.size() >= Extensions.MAX_EXTENSIONS) {
        throw new TlsDecodeException(field + ".certificate_status_req_list", list.offset(), "more than "
            + Extensions.MAX_EXTENSIONS + " items");
      }
      int statusType = list.u8(field + ".status_type");
      items.add(new Item(statusType, list.block16(field + ".request", 0).rest()));
    }
    return new StatusRequestV2Extension(items);
  }
}
