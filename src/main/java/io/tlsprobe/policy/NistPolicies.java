package io.tlsprobe.policy;

import io.tlsprobe.TlsProtocol;

/**
 * NIST Special Publication 800-52 Revision 2, "Guidelines for the Selection, Configuration, and Use of Transport
 * Layer Security (TLS) Implementations" (August 2019, https://doi.org/10.6028/NIST.SP.800-52r2), for servers of
 * government-only applications, as a {@link TlsPolicy}. The lists are data: {@code nist-sp-800-52r2.tsv} beside this
 * class.
 *
 * <pre>{@code
 * TlsPolicy.NIST_SP_800_52R2.evaluate(profile);
 * }</pre>
 *
 * <ul>
 *   <li>Versions (section 3.1): TLS 1.2 and 1.3 only ("shall not use TLS 1.0, SSL 3.0, or SSL 2.0", "should not be
 *       configured to use TLS 1.1"); TLS 1.3 required ("Agencies shall support TLS 1.3 by January 1, 2024").
 *   <li>Cipher suites (section 3.3.1.1 for TLS 1.2 and earlier, per server certificate type: ECDSA, RSA, DSA,
 *       DSA-signed DH, RSA-signed DH, ECDSA-signed ECDH, RSA-signed ECDH; 3.3.1.2 for TLS 1.3: AES-GCM and AES-CCM,
 *       no ChaCha20): 60 suites; "all cipher suites not explicitly mentioned" are not allowed. The check does not
 *       match suites to the certificate type the server has.
 *   <li>Groups (section 3.4.2.2): when EC suites (or TLS 1.3) are configured, at least one of secp256r1 and
 *       secp384r1. The document lists no closed set of allowed groups (it points to SP 800-56A Appendix D), so
 *       other groups are not checked.
 *   <li>Extensions (section 3.4.1, mandatory): renegotiation_info, extended master secret and certificate status
 *       request, as {@link FeatureRule}s; server name indication and signature algorithms are mandatory too but a
 *       scan reports no finding for them, so they are not checked. Section 3.4.2 (conditional): encrypt-then-MAC
 *       where CBC suites are negotiated, TLS_FALLBACK_SCSV where versions below TLS 1.2 are and TLS 1.3 is not.
 *   <li>Certificates and key sizes (section 3.2, "at least 112 bits of security"): RSA and DSA keys of at least 2048
 *       bits, EC keys of at least 224 bits, DHE primes of at least 2048 bits; EC certificates on P-256 or P-384 (a
 *       "should" in the document's certificate profile table).
 * </ul>
 *
 * <p>Sources read: the document's text as quoted in cisco/mercury's {@code crypto_assess.h} (sections 3.1, 3.2,
 * 3.3.1.1, 3.3.1.2, 3.4.1), cross-checked with TLS-Scanner's NIST guideline and stfbk/tls-compliance-dataset. Left
 * out for lack of a checked source: the PSK suites of the document's appendix, and the citizen- or business-facing
 * profile (which may also allow TLS 1.0 and 1.1).
 */
final class NistPolicies {
  static final String DOCUMENT = "NIST SP 800-52 Rev. 2";
  static final String VERSION = "August 2019";
  static final String URL = "https://doi.org/10.6028/NIST.SP.800-52r2";

  private NistPolicies() {}

  static TlsPolicy sp800_52r2() {
    PolicyData data = PolicyData.read("nist-sp-800-52r2.tsv");
    return TlsPolicy.builder("NIST SP 800-52r2")
        .source(new PolicySource(DOCUMENT, VERSION, URL))
        .allowedProtocols(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3)
        .requiredProtocols(TlsProtocol.TLSv1_3)
        .allowedCipherSuites(data.names("suite"))
        .requiredGroupAmong(data.names("required-group-among"))
        .minimumDhePrimeBits(2048)
        .requiredFeatures(FeatureRule.SECURE_RENEGOTIATION, FeatureRule.EXTENDED_MASTER_SECRET,
            FeatureRule.OCSP_STAPLING, FeatureRule.ENCRYPT_THEN_MAC, FeatureRule.FALLBACK_SCSV)
        .minimumCertificateKeyBits("RSA", 2048)
        .minimumCertificateKeyBits("DSA", 2048)
        .minimumCertificateKeyBits("EC", 224)
        .allowedCertificateCurves("secp256r1", "secp384r1")
        .build();
  }
}
