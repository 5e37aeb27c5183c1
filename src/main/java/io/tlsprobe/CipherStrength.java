package io.tlsprobe;

import static java.util.Objects.requireNonNull;

/**
 * How strong a cipher suite is, weakest first, so {@code compareTo} and {@link #isAtLeast} rank them. The rules that
 * put each suite in its class are documented on {@link CipherSuite}; {@link CipherSuite#strengthReason()} says why
 * a given suite is where it is.
 *
 * <pre>{@code
 * CipherSuite.of(0x0005).strength();              // INSECURE: RC4
 * CipherSuite.of(0x000a).strength();              // WEAK: 3DES, SWEET32
 * CipherSuite.of(0xc0ac).strength();              // SECURE: AES-CCM with ECDHE
 * CipherSuite.of(0x1301).strength();              // RECOMMENDED
 * CipherStrength.SECURE.isAtLeast(CipherStrength.WEAK); // true
 * }</pre>
 */
public enum CipherStrength {
  /** Broken or without protection: NULL, anonymous, export-grade, RC4, DES, RC2, MD5 MAC, unknown code points. */
  INSECURE,
  /** Not broken outright but below current practice: 64-bit blocks, no forward secrecy, CBC, CCM_8, SHA-1 MAC. */
  WEAK,
  /** AEAD with forward secrecy outside the recommended set (AES-CCM, ARIA, Camellia, PSK, DSS, SM4, …). */
  SECURE,
  /** AES-GCM or ChaCha20-Poly1305 with (EC)DHE and RSA/ECDSA authentication, or TLS 1.3 (RFC 9325 section 4.2). */
  RECOMMENDED;

  /** Whether this class is {@code other} or stronger. */
  public boolean isAtLeast(CipherStrength other) {
    return compareTo(requireNonNull(other, "other")) >= 0;
  }
}
