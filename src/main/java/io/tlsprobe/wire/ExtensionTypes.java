package io.tlsprobe.wire;

/**
 * Extension type code points (<a href="https://www.iana.org/assignments/tls-extensiontype-values">IANA TLS
 * ExtensionType Values</a>) that the codec decodes or that fingerprints refer to. Just numbers: names and
 * descriptions live in the vocabulary ({@code io.tlsprobe.ExtensionType}).
 *
 * <pre>{@code
 * hello.extension(ExtensionTypes.SUPPORTED_GROUPS).isPresent();
 * }</pre>
 */
public final class ExtensionTypes {
  private ExtensionTypes() {}

  /** server_name, RFC 6066. */
  public static final int SERVER_NAME = 0;
  /** max_fragment_length, RFC 6066. */
  public static final int MAX_FRAGMENT_LENGTH = 1;
  /** status_request, RFC 6066. */
  public static final int STATUS_REQUEST = 5;
  /** supported_groups, RFC 8422 / RFC 7919. */
  public static final int SUPPORTED_GROUPS = 10;
  /** ec_point_formats, RFC 8422. */
  public static final int EC_POINT_FORMATS = 11;
  /** signature_algorithms, RFC 8446. */
  public static final int SIGNATURE_ALGORITHMS = 13;
  /** use_srtp, RFC 5764. */
  public static final int USE_SRTP = 14;
  /** heartbeat, RFC 6520. */
  public static final int HEARTBEAT = 15;
  /** application_layer_protocol_negotiation, RFC 7301. */
  public static final int ALPN = 16;
  /** status_request_v2, RFC 6961. */
  public static final int STATUS_REQUEST_V2 = 17;
  /** signed_certificate_timestamp, RFC 6962. */
  public static final int SIGNED_CERTIFICATE_TIMESTAMP = 18;
  /** client_certificate_type, RFC 7250. */
  public static final int CLIENT_CERTIFICATE_TYPE = 19;
  /** server_certificate_type, RFC 7250. */
  public static final int SERVER_CERTIFICATE_TYPE = 20;
  /** padding, RFC 7685. */
  public static final int PADDING = 21;
  /** encrypt_then_mac, RFC 7366. */
  public static final int ENCRYPT_THEN_MAC = 22;
  /** extended_master_secret, RFC 7627. */
  public static final int EXTENDED_MASTER_SECRET = 23;
  /** compress_certificate, RFC 8879. */
  public static final int COMPRESS_CERTIFICATE = 27;
  /** record_size_limit, RFC 8449. */
  public static final int RECORD_SIZE_LIMIT = 28;
  /** delegated_credential, RFC 9345. */
  public static final int DELEGATED_CREDENTIALS = 34;
  /** session_ticket, RFC 5077. */
  public static final int SESSION_TICKET = 35;
  /** pre_shared_key, RFC 8446. */
  public static final int PRE_SHARED_KEY = 41;
  /** early_data, RFC 8446. */
  public static final int EARLY_DATA = 42;
  /** supported_versions, RFC 8446. */
  public static final int SUPPORTED_VERSIONS = 43;
  /** cookie, RFC 8446. */
  public static final int COOKIE = 44;
  /** psk_key_exchange_modes, RFC 8446. */
  public static final int PSK_KEY_EXCHANGE_MODES = 45;
  /** certificate_authorities, RFC 8446. */
  public static final int CERTIFICATE_AUTHORITIES = 47;
  /** oid_filters, RFC 8446. */
  public static final int OID_FILTERS = 48;
  /** post_handshake_auth, RFC 8446. */
  public static final int POST_HANDSHAKE_AUTH = 49;
  /** signature_algorithms_cert, RFC 8446. */
  public static final int SIGNATURE_ALGORITHMS_CERT = 50;
  /** key_share, RFC 8446. */
  public static final int KEY_SHARE = 51;
  /** transparency_info, RFC 9162. */
  public static final int TRANSPARENCY_INFO = 52;
  /** connection_id, RFC 9146. */
  public static final int CONNECTION_ID = 54;
  /** quic_transport_parameters, RFC 9001. */
  public static final int QUIC_TRANSPORT_PARAMETERS = 57;
  /** next_protocol_negotiation (NPN, draft-agl-tls-nextprotoneg). */
  public static final int NEXT_PROTOCOL_NEGOTIATION = 13172;
  /** application_settings (ALPS, draft-vvv-tls-alps), the original code point. */
  public static final int APPLICATION_SETTINGS = 17513;
  /** application_settings (ALPS) at the new code point used by Chrome since 2024. */
  public static final int APPLICATION_SETTINGS_NEW = 17613;
  /** encrypted_client_hello, draft-ietf-tls-esni. */
  public static final int ENCRYPTED_CLIENT_HELLO = 0xfe0d;
  /** renegotiation_info, RFC 5746. */
  public static final int RENEGOTIATION_INFO = 0xff01;
}
