package io.tlsprobe.policy;

import io.tlsprobe.TlsProtocol;

/**
 * BSI TR-02102-2, "Kryptographische Verfahren: Empfehlungen und Schlüssellängen, Teil 2 – Verwendung von Transport
 * Layer Security (TLS)", version {@value #VERSION}
 * (https://www.bsi.bund.de/SharedDocs/Downloads/DE/BSI/Publikationen/TechnischeRichtlinien/TR02102/BSI-TR-02102-2.html),
 * as a {@link TlsPolicy}. The lists, with the last year each entry is recommended for, are data: {@code
 * bsi-tr-02102-2.tsv} beside this class.
 *
 * <pre>{@code
 * TlsPolicy.BSI_TR_02102_2.evaluate(profile);
 * }</pre>
 *
 * <ul>
 *   <li>Versions (section 3.2): TLS 1.2 and TLS 1.3; TLS 1.0, 1.1, SSL 2.0 and 3.0 are not recommended.
 *   <li>Cipher suites (section 3.3.1): for TLS 1.2 Table 1 (with forward secrecy: ECDHE and DHE with AES-CBC-SHA2,
 *       AES-GCM, AES-CCM; until 2031 for ECDHE, 2029 for DHE), Table 2 (without: static ECDH and DH; until 2026)
 *       and the PSK suites (ECDHE_PSK, DHE_PSK, RSA_PSK); for TLS 1.3 (section 3.4.4) TLS_AES_128_GCM_SHA256,
 *       TLS_AES_256_GCM_SHA384, TLS_AES_128_CCM_SHA256 (until 2032+). No ChaCha20. The years are carried in the data
 *       for people; the check does not read a clock.
 *   <li>Groups (section 3.4): secp256r1, secp384r1, secp521r1, brainpoolP256r1, brainpoolP384r1, brainpoolP512r1
 *       (TLS 1.2) and ffdhe3072, ffdhe4096.
 *   <li>Extensions and features (section 3.6): no TLS compression, no Heartbeat extension, extended master secret,
 *       encrypt-then-MAC wherever CBC suites are accepted, renegotiation only per RFC 5746 (secure renegotiation).
 *   <li>Key lengths (section 3.6.1, after TR-02102-1 Table 3.1): RSA, DSA and DH of at least 3000 bits, EC of at
 *       least 250 bits (so RSA and DH of 2048 bits break it, 3072 comply).
 * </ul>
 *
 * <p>Sources read: TLS-Scanner's guideline "BSI TR-02102-2 (v2025-01)" (tls-attacker/TLS-Scanner) and
 * stfbk/tls-compliance-dataset ("Cipher Suites", "Supported groups", "Protocols", "Key lengths"), which agree on
 * these lists; the
 * PDF itself was not at hand. Left out for lack of a checked source: the brainpool code points for TLS 1.3, the
 * signature-algorithm lists, and 0-RTT (a scan does not report it).
 */
final class BsiPolicies {
  static final String DOCUMENT = "BSI TR-02102-2";
  static final String VERSION = "2025-01";
  static final String URL =
      "https://www.bsi.bund.de/SharedDocs/Downloads/DE/BSI/Publikationen/TechnischeRichtlinien/TR02102/BSI-TR-02102-2.html";

  private BsiPolicies() {}

  static TlsPolicy tr02102_2() {
    PolicyData data = PolicyData.read("bsi-tr-02102-2.tsv");
    return TlsPolicy.builder("BSI TR-02102-2")
        .source(new PolicySource(DOCUMENT, VERSION, URL))
        .allowedProtocols(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3)
        .allowedCipherSuites(data.names("suite"))
        .allowedGroups(data.names("group"))
        .minimumDhePrimeBits(3000)
        .requiredFeatures(FeatureRule.SECURE_RENEGOTIATION, FeatureRule.EXTENDED_MASTER_SECRET,
            FeatureRule.ENCRYPT_THEN_MAC, FeatureRule.NO_HEARTBEAT)
        .minimumCertificateKeyBits("RSA", 3000)
        .minimumCertificateKeyBits("DSA", 3000)
        .minimumCertificateKeyBits("EC", 250)
        .build();
  }
}
