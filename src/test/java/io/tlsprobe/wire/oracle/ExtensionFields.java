package io.tlsprobe.wire.oracle;

import static io.tlsprobe.wire.oracle.FieldMap.colonHex;

import io.tlsprobe.wire.AlpnExtension;
import io.tlsprobe.wire.ApplicationSettingsExtension;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateAuthoritiesExtension;
import io.tlsprobe.wire.CompressCertificateExtension;
import io.tlsprobe.wire.CookieExtension;
import io.tlsprobe.wire.DelegatedCredentialsExtension;
import io.tlsprobe.wire.EarlyDataExtension;
import io.tlsprobe.wire.EcPointFormatsExtension;
import io.tlsprobe.wire.EncryptThenMacExtension;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import io.tlsprobe.wire.Extension;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.HeartbeatExtension;
import io.tlsprobe.wire.KeyShareEntry;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.MaxFragmentLengthExtension;
import io.tlsprobe.wire.PaddingExtension;
import io.tlsprobe.wire.PostHandshakeAuthExtension;
import io.tlsprobe.wire.PreSharedKeyExtension;
import io.tlsprobe.wire.PskKeyExchangeModesExtension;
import io.tlsprobe.wire.RecordSizeLimitExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.ServerNameExtension;
import io.tlsprobe.wire.SessionTicketExtension;
import io.tlsprobe.wire.SignatureAlgorithmsExtension;
import io.tlsprobe.wire.SignedCertificateTimestampExtension;
import io.tlsprobe.wire.StatusRequestExtension;
import io.tlsprobe.wire.StatusRequestV2Extension;
import io.tlsprobe.wire.SupportedGroupsExtension;
import io.tlsprobe.wire.SupportedVersionsExtension;
import java.util.List;
import java.util.Set;

/**
 * The tshark fields (Wireshark 4.0 names) that one extension of our model stands for: its type and length, and the
 * fields tshark prints for its data. Written from our typed records, never from the raw bytes, so a decoding error
 * shows as a disagreement.
 *
 * <pre>{@code
 * ExtensionFields.of(new SupportedGroupsExtension(List.of(29, 23)));
 * // {tls.handshake.extension.type=[10], tls.handshake.extension.len=[6],
 * //  tls.handshake.extensions_supported_groups_length=[4], tls.handshake.extensions_supported_group=[0x001d, 0x0017]}
 * }</pre>
 */
final class ExtensionFields {
  private static final String H = "tls.handshake.";
  private static final String X = "tls.handshake.extensions";

  /** Extension types whose data tshark 4.0 dissects (or knows to be empty); others it prints as extension.data. */
  private static final Set<Integer> DISSECTED_BY_TSHARK = Set.of(
      ExtensionTypes.SERVER_NAME, ExtensionTypes.MAX_FRAGMENT_LENGTH, ExtensionTypes.STATUS_REQUEST,
      ExtensionTypes.SUPPORTED_GROUPS, ExtensionTypes.EC_POINT_FORMATS, ExtensionTypes.SIGNATURE_ALGORITHMS,
      ExtensionTypes.HEARTBEAT, ExtensionTypes.ALPN, ExtensionTypes.STATUS_REQUEST_V2,
      ExtensionTypes.SIGNED_CERTIFICATE_TIMESTAMP, ExtensionTypes.PADDING, ExtensionTypes.ENCRYPT_THEN_MAC,
      ExtensionTypes.EXTENDED_MASTER_SECRET, ExtensionTypes.COMPRESS_CERTIFICATE, ExtensionTypes.RECORD_SIZE_LIMIT,
      ExtensionTypes.DELEGATED_CREDENTIALS, ExtensionTypes.PRE_SHARED_KEY, ExtensionTypes.EARLY_DATA,
      ExtensionTypes.SUPPORTED_VERSIONS, ExtensionTypes.COOKIE, ExtensionTypes.PSK_KEY_EXCHANGE_MODES,
      ExtensionTypes.CERTIFICATE_AUTHORITIES, ExtensionTypes.POST_HANDSHAKE_AUTH,
      ExtensionTypes.SIGNATURE_ALGORITHMS_CERT, ExtensionTypes.KEY_SHARE, ExtensionTypes.APPLICATION_SETTINGS,
      ExtensionTypes.RENEGOTIATION_INFO);

  private ExtensionFields() {}

  /** The fields of one extension, in the order tshark prints them. */
  static FieldMap of(Extension e) {
    byte[] data = e.encodeData();
    FieldMap f = new FieldMap().add(H + "extension.type", e.type()).add(H + "extension.len", data.length);
    if (!DISSECTED_BY_TSHARK.contains(e.type())) {
      return f.add(H + "extension.data", colonHex(Bytes.of(data)));
    }
    if (e instanceof ServerNameExtension sni) {
      if (!sni.serverNames().isEmpty()) {
        f.add(X + "_server_name_list_len", data.length - 2);
      }
      sni.serverNames().forEach(n -> f.add(X + "_server_name_type", n.nameType())
          .add(X + "_server_name_len", n.name().length())
          .add(X + "_server_name", new String(n.name().toArray(), java.nio.charset.StandardCharsets.US_ASCII)));
    } else if (e instanceof MaxFragmentLengthExtension mfl) {
      f.add(H + "max_fragment_length", mfl.code());
    } else if (e instanceof StatusRequestExtension sr) {
      sr.request().ifPresent(req -> f.add(X + "_status_request_type", StatusRequestExtension.OCSP)
          .add(X + "_status_request_responder_ids_len",
              req.responderIds().stream().mapToInt(id -> 2 + id.length()).sum())
          .add(X + "_status_request_exts_len", req.requestExtensions().length()));
    } else if (e instanceof StatusRequestV2Extension v2) {
      f.add(X + "_status_request_list_len", data.length - 2);
      for (StatusRequestV2Extension.Item item : v2.items()) {
        f.add(X + "_status_request_type", item.statusType()).add(X + "_status_request_len", item.request().length());
        ocspRequestLengths(f, item.request());
      }
    } else if (e instanceof SupportedGroupsExtension groups) {
      f.add(X + "_supported_groups_length", 2 * groups.groups().size())
          .addAll(X + "_supported_group", groups.groups(), FieldMap::hex4);
    } else if (e instanceof EcPointFormatsExtension formats) {
      f.add(X + "_ec_point_formats_length", formats.formats().size())
          .addAll(X + "_ec_point_format", formats.formats(), String::valueOf);
    } else if (e instanceof SignatureAlgorithmsExtension sigs) {
      signatureSchemes(f, sigs.schemes());
    } else if (e instanceof DelegatedCredentialsExtension dc) {
      signatureSchemes(f, dc.schemes());
    } else if (e instanceof HeartbeatExtension hb) {
      f.add(H + "extension.heartbeat.mode", hb.mode());
    } else if (e instanceof AlpnExtension alpn) {
      f.add(X + "_alpn_len", data.length - 2);
      alpn.protocols().forEach(p -> f.add(X + "_alpn_str_len", p.length()));
      alpn.protocolNames().forEach(p -> f.add(X + "_alpn_str", p));
    } else if (e instanceof ApplicationSettingsExtension alps) {
      f.add(X + "_alps_len", data.length - 2);
      alps.protocols().forEach(p -> f.add(X + "_alps_alpn_str_len", p.length()));
      alps.protocolNames().forEach(p -> f.add(X + "_alps_alpn_str", p));
    } else if (e instanceof PaddingExtension padding) {
      f.add(X + "_padding_data", colonHex(Bytes.of(new byte[padding.length()])));
    } else if (e instanceof CompressCertificateExtension cc) {
      f.add("tls.compress_certificate.algorithms_length", 2 * cc.algorithms().size())
          .addAll("tls.compress_certificate.algorithm", cc.algorithms(), String::valueOf);
    } else if (e instanceof RecordSizeLimitExtension rsl) {
      f.add("tls.record_size_limit", rsl.limit());
    } else if (e instanceof PreSharedKeyExtension psk) {
      preSharedKey(f, psk);
    } else if (e instanceof EarlyDataExtension early) {
      early.maxEarlyDataSize().ifPresent(size -> f.add("tls.early_data.max_early_data_size", size));
    } else if (e instanceof SupportedVersionsExtension versions) {
      if (!versions.selectedForm()) {
        f.add(X + ".supported_versions_len", 2 * versions.versions().size());
      }
      f.addAll(X + ".supported_version", versions.versions(), FieldMap::hex4);
    } else if (e instanceof CookieExtension cookie) {
      f.add(X + ".cookie_len", cookie.cookie().length()).add(X + ".cookie", colonHex(cookie.cookie()));
    } else if (e instanceof PskKeyExchangeModesExtension modes) {
      f.add("tls.extension.psk_ke_modes_length", modes.modes().size())
          .addAll("tls.extension.psk_ke_mode", modes.modes(), String::valueOf);
    } else if (e instanceof CertificateAuthoritiesExtension cas) {
      f.add(H + "dnames_len", data.length - 2);
      cas.authorities().forEach(dn -> f.add(H + "dname_len", dn.length()));
    } else if (e instanceof KeyShareExtension ks) {
      keyShare(f, ks, data.length);
    } else if (e instanceof RenegotiationInfoExtension ri) {
      f.add(X + "_reneg_info_len", ri.renegotiatedConnection().length());
      if (!ri.renegotiatedConnection().isEmpty()) {
        f.add(X + "_reneg_info", colonHex(ri.renegotiatedConnection()));
      }
    } else if (e instanceof SignedCertificateTimestampExtension sct && !sct.timestamps().isEmpty()) {
      throw new IllegalArgumentException("SCT lists are not mapped to tshark fields yet: " + e);
    } else if (!(e instanceof EncryptThenMacExtension || e instanceof ExtendedMasterSecretExtension
        || e instanceof PostHandshakeAuthExtension || e instanceof SignedCertificateTimestampExtension)) {
      throw new IllegalArgumentException("no tshark fields known for " + e + ": teach ExtensionFields");
    }
    return f;
  }

  /** The fields of every extension, in order. */
  static FieldMap of(List<Extension> extensions) {
    FieldMap f = new FieldMap();
    extensions.forEach(e -> f.addAll(of(e)));
    return f;
  }

  private static void signatureSchemes(FieldMap f, List<Integer> schemes) {
    f.add(H + "sig_hash_alg_len", 2 * schemes.size());
    signatureScheme(f, schemes);
  }

  /** tshark splits each scheme into a "hash" (high byte) and a "signature" (low byte). */
  static void signatureScheme(FieldMap f, List<Integer> schemes) {
    f.addAll(H + "sig_hash_alg", schemes, FieldMap::hex4)
        .addAll(H + "sig_hash_hash", schemes, s -> String.valueOf(s >>> 8))
        .addAll(H + "sig_hash_sig", schemes, s -> String.valueOf(s & 0xff));
  }

  /** An OCSPStatusRequest inside status_request_v2 (kept opaque by the codec): responder_id_list, extensions. */
  private static void ocspRequestLengths(FieldMap f, Bytes request) {
    if (request.length() < 4) {
      return;
    }
    int ids = (request.get(0) << 8) | request.get(1);
    if (2 + ids + 2 > request.length()) {
      return;
    }
    int exts = (request.get(2 + ids) << 8) | request.get(3 + ids);
    f.add(X + "_status_request_responder_ids_len", ids).add(X + "_status_request_exts_len", exts);
  }

  private static void preSharedKey(FieldMap f, PreSharedKeyExtension psk) {
    String p = X + ".psk.";
    if (psk.selectedIdentity().isPresent()) {
      f.add(p + "identity.selected", psk.selectedIdentity().get());
      return;
    }
    f.add(p + "identities.length",
        psk.identities().stream().mapToInt(i -> 2 + i.identity().length() + 4).sum());
    for (PreSharedKeyExtension.PskIdentity identity : psk.identities()) {
      f.add(p + "identity.identity_length", identity.identity().length())
          .add(p + "identity.identity", colonHex(identity.identity()))
          .add(p + "identity.obfuscated_ticket_age", identity.obfuscatedTicketAge());
    }
    f.add(p + "binders_len", psk.binders().stream().mapToInt(b -> 1 + b.length()).sum()).add(p + "binders", "");
  }

  private static void keyShare(FieldMap f, KeyShareExtension ks, int dataLength) {
    switch (ks.form()) {
      case CLIENT_SHARES -> {
        f.add(X + "_key_share_client_length", dataLength - 2);
        ks.entries().forEach(entry -> keyShareEntry(f, entry));
      }
      case SERVER_SHARE -> keyShareEntry(f, ks.entries().get(0));
      case SELECTED_GROUP -> f.add(X + "_key_share_selected_group", ks.entries().get(0).group());
    }
  }

  private static void keyShareEntry(FieldMap f, KeyShareEntry entry) {
    f.add(X + "_key_share_group", entry.group())
        .add(X + "_key_share_key_exchange_length", entry.keyExchange().length())
        .add(X + "_key_share_key_exchange", colonHex(entry.keyExchange()));
  }
}
