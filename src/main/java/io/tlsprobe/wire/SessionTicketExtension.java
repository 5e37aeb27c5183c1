package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * session_ticket (<a href="https://www.rfc-editor.org/rfc/rfc5077#section-3.2">RFC 5077 section 3.2</a>): the
 * ticket a client resumes with (empty to ask for one); empty from a server that will issue one.
 *
 * <pre>{@code
 * new SessionTicketExtension(Bytes.empty()); // "I support tickets"
 * }</pre>
 *
 * @param ticket the opaque ticket, the whole {@code extension_data}
 */
public record SessionTicketExtension(Bytes ticket) implements Extension {
  public SessionTicketExtension {
    requireNonNull(ticket, "ticket");
  }

  @Override
  public int type() {
    return ExtensionTypes.SESSION_TICKET;
  }

  @Override
  public byte[] encodeData() {
    return ticket.toArray();
  }

  /*
   * struct {
   *     opaque ticket<0..2^16-1>;   // the whole extension_data, no own length
   * } SessionTicket;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    return new SessionTicketExtension(r.rest());
  }
}
