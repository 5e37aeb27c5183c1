package io.tlsprobe.wire;

import io.tlsprobe.Grease;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Random but valid extensions for the round-trip properties: each maker gives a typed record whose encoding decodes
 * back to an equal record in its context (or a {@link RawExtension} the codec has no typed record for). Keys name the
 * shape, so a test can check that every shape was made.
 */
final class RandomExtensions {
  /** Extension types the codec has no typed record for: GREASE values and a range with no typed extension. */
  private static final int FIRST_UNTYPED = 0x0100;
  private static final int LAST_UNTYPED = 0x3fff;

  private RandomExtensions() {}

  /** The ClientHello shapes, by name; pre_shared_key is placed last by the caller. */
  static Map<String, Function<Random, Extension>> clientHello() {
    Map<String, Function<Random, Extension>> m = new LinkedHashMap<>();
    m.put("server_name", r -> new ServerNameExtension(list(r, 1, 3, x ->
        new ServerNameExtension.ServerName(ServerNameExtension.HOST_NAME, RandomBytes.bytes(x, 1, 60)))));
    m.put("max_fragment_length", r -> new MaxFragmentLengthExtension(r.nextInt(256)));
    m.put("status_request", r -> new StatusRequestExtension(Optional.of(new StatusRequestExtension.OcspStatusRequest(
        list(r, 0, 3, x -> RandomBytes.bytes(x, 1, 20)), RandomBytes.bytes(r, 0, 12)))));
    m.put("status_request_v2", r -> new StatusRequestV2Extension(list(r, 1, 3, x ->
        new StatusRequestV2Extension.Item(1 + x.nextInt(2), RandomBytes.bytes(x, 0, 20)))));
    m.put("supported_groups", r -> new SupportedGroupsExtension(RandomBytes.codes16(r, 1, 30)));
    m.put("ec_point_formats", r -> new EcPointFormatsExtension(RandomBytes.codes8(r, 1, 5)));
    m.put("signature_algorithms", r -> new SignatureAlgorithmsExtension(ExtensionTypes.SIGNATURE_ALGORITHMS,
        RandomBytes.codes16(r, 1, 30)));
    m.put("signature_algorithms_cert", r -> new SignatureAlgorithmsExtension(
        ExtensionTypes.SIGNATURE_ALGORITHMS_CERT, RandomBytes.codes16(r, 1, 30)));
    m.put("heartbeat", r -> new HeartbeatExtension(1 + r.nextInt(2)));
    m.put("alpn", r -> new AlpnExtension(list(r, 1, 5, RandomExtensions::protocol)));
    m.put("alpn_grease_one_byte", r -> new AlpnExtension(List.of(
        Bytes.of(new byte[] {(byte) (0x0a + 0x10 * r.nextInt(16))}), protocol(r))));
    m.put("signed_certificate_timestamp", r -> new SignedCertificateTimestampExtension(List.of()));
    m.put("padding", r -> new PaddingExtension(r.nextInt(300)));
    m.put("encrypt_then_mac", r -> new EncryptThenMacExtension());
    m.put("extended_master_secret", r -> new ExtendedMasterSecretExtension());
    m.put("compress_certificate", r -> new CompressCertificateExtension(RandomBytes.codes16(r, 1, 3)));
    m.put("record_size_limit", r -> new RecordSizeLimitExtension(r.nextInt(0x10000)));
    m.put("delegated_credential", r -> new DelegatedCredentialsExtension(RandomBytes.codes16(r, 1, 8)));
    m.put("session_ticket", r -> new SessionTicketExtension(RandomBytes.bytes(r, 0, 100)));
    m.put("early_data", r -> new EarlyDataExtension(Optional.empty()));
    m.put("supported_versions", r -> new SupportedVersionsExtension(RandomBytes.codes16(r, 1, 10), false));
    m.put("cookie", r -> new CookieExtension(RandomBytes.bytes(r, 1, 100)));
    m.put("psk_key_exchange_modes", r -> new PskKeyExchangeModesExtension(RandomBytes.codes8(r, 1, 4)));
    m.put("certificate_authorities", r -> new CertificateAuthoritiesExtension(list(r, 1, 3,
        x -> RandomBytes.bytes(x, 1, 40))));
    m.put("post_handshake_auth", r -> new PostHandshakeAuthExtension());
    m.put("key_share", r -> KeyShareExtension.client(list(r, 0, 4,
        x -> new KeyShareEntry(RandomBytes.code16(x), RandomBytes.bytes(x, 1, 200)))));
    m.put("application_settings", r -> new ApplicationSettingsExtension(ExtensionTypes.APPLICATION_SETTINGS,
        list(r, 1, 3, RandomExtensions::protocol)));
    m.put("application_settings_new", r -> new ApplicationSettingsExtension(
        ExtensionTypes.APPLICATION_SETTINGS_NEW, list(r, 1, 3, RandomExtensions::protocol)));
    m.put("encrypted_client_hello_outer", r -> new EncryptedClientHelloExtension(EncryptedClientHelloExtension.OUTER,
        RandomBytes.code16(r), RandomBytes.code16(r), r.nextInt(256), RandomBytes.bytes(r, 0, 64),
        RandomBytes.bytes(r, 1, 200)));
    m.put("renegotiation_info", r -> new RenegotiationInfoExtension(RandomBytes.bytes(r, 0, 32)));
    m.put("pre_shared_key", r -> new PreSharedKeyExtension(
        list(r, 1, 3, x -> new PreSharedKeyExtension.PskIdentity(RandomBytes.bytes(x, 1, 60),
            x.nextLong() & 0xffffffffL)),
        list(r, 1, 3, x -> RandomBytes.bytes(x, 32, 64)), Optional.empty()));
    return m;
  }

  /** The ServerHello shapes (TLS 1.2 and TLS 1.3), by name. */
  static Map<String, Function<Random, Extension>> serverHello() {
    Map<String, Function<Random, Extension>> m = new LinkedHashMap<>();
    m.put("server_name_empty", r -> ServerNameExtension.empty());
    m.put("max_fragment_length", r -> new MaxFragmentLengthExtension(1 + r.nextInt(4)));
    m.put("status_request_empty", r -> StatusRequestExtension.empty());
    m.put("status_request_v2_empty", r -> new StatusRequestV2Extension(List.of()));
    m.put("ec_point_formats", r -> new EcPointFormatsExtension(RandomBytes.codes8(r, 1, 3)));
    m.put("heartbeat", r -> new HeartbeatExtension(1 + r.nextInt(2)));
    m.put("alpn", r -> new AlpnExtension(List.of(protocol(r))));
    m.put("signed_certificate_timestamp", r -> new SignedCertificateTimestampExtension(list(r, 1, 3,
        x -> RandomBytes.bytes(x, 1, 40))));
    m.put("encrypt_then_mac", r -> new EncryptThenMacExtension());
    m.put("extended_master_secret", r -> new ExtendedMasterSecretExtension());
    m.put("record_size_limit", r -> new RecordSizeLimitExtension(64 + r.nextInt(16321)));
    m.put("session_ticket_empty", r -> new SessionTicketExtension(Bytes.empty()));
    m.put("pre_shared_key_selected", r -> PreSharedKeyExtension.selected(r.nextInt(4)));
    m.put("supported_versions_selected", r -> SupportedVersionsExtension.selected(RandomBytes.code16(r)));
    m.put("key_share_server", r -> KeyShareExtension.server(
        new KeyShareEntry(RandomBytes.code16(r), RandomBytes.bytes(r, 1, 200))));
    m.put("renegotiation_info", r -> new RenegotiationInfoExtension(RandomBytes.bytes(r, 0, 64)));
    return m;
  }

  /** The HelloRetryRequest shapes, by name. */
  static Map<String, Function<Random, Extension>> helloRetryRequest() {
    Map<String, Function<Random, Extension>> m = new LinkedHashMap<>();
    m.put("supported_versions_selected", r -> SupportedVersionsExtension.selected(RandomBytes.code16(r)));
    m.put("key_share_selected_group", r -> KeyShareExtension.helloRetry(RandomBytes.code16(r)));
    m.put("cookie", r -> new CookieExtension(RandomBytes.bytes(r, 1, 200)));
    return m;
  }

  /** The TLS 1.3 CertificateEntry shapes, by name. */
  static Map<String, Function<Random, Extension>> certificateEntry() {
    Map<String, Function<Random, Extension>> m = new LinkedHashMap<>();
    m.put("signed_certificate_timestamp", r -> new SignedCertificateTimestampExtension(list(r, 1, 3,
        x -> RandomBytes.bytes(x, 1, 40))));
    m.put("status_request_ocsp_response", r -> new RawExtension(ExtensionTypes.STATUS_REQUEST,
        Bytes.of(new WireWriter().u8(1).opaque24(RandomBytes.bytes(r, 1, 80)).toByteArray())));
    return m;
  }

  /**
   * A random subset of {@code shapes} in random order, with 0 to 2 extensions of types the codec does not type
   * added, the names of what was chosen going into {@code made}.
   */
  static List<Extension> subset(Random r, Map<String, Function<Random, Extension>> shapes, List<String> made) {
    List<String> names = new ArrayList<>();
    for (String name : shapes.keySet()) {
      if (r.nextBoolean()) {
        names.add(name);
      }
    }
    Collections.shuffle(names, r);
    List<Extension> out = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    for (String name : names) {
      Extension e = shapes.get(name).apply(r);
      if (!types.contains(e.type())) {
        types.add(e.type());
        out.add(e);
        made.add(name);
      }
    }
    for (int n = r.nextInt(3); n > 0; n--) {
      int type = r.nextBoolean() ? RandomBytes.grease(r) : FIRST_UNTYPED + r.nextInt(LAST_UNTYPED - FIRST_UNTYPED + 1);
      if (!types.contains(type)) {
        types.add(type);
        out.add(r.nextInt(out.size() + 1), new RawExtension(type, RandomBytes.bytes(r, 0, 30)));
        made.add(Grease.isGrease(type) ? "raw_grease" : "raw_unknown");
      }
    }
    return out;
  }

  private static Bytes protocol(Random r) {
    return RandomBytes.bytes(r, 1, 20);
  }

  private static <T> List<T> list(Random r, int min, int max, Function<Random, T> element) {
    List<T> out = new ArrayList<>();
    for (int n = min + r.nextInt(max - min + 1); n > 0; n--) {
      out.add(element.apply(r));
    }
    return out;
  }
}
