package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * early_data (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.10">RFC 8446 section 4.2.10</a>): empty
 * in ClientHello and EncryptedExtensions; {@code max_early_data_size} in NewSessionTicket.
 *
 * <pre>{@code
 * new EarlyDataExtension(Optional.empty()).encodeData().length; // 0
 * }</pre>
 *
 * @param maxEarlyDataSize the NewSessionTicket's limit (unsigned 32-bit); empty elsewhere
 */
public record EarlyDataExtension(Optional<Long> maxEarlyDataSize) implements Extension {
  public EarlyDataExtension {
    requireNonNull(maxEarlyDataSize, "maxEarlyDataSize");
  }

  @Override
  public int type() {
    return ExtensionTypes.EARLY_DATA;
  }

  @Override
  public byte[] encodeData() {
    return maxEarlyDataSize.map(size -> new WireWriter().u32(size).toByteArray()).orElse(new byte[0]);
  }

  /*
   * struct {} Empty;
   * struct {
   *     select (Handshake.msg_type) {
   *         case new_session_ticket:   uint32 max_early_data_size;
   *         case client_hello:         Empty;
   *         case encrypted_extensions: Empty;
   *     };
   * } EarlyDataIndication;
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    if (context == ExtensionContext.NEW_SESSION_TICKET) {
      return new EarlyDataExtension(Optional.of(r.u32(field + ".max_early_data_size")));
    }
    return r.hasRemaining() ? null : new EarlyDataExtension(Optional.empty());
  }
}
