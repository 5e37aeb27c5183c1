package io.tlsprobe.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * application_layer_protocol_negotiation (<a href="https://www.rfc-editor.org/rfc/rfc7301#section-3.1">RFC 7301
 * section 3.1</a>): the protocols a client offers, or the one a server picked. The raw protocol bytes are kept so
 * that GREASE and non-text identifiers survive a round trip.
 *
 * <pre>{@code
 * AlpnExtension alpn = AlpnExtension.of("h2", "http/1.1");
 * alpn.protocolNames(); // [h2, http/1.1]
 * }</pre>
 *
 * @param protocols the protocol identifiers as on the wire, in wire order
 */
public record AlpnExtension(List<Bytes> protocols) implements Extension {
  public AlpnExtension {
    protocols = List.copyOf(protocols);
  }

  /** Protocols given as text (encoded as UTF-8). */
  public static AlpnExtension of(String... protocols) {
    return new AlpnExtension(Arrays.stream(protocols).map(Codec::utf8).toList());
  }

  /** The protocol identifiers as text, in wire order. */
  public List<String> protocolNames() {
    return protocols.stream().map(Codec::text).toList();
  }

  @Override
  public int type() {
    return ExtensionTypes.ALPN;
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().block16(w -> protocols.forEach(w::opaque8)).toByteArray();
  }

  /*
   * opaque ProtocolName<1..2^8-1>;
   * struct {
   *     ProtocolName protocol_name_list<2..2^16-1>
   * } ProtocolNameList;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    return new AlpnExtension(protocolNameList(r, field));
  }

  static List<Bytes> protocolNameList(WireReader r, String field) {
    WireReader list = r.block16(field + ".protocol_name_list", 2);
    List<Bytes> out = new ArrayList<>();
    while (list.hasRemaining()) {
      out.add(list.block8(field + ".protocol_name", 1).rest());
    }
    return out;
  }
}
