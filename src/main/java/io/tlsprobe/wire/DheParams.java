package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * The finite-field Diffie-Hellman parameters of a TLS 1.2 ServerKeyExchange (<a
 * href="https://www.rfc-editor.org/rfc/rfc5246#section-7.4.3">RFC 5246 section 7.4.3</a>):
 *
 * <pre>
 * struct {
 *     opaque dh_p&lt;1..2^16-1&gt;;
 *     opaque dh_g&lt;1..2^16-1&gt;;
 *     opaque dh_Ys&lt;1..2^16-1&gt;;
 * } ServerDHParams;
 * </pre>
 *
 * <pre>{@code
 * ServerKeyExchange.parseDhe(body).primeBits(); // 2048
 * }</pre>
 *
 * @param p the prime, big-endian
 * @param g the generator
 * @param ys the server's public value
 * @param signature everything after the parameters (signed_params), possibly empty for anonymous suites
 */
public record DheParams(Bytes p, Bytes g, Bytes ys, Bytes signature) {
  public DheParams {
    requireNonNull(p, "p");
    requireNonNull(g, "g");
    requireNonNull(ys, "ys");
    requireNonNull(signature, "signature");
  }

  /** The bit length of p, ignoring leading zero bytes and bits (a 2048-bit group gives 2048). */
  public int primeBits() {
    for (int i = 0; i < p.length(); i++) {
      int b = p.get(i);
      if (b != 0) {
        return (p.length() - i - 1) * 8 + (32 - Integer.numberOfLeadingZeros(b));
      }
    }
    return 0;
  }

  static DheParams decode(WireReader r) {
    Bytes p = r.block16("ServerKeyExchange.params.dh_p", 1).rest();
    Bytes g = r.block16("ServerKeyExchange.params.dh_g", 1).rest();
    Bytes ys = r.block16("ServerKeyExchange.params.dh_Ys", 1).rest();
    return new DheParams(p, g, ys, r.rest());
  }
}
