package io.tlsprobe.wire;

import java.util.List;
import java.util.Optional;

/**
 * A handshake message that carries an extensions block ({@link ClientHello}, {@link ServerHello},
 * {@link EncryptedExtensions}), and the lookups each offers over it (<a
 * href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2">RFC 8446 section 4.2</a>: at most one extension of each
 * type, so the first of a type is the one).
 *
 * <pre>{@code
 * ServerHello hello = Decoded.of(bytes).serverHello().orElseThrow();
 * hello.extensionTypes();                                    // [43, 51]
 * hello.extension(SupportedVersionsExtension.class);         // Optional[SupportedVersionsExtension[…]]
 * hello.extension(0x0010);                                    // ALPN, if the server answered one
 * }</pre>
 */
public interface WithExtensions {
  /** The extensions, in wire order. */
  List<Extension> extensions();

  /** Extension type code points in wire order (GREASE kept). */
  default List<Integer> extensionTypes() {
    return Extensions.types(extensions());
  }

  /** The first extension of {@code type}, if any. */
  default Optional<Extension> extension(int type) {
    return Extensions.find(extensions(), type);
  }

  /** The first extension of the typed class {@code type}, if any. */
  default <T extends Extension> Optional<T> extension(Class<T> type) {
    return Extensions.find(extensions(), type);
  }
}
