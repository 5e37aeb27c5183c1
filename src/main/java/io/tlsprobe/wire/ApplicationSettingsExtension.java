package io.tlsprobe.wire;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * application_settings (ALPS, <a href="https://datatracker.ietf.org/doc/draft-vvv-tls-alps/">draft-vvv-tls-alps</a>)
 * as a client sends it: the ALPN protocols it has settings for. Both code points are read: the original 17513 and
 * the newer 17613. (The server's settings, in EncryptedExtensions, stay a {@link RawExtension}.)
 *
 * <pre>{@code
 * new ApplicationSettingsExtension(ExtensionTypes.APPLICATION_SETTINGS_NEW, List.of(Bytes.ofHex("6832")))
 *     .protocolNames(); // [h2]
 * }</pre>
 *
 * @param type {@link ExtensionTypes#APPLICATION_SETTINGS} or {@link ExtensionTypes#APPLICATION_SETTINGS_NEW}
 * @param protocols the supported protocols as on the wire
 */
public record ApplicationSettingsExtension(int type, List<Bytes> protocols) implements Extension {
  public ApplicationSettingsExtension {
    if (type != ExtensionTypes.APPLICATION_SETTINGS && type != ExtensionTypes.APPLICATION_SETTINGS_NEW) {
      throw new IllegalArgumentException("type " + type + " is not application_settings");
    }
    protocols = List.copyOf(protocols);
  }

  /** The protocols as text. */
  public List<String> protocolNames() {
    return protocols.stream().map(Codec::text).toList();
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().block16(w -> protocols.forEach(w::opaque8)).toByteArray();
  }

  /*
   * struct {
   *     ProtocolName supported_protocols<2..2^16-1>;
   * } ApplicationSettingsSupport;
   */
  static @Nullable Extension decode(int type, WireReader r, ExtensionContext context, String field) {
    if (!context.isClient()) {
      return null;
    }
    WireReader list = r.block16(field + ".supported_protocols", 2);
    List<Bytes> protocols = new java.util.ArrayList<>();
    while (list.hasRemaining()) {
      protocols.add(list.block8(field + ".protocol_name", 1).rest());
    }
    return new ApplicationSettingsExtension(type, protocols);
  }
}
