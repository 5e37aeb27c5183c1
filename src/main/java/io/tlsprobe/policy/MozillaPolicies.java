package io.tlsprobe.policy;

import io.tlsprobe.TlsProtocol;

/**
 * Mozilla's Server Side TLS guidelines as {@link TlsPolicy} values, carried from the machine-readable guidelines
 * (https://ssl-config.mozilla.org/guidelines/6.0.json and 5.7.json, also https://wiki.mozilla.org/Security/Server_Side_TLS):
 * {@code tls_versions}, {@code ciphersuites} (TLS 1.3) plus {@code ciphers.openssl} (TLS 1.2 and below, resolved to
 * IANA names through the cipher suite registry), {@code tls_curves} (OpenSSL curve names mapped to IANA group names:
 * prime256v1 is secp256r1, X25519 is x25519) and {@code dh_param_size}.
 */
final class MozillaPolicies {
  private static final String DOCUMENT = "Mozilla Server Side TLS";
  private static final String[] TLS13_SUITES = {
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"};
  private static final String[] GROUPS_60 = {"X25519MLKEM768", "x25519", "secp256r1", "secp384r1"};
  private static final String[] GROUPS_57 = {"x25519", "secp256r1", "secp384r1"};
  private static final String[] ECDHE_AEAD = {
      "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
      "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
      "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305"};
  private static final String[] DHE_AEAD = {
      "DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-CHACHA20-POLY1305"};
  private static final String[] OLD_57_TAIL = {
      "ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256", "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA",
      "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384", "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA",
      "DHE-RSA-AES128-SHA256", "DHE-RSA-AES256-SHA256", "AES128-GCM-SHA256", "AES256-GCM-SHA384",
      "AES128-SHA256", "AES256-SHA256", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA"};

  private MozillaPolicies() {}

  static TlsPolicy modern60() {
    return base("Mozilla modern", "6.0").allowedProtocols(TlsProtocol.TLSv1_3)
        .allowedCipherSuites(TLS13_SUITES).allowedGroups(GROUPS_60).build();
  }

  static TlsPolicy intermediate60() {
    return base("Mozilla intermediate", "6.0").allowedProtocols(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3)
        .allowedCipherSuites(TLS13_SUITES).allowedCipherSuites(ECDHE_AEAD).allowedGroups(GROUPS_60)
        .minimumDhePrimeBits(2048).build();
  }

  static TlsPolicy modern57() {
    return base("Mozilla modern", "5.7").allowedProtocols(TlsProtocol.TLSv1_3)
        .allowedCipherSuites(TLS13_SUITES).allowedGroups(GROUPS_57).build();
  }

  static TlsPolicy intermediate57() {
    return base("Mozilla intermediate", "5.7").allowedProtocols(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3)
        .allowedCipherSuites(TLS13_SUITES).allowedCipherSuites(ECDHE_AEAD).allowedCipherSuites(DHE_AEAD)
        .allowedGroups(GROUPS_57).minimumDhePrimeBits(2048).build();
  }

  static TlsPolicy old57() {
    return base("Mozilla old", "5.7")
        .allowedProtocols(TlsProtocol.TLSv1, TlsProtocol.TLSv1_1, TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3)
        .allowedCipherSuites(TLS13_SUITES).allowedCipherSuites(ECDHE_AEAD).allowedCipherSuites(DHE_AEAD)
        .allowedCipherSuites(OLD_57_TAIL).allowedGroups(GROUPS_57).minimumDhePrimeBits(1024).build();
  }

  private static TlsPolicy.Builder base(String name, String version) {
    return TlsPolicy.builder(name + " " + version).source(new PolicySource(DOCUMENT, version,
        "https://ssl-config.mozilla.org/guidelines/" + version + ".json"));
  }
}
