package io.tlsprobe.wire;

import static io.tlsprobe.wire.ExtensionTypes.*;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one place that maps an extension type to its typed record: {@link #decode} gives the typed record for every
 * known type (in the shape the context calls for) and a {@link RawExtension} for everything else, or when the typed
 * record would not re-encode to exactly the same bytes. Malformed data in a known extension (a length running past
 * its block, an odd length for a list of 16-bit values, an empty list the RFC forbids) is a
 * {@link TlsDecodeException} naming the field, e.g. {@code ClientHello.extensions.supported_groups.named_group_list}.
 *
 * <pre>{@code
 * Extension e = Extensions.decode(ExtensionTypes.SUPPORTED_GROUPS, Bytes.ofHex("0004001d0017"),
 *     ExtensionContext.CLIENT_HELLO, 0);
 * ((SupportedGroupsExtension) e).groups(); // [29, 23]
 * }</pre>
 */
public final class Extensions {
  /** The most extensions one block may hold. */
  public static final int MAX_EXTENSIONS = 1024;

  private Extensions() {}

  /**
   * Decodes one extension's data.
   *
   * @param type the extension type
   * @param data the {@code extension_data}
   * @param context the message the extension is in
   * @param offset the absolute offset of {@code data}'s first byte, for error messages
   * @throws TlsDecodeException when a known extension's data is malformed
   */
  public static Extension decode(int type, Bytes data, ExtensionContext context, int offset) {
    requireNonNull(data, "data");
    requireNonNull(context, "context");
    return decode(type, new WireReader(data.toArray(), offset), context);
  }

  /** Decodes one extension from a reader positioned over exactly its data. */
  static Extension decode(int type, WireReader data, ExtensionContext context) {
    Bytes raw = data.peekRest();
    Extension typed = typed(type, data, context, context.messageName() + ".extensions." + name(type));
    if (typed == null || !Arrays.equals(typed.encodeData(), raw.toArray())) {
      return new RawExtension(type, raw);
    }
    return typed;
  }

  private static @Nullable Extension typed(int type, WireReader r, ExtensionContext c, String f) {
    return switch (type) {
      case SERVER_NAME -> ServerNameExtension.decode(r, c, f);
      case MAX_FRAGMENT_LENGTH -> MaxFragmentLengthExtension.decode(r, c, f);
      case STATUS_REQUEST -> StatusRequestExtension.decode(r, c, f);
      case STATUS_REQUEST_V2 -> StatusRequestV2Extension.decode(r, c, f);
      case SUPPORTED_GROUPS -> SupportedGroupsExtension.decode(r, c, f);
      case EC_POINT_FORMATS -> EcPointFormatsExtension.decode(r, c, f);
      case SIGNATURE_ALGORITHMS, SIGNATURE_ALGORITHMS_CERT -> SignatureAlgorithmsExtension.decode(type, r, f);
      case HEARTBEAT -> HeartbeatExtension.decode(r, c, f);
      case ALPN -> AlpnExtension.decode(r, c, f);
      case SIGNED_CERTIFICATE_TIMESTAMP -> SignedCertificateTimestampExtension.decode(r, c, f);
      case PADDING -> PaddingExtension.decode(r, c, f);
      case ENCRYPT_THEN_MAC -> EncryptThenMacExtension.decode(r, c, f);
      case EXTENDED_MASTER_SECRET -> ExtendedMasterSecretExtension.decode(r, c, f);
      case COMPRESS_CERTIFICATE -> CompressCertificateExtension.decode(r, c, f);
      case RECORD_SIZE_LIMIT -> RecordSizeLimitExtension.decode(r, c, f);
      case DELEGATED_CREDENTIALS -> DelegatedCredentialsExtension.decode(r, c, f);
      case SESSION_TICKET -> SessionTicketExtension.decode(r, c, f);
      case PRE_SHARED_KEY -> PreSharedKeyExtension.decode(r, c, f);
      case EARLY_DATA -> EarlyDataExtension.decode(r, c, f);
      case SUPPORTED_VERSIONS -> SupportedVersionsExtension.decode(r, c, f);
      case COOKIE -> CookieExtension.decode(r, c, f);
      case PSK_KEY_EXCHANGE_MODES -> PskKeyExchangeModesExtension.decode(r, c, f);
      case CERTIFICATE_AUTHORITIES -> CertificateAuthoritiesExtension.decode(r, c, f);
      case POST_HANDSHAKE_AUTH -> PostHandshakeAuthExtension.decode(r, c, f);
      case KEY_SHARE -> KeyShareExtension.decode(r, c, f);
      case APPLICATION_SETTINGS, APPLICATION_SETTINGS_NEW -> ApplicationSettingsExtension.decode(type, r, c, f);
      case ENCRYPTED_CLIENT_HELLO -> EncryptedClientHelloExtension.decode(r, c, f);
      case RENEGOTIATION_INFO -> RenegotiationInfoExtension.decode(r, c, f);
      default -> null;
    };
  }

  /** The field name used in error messages for an extension type. */
  static String name(int type) {
    return switch (type) {
      case SERVER_NAME -> "server_name";
      case MAX_FRAGMENT_LENGTH -> "max_fragment_length";
      case STATUS_REQUEST -> "status_request";
      case STATUS_REQUEST_V2 -> "status_request_v2";
      case SUPPORTED_GROUPS -> "supported_groups";
      case EC_POINT_FORMATS -> "ec_point_formats";
      case SIGNATURE_ALGORITHMS -> "signature_algorithms";
      case SIGNATURE_ALGORITHMS_CERT -> "signature_algorithms_cert";
      case HEARTBEAT -> "heartbeat";
      case ALPN -> "application_layer_protocol_negotiation";
      case SIGNED_CERTIFICATE_TIMESTAMP -> "signed_certificate_timestamp";
      case PADDING -> "padding";
      case ENCRYPT_THEN_MAC -> "encrypt_then_mac";
      case EXTENDED_MASTER_SECRET -> "extended_master_secret";
      case COMPRESS_CERTIFICATE -> "compress_certificate";
      case RECORD_SIZE_LIMIT -> "record_size_limit";
      case DELEGATED_CREDENTIALS -> "delegated_credential";
      case SESSION_TICKET -> "session_ticket";
      case PRE_SHARED_KEY -> "pre_shared_key";
      case EARLY_DATA -> "early_data";
      case SUPPORTED_VERSIONS -> "supported_versions";
      case COOKIE -> "cookie";
      case PSK_KEY_EXCHANGE_MODES -> "psk_key_exchange_modes";
      case CERTIFICATE_AUTHORITIES -> "certificate_authorities";
      case POST_HANDSHAKE_AUTH -> "post_handshake_auth";
      case KEY_SHARE -> "key_share";
      case APPLICATION_SETTINGS, APPLICATION_SETTINGS_NEW -> "application_settings";
      case ENCRYPTED_CLIENT_HELLO -> "encrypted_client_hello";
      case RENEGOTIATION_INFO -> "renegotiation_info";
      default -> String.valueOf(type);
    };
  }

  /*
   * struct {
   *     ExtensionType extension_type;
   *     opaque extension_data<0..2^16-1>;
   * } Extension;
   *
   * Extension extensions<0..2^16-1>;   (the caller reads the block length)
   *
   * "There MUST NOT be more than one extension of the same type in a given extension block." (RFC 8446 4.2)
   */
  /** Decodes the extensions in {@code block} (a reader over the block's contents, after its length). */
  static List<Extension> decodeAll(WireReader block, ExtensionContext context) {
    String field = context.messageName() + ".extensions";
    List<Extension> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    while (block.hasRemaining()) {
      int at = block.offset();
      int type = block.u16(field + ".extension_type");
      if (!seen.add(type)) {
        throw WireReader.errorAt(field, at, "duplicate extension type " + type);
      }
      if (out.size() == MAX_EXTENSIONS) {
        throw WireReader.errorAt(field, at, "more than " + MAX_EXTENSIONS + " extensions");
      }
      WireReader data = block.block16(field + "." + name(type) + ".extension_data", 0);
      out.add(decode(type, data, context));
    }
    return out;
  }

  /** The type code points of {@code extensions}, in order. */
  static List<Integer> types(List<Extension> extensions) {
    return extensions.stream().map(Extension::type).toList();
  }

  /** The first of {@code extensions} of the given type. */
  static Optional<Extension> find(List<Extension> extensions, int type) {
    return extensions.stream().filter(e -> e.type() == type).findFirst();
  }

  /** The first of {@code extensions} that is a {@code type}. */
  static <T extends Extension> Optional<T> find(List<Extension> extensions, Class<T> type) {
    return extensions.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Writes each extension as type, length and data (the caller writes the block length). */
  static void encodeAll(WireWriter w, List<Extension> extensions) {
    for (Extension e : extensions) {
      byte[] data = e.encodeData();
      w.u16(e.type()).block16(b -> b.bytes(data));
    }
  }
}
