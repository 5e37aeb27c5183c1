package io.tlsprobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A signature algorithm from the {@code signature_algorithms} and {@code signature_algorithms_cert} extensions (<a
 * href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.3">RFC 8446 section 4.2.3</a>): every entry of IANA's
 * TLS SignatureScheme registry (RSA PKCS#1 and PSS, ECDSA, EdDSA, brainpool, SM2, GOST, ML-DSA), plus the TLS 1.2
 * hash/signature pairs of <a href="https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.4.1">RFC 5246 section
 * 7.4.1.4.1</a> that the registry only reserves but clients still send ({@code 0x0303} ecdsa_sha224, {@code 0x0202}
 * dsa_sha1, …). {@link #of} never throws.
 *
 * <pre>{@code
 * SignatureScheme.of(0x0804).name();           // "rsa_pss_rsae_sha256"
 * SignatureScheme.of(0x0303).name();           // "ecdsa_sha224"
 * SignatureScheme.of(0x0201).isRecommended();  // false: rsa_pkcs1_sha1
 * SignatureScheme.of(0x0905).name();           // "mldsa65"
 * SignatureScheme.byName("ed25519");           // Optional[ed25519]
 * }</pre>
 */
public final class SignatureScheme extends CodePoint {
  private final boolean recommended;
  private final boolean grease;

  private SignatureScheme(Registry.Row row) {
    super(row);
    this.recommended = row.flag("recommended");
    this.grease = false;
  }

  private SignatureScheme(int code, boolean grease) {
    super(code, grease ? Registry.greaseName(code) : Registry.unknownName(code, 4));
    this.recommended = false;
    this.grease = grease;
  }

  private static final class Holder {
    static final Registry<SignatureScheme> REGISTRY =
        Registry.load(
            "signature-schemes.tsv",
            SignatureScheme::new,
            SignatureScheme::code,
            SignatureScheme::names,
            code -> new SignatureScheme(code, false),
            code -> new SignatureScheme(code, true));
  }

  /** The scheme with this code point; GREASE and unknown values included ({@code "unknown(0x1234)"}). */
  public static SignatureScheme of(int code) {
    return Holder.REGISTRY.of(code);
  }

  /** Every listed scheme, in code point order. */
  public static List<SignatureScheme> all() {
    return Holder.REGISTRY.all();
  }

  /** The scheme with this name (ignoring case), e.g. {@code "ecdsa_secp256r1_sha256"}. */
  public static Optional<SignatureScheme> byName(String name) {
    return Holder.REGISTRY.byName(name);
  }

  /** Whether IANA's "Recommended" column says {@code Y}. */
  public boolean isRecommended() {
    return recommended;
  }

  /** Whether the code point is a GREASE value (RFC 8701). */
  public boolean isGrease() {
    return grease;
  }
}
