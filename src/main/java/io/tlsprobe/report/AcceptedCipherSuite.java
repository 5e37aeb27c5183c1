package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import java.util.Optional;

/**
 * One cipher suite a server accepted in one protocol version, with the key exchange it used when it did: the group
 * of a TLS 1.3 ServerHello or HelloRetryRequest or of a TLS 1.2 ECDHE ServerKeyExchange (<a
 * href="https://www.rfc-editor.org/rfc/rfc8422#section-5.4">RFC 8422 section 5.4</a>), or the prime size of a DHE
 * ServerKeyExchange (<a href="https://www.rfc-editor.org/rfc/rfc5246#section-7.4.3">RFC 5246 section 7.4.3</a>).
 *
 * <pre>{@code
 * AcceptedCipherSuite s = profile.protocol(TLSv1_2).orElseThrow().accepted().get(0);
 * s.cipherSuite().name(); // "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"
 * s.dhPrimeBits();        // Optional[2048]
 * }</pre>
 *
 * @param cipherSuite the suite
 * @param group the key-exchange group the server used with it, when one was named; for a TLS 1.3 suite found by
 *     the scan, the group its HelloRetryRequest selected (the scan's TLS 1.3 hellos send an empty key_share)
 * @param dhPrimeBits the finite-field Diffie-Hellman prime size the server used with it, for DHE suites
 */
public record AcceptedCipherSuite(CipherSuite cipherSuite, Optional<NamedGroup> group, Optional<Integer> dhPrimeBits) {
  public AcceptedCipherSuite {
    requireNonNull(cipherSuite, "cipherSuite");
    requireNonNull(group, "group");
    requireNonNull(dhPrimeBits, "dhPrimeBits");
  }

  /** A suite with no key-exchange detail (static RSA, or a detail the server did not show). */
  public static AcceptedCipherSuite of(CipherSuite cipherSuite) {
    return new AcceptedCipherSuite(cipherSuite, Optional.empty(), Optional.empty());
  }

  /** {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (x25519)} or {@code … (DHE 2048 bits)}. */
  @Override
  public String toString() {
    String detail = group.map(NamedGroup::name).or(() -> dhPrimeBits.map(b -> "DHE " + b + " bits")).orElse("");
    return cipherSuite.name() + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
