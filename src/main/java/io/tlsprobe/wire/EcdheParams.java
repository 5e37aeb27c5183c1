package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * The ECDHE parameters of a TLS 1.2 ServerKeyExchange (<a
 * href="https://www.rfc-editor.org/rfc/rfc8422#section-5.4">RFC 8422 section 5.4</a>), named curves only:
 *
 * <pre>
 * struct {
 *     ECCurveType curve_type;      // named_curve (3)
 *     NamedCurve  namedcurve;
 *     opaque      point &lt;1..2^8-1&gt;;
 * } ServerECDHParams;
 * </pre>
 *
 * <pre>{@code
 * ServerKeyExchange.parseEcdhe(body).namedGroup(); // 29 for x25519
 * }</pre>
 *
 * @param curveType always 3 (named_curve)
 * @param namedGroup the group code point
 * @param publicPoint the server's public key
 * @param signature everything after the parameters: the signed_params (algorithm and signature), possibly empty
 *     for anonymous suites
 */
public record EcdheParams(int curveType, int namedGroup, Bytes publicPoint, Bytes signature) {
  /** {@code ECCurveType} named_curve. */
  public static final int NAMED_CURVE = 3;

  public EcdheParams {
    requireNonNull(publicPoint, "publicPoint");
    requireNonNull(signature, "signature");
  }

  static EcdheParams decode(WireReader r) {
    int at = r.offset();
    int curveType = r.u8("ServerKeyExchange.params.curve_params.curve_type");
    if (curveType != NAMED_CURVE) {
      throw WireReader.errorAt("ServerKeyExchange.params.curve_params.curve_type", at,
          "curve type " + curveType + " is not named_curve (3)");
    }
    int group = r.u16("ServerKeyExchange.params.curve_params.namedcurve");
    Bytes point = r.block8("ServerKeyExchange.params.point", 1).rest();
    return new EcdheParams(curveType, group, point, r.rest());
  }
}
