package io.tlsprobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A key exchange group from the {@code supported_groups} and {@code key_share} extensions (<a
 * href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.7">RFC 8446 section 4.2.7</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc8422#section-5.1.1">RFC 8422 section 5.1.1</a>): every entry of IANA's TLS
 * Supported Groups registry — elliptic curves, the RFC 7919 finite-field groups, GOST curves, the deprecated
 * arbitrary explicit curves, ML-KEM and the ECDHE/ML-KEM hybrids. {@link #of} never throws.
 *
 * <pre>{@code
 * NamedGroup.of(0x001d).name();            // "x25519"
 * NamedGroup.of(0x11ec).isPostQuantum();   // true: X25519MLKEM768
 * NamedGroup.of(0x0100).bits();            // OptionalInt[2048]: ffdhe2048
 * NamedGroup.of(0x0017).isRecommended();   // true: secp256r1
 * NamedGroup.of(0x2a2a).isGrease();        // true
 * NamedGroup.byName("secp384r1");          // Optional[secp384r1]
 * }</pre>
 */
public final class NamedGroup extends CodePoint {
  /** What kind of key exchange a group is. */
  public enum Kind {
    /** Elliptic curve Diffie-Hellman (including X25519/X448, brainpool, GOST and SM2 curves). */
    ELLIPTIC_CURVE,
    /** Finite-field Diffie-Hellman (RFC 7919 ffdhe groups). */
    FINITE_FIELD,
    /** A post-quantum KEM alone (ML-KEM). */
    POST_QUANTUM,
    /** A classical group combined with a post-quantum KEM (X25519MLKEM768, X25519Kyber768Draft00, …). */
    POST_QUANTUM_HYBRID,
    /** A GREASE value (RFC 8701). */
    GREASE,
    /** A code point the registry does not list. */
    UNKNOWN
  }

  private final Kind kind;
  private final int bits;
  private final String recommendation;
  private final boolean obsolete;

  private NamedGroup(Registry.Row row) {
    super(row);
    this.kind = row.constant("kind", Kind.class);
    this.bits = row.number("bits");
    this.recommendation = row.required("recommended");
    this.obsolete = row.flag("obsolete");
  }

  private NamedGroup(int code, Kind kind) {
    super(code, kind == Kind.GREASE ? Registry.greaseName(code) : Registry.unknownName(code, 4));
    this.kind = kind;
    this.bits = 0;
    this.recommendation = "N";
    this.obsolete = false;
  }

  private static final class Holder {
    static final Registry<NamedGroup> REGISTRY =
        Registry.load(
            "named-groups.tsv",
            NamedGroup::new,
            NamedGroup::code,
            NamedGroup::names,
            code -> new NamedGroup(code, Kind.UNKNOWN),
            code -> new NamedGroup(code, Kind.GREASE));
  }

  /** The group with this code point; GREASE and unknown values included ({@code "unknown(0x1234)"}). */
  public static NamedGroup of(int code) {
    return Holder.REGISTRY.of(code);
  }

  /** Every IANA-assigned group, in code point order. */
  public static List<NamedGroup> all() {
    return Holder.REGISTRY.all();
  }

  /** The group with this IANA name (ignoring case), e.g. {@code "X25519MLKEM768"}. */
  public static Optional<NamedGroup> byName(String name) {
    return Holder.REGISTRY.byName(name);
  }

  /** What kind of key exchange this is. */
  public Kind kind() {
    return kind;
  }

  /** Whether a post-quantum KEM is part of the key exchange (alone or in a hybrid). */
  public boolean isPostQuantum() {
    return kind == Kind.POST_QUANTUM || kind == Kind.POST_QUANTUM_HYBRID;
  }

  /**
   * The size of a classical group as OpenSSL reports it (secp256r1: 256, x25519: 253, ffdhe2048: 2048); empty for
   * post-quantum and hybrid groups, the arbitrary explicit curves, GREASE and unknown values.
   */
  public OptionalInt bits() {
    return bits == 0 ? OptionalInt.empty() : OptionalInt.of(bits);
  }

  /** Whether IANA's "Recommended" column says {@code Y}. */
  public boolean isRecommended() {
    return recommendation.equals("Y");
  }

  /** Whether IANA's "Recommended" column says {@code D}: discouraged (draft-ietf-tls-rfc8447bis). */
  public boolean isDiscouraged() {
    return recommendation.equals("D");
  }

  /** Whether IANA marks the code point obsolete (the pre-standard Kyber hybrids). */
  public boolean isObsolete() {
    return obsolete;
  }

  /** Whether the code point is a GREASE value (RFC 8701). */
  public boolean isGrease() {
    return kind == Kind.GREASE;
  }
}
