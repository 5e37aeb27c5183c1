package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * key_share (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.8">RFC 8446 section 4.2.8</a>) in its
 * three shapes: the client's list of shares, the server's one share, and a HelloRetryRequest's selected group.
 *
 * <pre>{@code
 * KeyShareExtension.helloRetry(0x0017).selectedGroup(); // Optional[23]
 * KeyShareExtension.client(List.of(new KeyShareEntry(0x001d, key))).groups(); // [29]
 * }</pre>
 *
 * @param form which shape
 * @param entries the client's shares; the server's single share; for a HelloRetryRequest one entry carrying the
 *     selected group and an empty key
 */
public record KeyShareExtension(Form form, List<KeyShareEntry> entries) implements Extension {
  /** The three shapes of key_share. */
  public enum Form {
    /** {@code KeyShareEntry client_shares<0..2^16-1>} in a ClientHello. */
    CLIENT_SHARES,
    /** {@code KeyShareEntry server_share} in a ServerHello. */
    SERVER_SHARE,
    /** {@code NamedGroup selected_group} in a HelloRetryRequest. */
    SELECTED_GROUP
  }

  public KeyShareExtension {
    requireNonNull(form, "form");
    entries = List.copyOf(entries);
    if (form != Form.CLIENT_SHARES && entries.size() != 1) {
      throw new IllegalArgumentException(form + " holds exactly one entry, not " + entries.size());
    }
    if (form == Form.SELECTED_GROUP && !entries.get(0).keyExchange().isEmpty()) {
      throw new IllegalArgumentException("a selected group has no key");
    }
  }

  /** The client's shares. */
  public static KeyShareExtension client(List<KeyShareEntry> shares) {
    return new KeyShareExtension(Form.CLIENT_SHARES, shares);
  }

  /** The server's share. */
  public static KeyShareExtension server(KeyShareEntry share) {
    return new KeyShareExtension(Form.SERVER_SHARE, List.of(share));
  }

  /** A HelloRetryRequest's selected group. */
  public static KeyShareExtension helloRetry(int selectedGroup) {
    return new KeyShareExtension(Form.SELECTED_GROUP, List.of(new KeyShareEntry(selectedGroup, Bytes.empty())));
  }

  /** The groups of all entries, in wire order. */
  public List<Integer> groups() {
    return entries.stream().map(KeyShareEntry::group).toList();
  }

  /** The HelloRetryRequest's selected group. */
  public Optional<Integer> selectedGroup() {
    return form == Form.SELECTED_GROUP ? Optional.of(entries.get(0).group()) : Optional.empty();
  }

  /** The server's share. */
  public Optional<KeyShareEntry> serverShare() {
    return form == Form.SERVER_SHARE ? Optional.of(entries.get(0)) : Optional.empty();
  }

  @Override
  public int type() {
    return ExtensionTypes.KEY_SHARE;
  }

  @Override
  public byte[] encodeData() {
    WireWriter w = new WireWriter();
    switch (form) {
      case CLIENT_SHARES -> w.block16(b -> entries.forEach(e -> e.encode(b)));
      case SERVER_SHARE -> entries.get(0).encode(w);
      case SELECTED_GROUP -> w.u16(entries.get(0).group());
    }
    return w.toByteArray();
  }

  /*
   * struct {
   *     KeyShareEntry client_shares<0..2^16-1>;
   * } KeyShareClientHello;
   * struct {
   *     NamedGroup selected_group;
   * } KeyShareHelloRetryRequest;
   * struct {
   *     KeyShareEntry server_share;
   * } KeyShareServerHello;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    switch (context) {
      case CLIENT_HELLO -> {
        WireReader list = r.block16(field + ".client_shares", 0);
        List<KeyShareEntry> shares = new ArrayList<>();
        while (list.hasRemaining()) {
          shares.add(KeyShareEntry.decode(list, field + ".client_shares"));
        }
        return client(shares);
      }
      case HELLO_RETRY_REQUEST -> {
        return helloRetry(r.u16(field + ".selected_group"));
      }
      default -> {
        return server(KeyShareEntry.decode(r, field + ".server_share"));
      }
    }
  }
}
