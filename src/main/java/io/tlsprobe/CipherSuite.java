package io.tlsprobe;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A TLS cipher suite (<a href="https://www.rfc-editor.org/rfc/rfc8446#appendix-B.4">RFC 8446 appendix B.4</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5246#appendix-A.5">RFC 5246 appendix A.5</a>): every entry of IANA's TLS
 * Cipher Suites registry plus the unassigned code points OpenSSL and testssl.sh know, each with its OpenSSL name,
 * what it is made of and how strong it is. Values come from the generated resource {@code cipher-suites.tsv} (see
 * {@code src/tools/registry/}); {@link #of} never throws, so a code point read off the wire always has a value.
 *
 * <pre>{@code
 * CipherSuite suite = CipherSuite.of(0xc02f);
 * suite.name();              // "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
 * suite.openSslName();       // Optional[ECDHE-RSA-AES128-GCM-SHA256]
 * suite.keyExchange();       // "ECDHE"
 * suite.forwardSecrecy();    // true
 * suite.strength();          // RECOMMENDED
 * CipherSuite.of(0x000a).strengthReason(); // "3DES has a 64-bit block: SWEET32 (CVE-2016-2183); ..."
 * CipherSuite.of(0x1234).name();           // "unknown(0x1234)"
 * CipherSuite.byName("AES128-SHA");        // Optional[TLS_RSA_WITH_AES_128_CBC_SHA]
 * }</pre>
 *
 * <h2>Strength classes</h2>
 *
 * The class is the worst that any of these rules gives; {@link #strengthReason()} lists every reason found at that
 * level, separated by {@code "; "}.
 *
 * <ul>
 *   <li>{@link CipherStrength#INSECURE}: NULL cipher (no encryption, including RFC 9150 integrity-only suites);
 *       anonymous key exchange (no server authentication); export-grade (FREAK/Logjam); RC4 (RFC 7465); single DES
 *       or DES40 (56 bits or less); RC2; an HMAC-MD5 MAC (MD5 is broken, RFC 6151 — HMAC-MD5 itself is not
 *       practically forgeable, but every suite using it is also obsolete otherwise). Unknown code points are
 *       INSECURE too: nothing about them can be vouched for.
 *   <li>{@link CipherStrength#WEAK}: a 64-bit block cipher (3DES, IDEA, GOST 28147-89/Magma: SWEET32); no forward
 *       secrecy (static RSA, DH, ECDH, plain or RSA-encrypted PSK, Kerberos, GOST key transport); CBC mode (Lucky13,
 *       padding oracles); a stream cipher with a separate MAC; CCM_8 (64-bit tag); an HMAC-SHA1 MAC.
 *   <li>{@link CipherStrength#SECURE}: AEAD with forward secrecy that is not in the recommended set: AES-CCM,
 *       ARIA, Camellia, SM4, AEGIS, GOST Kuznyechik, DSS or PSK or password authentication, draft code points. The
 *       two signalling values ({@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV}, {@code TLS_FALLBACK_SCSV}) and GREASE
 *       values are SECURE as well: they are never negotiated, and offering them only adds protection, so a check
 *       that every offered suite is at least SECURE passes a client that sends them.
 *   <li>{@link CipherStrength#RECOMMENDED}: the TLS 1.3 AES-GCM and ChaCha20-Poly1305 suites, and TLS 1.2 (EC)DHE
 *       with RSA or ECDSA authentication and AES-GCM or ChaCha20-Poly1305 (RFC 7525 and RFC 9325 section 4.2,
 *       Mozilla's intermediate profile).
 * </ul>
 *
 * <p>Anonymous suites are reported without forward secrecy even though their Diffie-Hellman keys are ephemeral:
 * without authentication an active attacker reads the traffic anyway. TLS 1.3 suites report key exchange and
 * authentication as {@code "any"}: the group and the signature scheme are negotiated separately.
 */
public final class CipherSuite extends CodePoint {
  private static final List<TlsProtocol> EVERY_VERSION_BUT_SSL2 =
      List.of(
          TlsProtocol.SSLv3, TlsProtocol.TLSv1, TlsProtocol.TLSv1_1, TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3);

  private final @Nullable String openSslName;
  private final String keyExchange;
  private final String authentication;
  private final String bulkCipher;
  private final CipherMode mode;
  private final int secretKeyBits;
  private final String mac;
  private final boolean forwardSecrecy;
  private final Set<TlsProtocol> protocols;
  private final CipherStrength strength;
  private final String strengthReason;
  private final boolean ianaRecommended;
  private final boolean signaling;
  private final boolean grease;

  private CipherSuite(Registry.Row row) {
    super(row);
    String openssl = row.text("openssl");
    this.openSslName = openssl.isEmpty() ? null : openssl;
    this.keyExchange = row.required("kx");
    this.authentication = row.required("auth");
    this.bulkCipher = row.required("cipher");
    this.mode = row.constant("mode", CipherMode.class);
    this.secretKeyBits = row.number("bits");
    this.mac = row.required("mac");
    this.forwardSecrecy = row.flag("fs");
    List<TlsProtocol> versions = new ArrayList<>();
    for (String protocol : row.list("protocols", ",")) {
      versions.add(row.wrap(() -> TlsProtocol.valueOf(protocol)));
    }
    this.protocols = versions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(versions));
    this.strength = row.constant("strength", CipherStrength.class);
    this.strengthReason = row.required("reason");
    this.ianaRecommended = row.flag("recommended");
    this.signaling = row.flag("signaling");
    this.grease = false;
  }

  /** An unlisted code point: a GREASE value or an unknown one. */
  private CipherSuite(int code, boolean grease) {
    super(code, grease ? Registry.greaseName(code) : Registry.unknownName(code, 4));
    this.openSslName = null;
    this.keyExchange = "unknown";
    this.authentication = "unknown";
    this.bulkCipher = "unknown";
    this.mode = CipherMode.NONE;
    this.secretKeyBits = 0;
    this.mac = "unknown";
    this.forwardSecrecy = false;
    this.protocols = grease ? Collections.unmodifiableSet(EnumSet.copyOf(EVERY_VERSION_BUT_SSL2)) : Set.of();
    this.strength = grease ? CipherStrength.SECURE : CipherStrength.INSECURE;
    this.strengthReason =
        grease
            ? "GREASE value (RFC 8701): never negotiated, offering it keeps servers tolerant"
            : "unknown cipher suite: its algorithms cannot be assessed";
    this.ianaRecommended = false;
    this.signaling = false;
    this.grease = grease;
  }

  private static final class Holder {
    static final Registry<CipherSuite> REGISTRY =
        Registry.load(
            "cipher-suites.tsv",
            CipherSuite::new,
            CipherSuite::code,
            CipherSuite::namesWithOpenSsl,
            code -> new CipherSuite(code, false),
            code -> new CipherSuite(code, true));
  }

  /**
   * The suite with this two-byte code point. Never throws: a GREASE value ({@link Grease#isGrease}) comes back
   * named {@code "GREASE (0x0a0a)"}, any other unlisted value as {@code "unknown(0x1234)"} (lower-case, four hex
   * digits); either way {@link #code()} returns {@code code}.
   */
  public static CipherSuite of(int code) {
    return Holder.REGISTRY.of(code);
  }

  /**
   * Orders suites strongest first, as a client offering many would: by {@link #strength()}, then forward secrecy,
   * ECDHE key exchange, AEAD, secret key bits (each preferred first), then code point. Used where hand-made hellos
   * list the suites a server is most likely to accept first.
   *
   * <pre>{@code
   * CipherSuite.all().stream().sorted(CipherSuite.strongestFirst()).toList();
   * }</pre>
   */
  public static Comparator<CipherSuite> strongestFirst() {
    return Comparator.comparing(CipherSuite::strength, Comparator.reverseOrder())
        .thenComparing(s -> !s.forwardSecrecy())
        .thenComparing(s -> !s.keyExchange().startsWith("ECDHE"))
        .thenComparing(s -> !s.isAead())
        .thenComparing(CipherSuite::secretKeyBits, Comparator.reverseOrder())
        .thenComparingInt(CipherSuite::code);
  }

  /** Every listed suite, in code point order (IANA's assignments plus the extra code points OpenSSL knows). */
  public static List<CipherSuite> all() {
    return Holder.REGISTRY.all();
  }

  /**
   * The suite an IANA name ({@code "TLS_RSA_WITH_AES_128_CBC_SHA"}) or an OpenSSL name ({@code "AES128-SHA"})
   * stands for, ignoring case; also accepts the names {@link #of} gives unlisted code points.
   */
  public static Optional<CipherSuite> byName(String name) {
    return Holder.REGISTRY.byName(name);
  }

  /** The OpenSSL name, e.g. {@code "ECDHE-RSA-AES128-GCM-SHA256"}; TLS 1.3 suites have their IANA name here. */
  public Optional<String> openSslName() {
    return Optional.ofNullable(openSslName);
  }

  /**
   * The key exchange: {@code ECDHE}, {@code DHE}, {@code RSA}, {@code DH}, {@code ECDH}, {@code PSK}, {@code
   * DHE_PSK}, {@code ECDHE_PSK}, {@code RSA_PSK}, {@code SRP}, {@code KRB5}, {@code ECCPWD}, {@code GOSTR…}, {@code
   * NULL}, or {@code any} for TLS 1.3 (negotiated through the supported groups), {@code unknown} when unlisted.
   */
  public String keyExchange() {
    return keyExchange;
  }

  /**
   * How the server is authenticated: {@code RSA}, {@code ECDSA}, {@code DSS}, {@code anon}, {@code PSK}, {@code
   * SRP}, {@code KRB5}, {@code ECCPWD}, {@code GOSTR…}, {@code NULL}, or {@code any} for TLS 1.3.
   */
  public String authentication() {
    return authentication;
  }

  /** The bulk cipher as IANA names it: {@code AES_128_GCM}, {@code CHACHA20_POLY1305}, {@code 3DES_EDE_CBC}, … */
  public String bulkCipher() {
    return bulkCipher;
  }

  /** How records are protected. */
  public CipherMode mode() {
    return mode;
  }

  /** Whether records are protected by an AEAD cipher. */
  public boolean isAead() {
    return mode == CipherMode.AEAD;
  }

  /**
   * The secret key bits, as OpenSSL and Python's {@code ssl.SSLSocket.cipher()} report them: 128 for AES-128, 112
   * for 3DES (its effective strength), 40 for export RC4, 0 for NULL.
   */
  public int secretKeyBits() {
    return secretKeyBits;
  }

  /**
   * The record MAC: {@code AEAD} when the cipher authenticates (the hash in the name then only feeds the PRF),
   * else {@code SHA1}, {@code SHA256}, {@code SHA384}, {@code MD5}, or a GOST MAC; {@code NULL} for signalling
   * values.
   */
  public String mac() {
    return mac;
  }

  /** Whether a stolen server key cannot decrypt recorded sessions: ephemeral key exchange (and all of TLS 1.3). */
  public boolean forwardSecrecy() {
    return forwardSecrecy;
  }

  /**
   * The versions this suite may be negotiated in: TLS 1.3 suites only in TLS 1.3, AEAD and SHA-2 HMAC suites from
   * TLS 1.2 (PSK ones from TLS 1.0), export suites up to TLS 1.0, DES and IDEA up to TLS 1.1, the rest SSL 3.0 to
   * TLS 1.2. Empty for unknown code points.
   */
  public Set<TlsProtocol> protocols() {
    return protocols;
  }

  /** Whether this suite may be negotiated in {@code protocol}. */
  public boolean isValidFor(TlsProtocol protocol) {
    return protocols.contains(requireNonNull(protocol, "protocol"));
  }

  /** The strength class; the rules are in this class's documentation. */
  public CipherStrength strength() {
    return strength;
  }

  /** Why the suite has its {@link #strength()}, e.g. {@code "RC4 is prohibited by RFC 7465"}. */
  public String strengthReason() {
    return strengthReason;
  }

  /** Whether IANA's "Recommended" column says {@code Y} for this suite. */
  public boolean isIanaRecommended() {
    return ianaRecommended;
  }

  /**
   * Whether this is a signalling value, not a cipher: {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV} ({@code 0x00ff},
   * RFC 5746) or {@code TLS_FALLBACK_SCSV} ({@code 0x5600}, RFC 7507).
   */
  public boolean isSignaling() {
    return signaling;
  }

  /** Whether the code point is one of the sixteen GREASE values (RFC 8701). */
  public boolean isGrease() {
    return grease;
  }

  /** Whether IANA assigned this code point (the others are private or pre-standard ones OpenSSL knows). */
  public boolean isIanaAssigned() {
    return sources().contains("iana");
  }

  private List<String> namesWithOpenSsl() {
    List<String> names = new ArrayList<>(names());
    if (openSslName != null) {
      names.add(openSslName);
    }
    return names;
  }
}
