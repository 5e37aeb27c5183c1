package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A TLS 1.3 NewSessionTicket message (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.6.1">RFC 8446 section
 * 4.6.1</a>): a ticket the server sends after the handshake, under its application traffic keys, for the client to
 * resume with. It travels encrypted, so {@link TlsDecoder} never meets one in clear; decode its decrypted body with
 * {@link #decodeTls13(byte[])}.
 *
 * <pre>{@code
 * NewSessionTicket t = NewSessionTicket.decodeTls13(decryptedBody);
 * t.lifetimeSeconds();  // 7200 (OpenSSL's default)
 * t.maxEarlyDataSize(); // Optional[16384] when the ticket allows 0-RTT data
 * }</pre>
 *
 * @param lifetimeSeconds how long the ticket may be used, in seconds (at most 604800, seven days)
 * @param ageAdd the value the client adds to the ticket's age when it offers it
 * @param nonce the per-ticket nonce of the resumption PSK
 * @param ticket the ticket itself, opaque to the client
 * @param extensions the ticket's extensions (early_data)
 */
public record NewSessionTicket(long lifetimeSeconds, long ageAdd, Bytes nonce, Bytes ticket, List<Extension> extensions)
    implements HandshakeMessage, WithExtensions {
  /** The longest lifetime a server may give a ticket: seven days (RFC 8446 section 4.6.1). */
  public static final long MAX_LIFETIME_SECONDS = 604_800;

  public NewSessionTicket {
    requireNonNull(nonce, "nonce");
    requireNonNull(ticket, "ticket");
    extensions = List.copyOf(extensions);
  }

  /*
   * struct {
   *     uint32 ticket_lifetime;
   *     uint32 ticket_age_add;
   *     opaque ticket_nonce<0..255>;
   *     opaque ticket<1..2^16-1>;
   *     Extension extensions<0..2^16-2>;
   * } NewSessionTicket;
   */
  /**
   * Decodes a decrypted TLS 1.3 body (without the handshake header).
   *
   * @throws TlsDecodeException for malformed bytes, naming the field and the offset into {@code body}
   */
  public static NewSessionTicket decodeTls13(byte[] body) {
    WireReader r = new WireReader(body);
    long lifetime = r.u32("NewSessionTicket.ticket_lifetime");
    long ageAdd = r.u32("NewSessionTicket.ticket_age_add");
    Bytes nonce = r.block8("NewSessionTicket.ticket_nonce", 0).rest();
    Bytes ticket = r.block16("NewSessionTicket.ticket", 1).rest();
    List<Extension> extensions = Extensions.decodeAll(r.block16("NewSessionTicket.extensions", 0),
        ExtensionContext.NEW_SESSION_TICKET);
    r.expectEnd("NewSessionTicket");
    return new NewSessionTicket(lifetime, ageAdd, nonce, ticket, extensions);
  }

  /** The most 0-RTT data the ticket allows (its early_data extension), if it allows any. */
  public Optional<Long> maxEarlyDataSize() {
    return extension(EarlyDataExtension.class).flatMap(EarlyDataExtension::maxEarlyDataSize);
  }

  @Override
  public int type() {
    return NEW_SESSION_TICKET;
  }

  @Override
  public byte[] encodeBody() {
    WireWriter w = new WireWriter();
    w.u32(lifetimeSeconds).u32(ageAdd);
    w.block8(x -> x.bytes(nonce));
    w.block16(x -> x.bytes(ticket));
    w.block16(x -> Extensions.encodeAll(x, extensions));
    return w.toByteArray();
  }
}
