package io.tlsprobe;

/**
 * How a cipher suite's bulk cipher protects records (<a
 * href="https://www.rfc-editor.org/rfc/rfc5246#section-6.2.3">RFC 5246 section 6.2.3</a>).
 *
 * <pre>{@code
 * CipherSuite.of(0xc02f).mode(); // AEAD   (ECDHE-RSA-AES128-GCM-SHA256)
 * CipherSuite.of(0x002f).mode(); // CBC    (AES128-SHA)
 * CipherSuite.of(0x0005).mode(); // STREAM (RC4-SHA)
 * CipherSuite.of(0x0002).mode(); // NONE   (NULL-SHA)
 * }</pre>
 */
public enum CipherMode {
  /** Authenticated encryption with associated data: GCM, CCM, ChaCha20-Poly1305, MGM, AEGIS. */
  AEAD,
  /** A block cipher in CBC mode with a separate MAC (MAC-then-encrypt unless encrypt_then_mac is negotiated). */
  CBC,
  /** A stream cipher (RC4, GOST counter modes) with a separate MAC. */
  STREAM,
  /** No encryption: NULL ciphers, signalling values and unknown code points. */
  NONE
}
