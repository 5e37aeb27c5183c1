package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * pre_shared_key (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.11">RFC 8446 section 4.2.11</a>):
 * the client's offered identities with their binders, or the identity index the server selected.
 *
 * <pre>{@code
 * PreSharedKeyExtension.selected(0).selectedIdentity(); // Optional[0]
 * }</pre>
 *
 * @param identities the client's identities (empty in the server form)
 * @param binders the client's binders, one per identity (empty in the server form)
 * @param selectedIdentity the server's selected index; empty in the client form
 */
public record PreSharedKeyExtension(List<PskIdentity> identities, List<Bytes> binders,
    Optional<Integer> selectedIdentity) implements Extension {

  /**
   * One offered PSK identity.
   *
   * @param identity the label (a ticket or external identity)
   * @param obfuscatedTicketAge the obfuscated ticket age, an unsigned 32-bit value
   */
  public record PskIdentity(Bytes identity, long obfuscatedTicketAge) {
    public PskIdentity {
      requireNonNull(identity, "identity");
    }
  }

  public PreSharedKeyExtension {
    identities = List.copyOf(identities);
    binders = List.copyOf(binders);
    requireNonNull(selectedIdentity, "selectedIdentity");
    if (selectedIdentity.isPresent() && !(identities.isEmpty() && binders.isEmpty())) {
      throw new IllegalArgumentException("the server form has no identities or binders");
    }
  }

  /** The server form. */
  public static PreSharedKeyExtension selected(int index) {
    return new PreSharedKeyExtension(List.of(), List.of(), Optional.of(index));
  }

  @Override
  public int type() {
    return ExtensionTypes.PRE_SHARED_KEY;
  }

  @Override
  public byte[] encodeData() {
    WireWriter w = new WireWriter();
    if (selectedIdentity.isPresent()) {
      return w.u16(selectedIdentity.get()).toByteArray();
    }
    w.block16(b -> identities.forEach(i -> b.opaque16(i.identity()).u32(i.obfuscatedTicketAge())));
    w.block16(b -> binders.forEach(b::opaque8));
    return w.toByteArray();
  }

  /*
   * struct {
   *     opaque identity<1..2^16-1>;
   *     uint32 obfuscated_ticket_age;
   * } PskIdentity;
   * opaque PskBinderEntry<32..255>;
   * struct {
   *     PskIdentity identities<7..2^16-1>;
   *     PskBinderEntry binders<33..2^16-1>;
   * } OfferedPsks;
   * struct {
   *     select (Handshake.msg_type) {
   *         case client_hello: OfferedPsks;
   *         case server_hello: uint16 selected_identity;
   *     };
   * } PreSharedKeyExtension;
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    if (context == ExtensionContext.SERVER_HELLO) {
      return selected(r.u16(field + ".selected_identity"));
    }
    if (!context.isClient()) {
      return null;
    }
    WireReader ids = r.block16(field + ".identities", 7);
    List<PskIdentity> identities = new ArrayList<>();
    while (ids.hasRemaining()) {
      Bytes identity = ids.block16(field + ".identity", 1).rest();
      identities.add(new PskIdentity(identity, ids.u32(field + ".obfuscated_ticket_age")));
    }
    WireReader bs = r.block16(field + ".binders", 33);
    List<Bytes> binders = new ArrayList<>();
    while (bs.hasRemaining()) {
      binders.add(bs.block8(field + ".binder", 32).rest());
    }
    return new PreSharedKeyExtension(identities, binders, Optional.empty());
  }
}
