package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ClientHelloBuilder;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.PaddingExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.TlsRecord;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The scan's ClientHellos and what they may offer. Each version gets the hello a client of that version sends: SSL 3.0
 * without extensions ({@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV} instead), TLS 1.0–1.2 with {@code legacy_version} set
 * to the version and the extensions ECDHE needs (signature_algorithms only in TLS 1.2, RFC 5246 section 7.4.1.4.1),
 * TLS 1.3 with {@code supported_versions} naming only 1.3 (RFC 8446 section 4.2.1) and key shares for x25519 (any 32
 * bytes are a public value, RFC 7748 section 5) and secp256r1 (its base point, the public value of private key 1).
 * The hellos whose answers are read past the ServerHello ({@link #tls13Readable}) offer one group and the share of
 * {@link KeyShares} for it, whose shared secret the scan can compute ({@link Tls13FirstFlight}). A hello that
 * would be 256 to 511 bytes long is padded to 512. Nobody finishes these handshakes.
 *
 * <pre>{@code
 * Hellos hellos = Hellos.create(Optional.empty(), new SecureRandom());
 * byte[] records = hellos.suites(TlsProtocol.TLSv1_2, Hellos.suiteCandidates(TlsProtocol.TLSv1_2).subList(0, 128));
 * }</pre>
 */
final class Hellos {
  /** The most cipher suites one hello offers: some servers refuse longer lists. */
  static final int MAX_SUITES = 128;
  /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 section 3.3). */
  static final int RENEGOTIATION_SCSV = 0x00ff;
  /**
   * ECDSA with SHA-256/384/512, Ed25519, Ed448, RSA-PSS (rsae, then pss) with SHA-256/384/512, RSA PKCS#1 with
   * SHA-256/384/512, then the SHA-224 and SHA-1 schemes and DSA that old servers may need.
   */
  static final int[] SIGNATURE_SCHEMES = {
    0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b,
    0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0203, 0x0201, 0x0202, 0x0402, 0x0502, 0x0602};
  static final int X25519 = 0x001d;
  static final int SECP256R1 = 0x0017;
  /** Groups listed first, in this order: the ones servers most often have. */
  private static final List<Integer> FIRST_GROUPS = List.of(X25519, SECP256R1, 0x0018, 0x0019, 0x001e);
  /** Hellos of PAD_FROM to PAD_TO - 1 bytes (handshake header included) are padded to PAD_TO. */
  static final int PAD_FROM = 256;
  static final int PAD_TO = 512;
  /** arbitrary_explicit_prime_curves and arbitrary_explicit_char2_curves: not groups one can negotiate by name. */
  private static final Set<Integer> NOT_NAMED = Set.of(0xff01, 0xff02);

  /**
   * The secp256r1 key share: the curve's base point G, uncompressed (0x04, x, y; RFC 8446 section 4.2.8.2, the
   * coordinates from SEC 2 section 2.4.2). It is a valid public value (the one of private key 1), so it passes a
   * server's point check, and costs no key generation; nobody finishes these handshakes.
   */
  static final Bytes P256_BASE_POINT = KeyShares.P256_BASE_POINT;

  /** What {@link #suiteCandidates} answers, per version: the registry is data, so the lists are made once. */
  private static final Map<TlsProtocol, List<Integer>> SUITE_CANDIDATES = suiteCandidatesByVersion();
  private static final List<Integer> TLS13_GROUPS = groupCandidatesOf(TlsProtocol.TLSv1_3);
  private static final List<Integer> TLS12_GROUPS = groupCandidatesOf(TlsProtocol.TLSv1_2);
  private static final List<Integer> CURVES = TLS12_GROUPS.stream()
      .filter(g -> NamedGroup.of(g).kind() == NamedGroup.Kind.ELLIPTIC_CURVE)
      .toList();
  private static final List<Integer> ECDHE_SUITES = CipherSuite.all().stream()
      .filter(s -> s.isKnown() && !s.isSignaling() && !s.isGrease() && s.isValidFor(TlsProtocol.TLSv1_2))
      .filter(Hellos::namesCurve)
      .map(CipherSuite::code)
      .limit(MAX_SUITES)
      .toList();

  private final Optional<String> serverName;
  private final SecureRandom random;
  private final Bytes x25519Share;
  private final KeyShares shares;
  /** The TLS 1.3 feature hello's answer, asked once per scan ({@link Tls13FeatureHello}). */
  private final AtomicReference<@Nullable CompletableFuture<Tls13FeatureHello.Result>> tls13Feature =
      new AtomicReference<>();

  private Hellos(Optional<String> serverName, SecureRandom random, Bytes x25519Share, KeyShares shares) {
    this.serverName = requireNonNull(serverName, "serverName");
    this.random = requireNonNull(random, "random");
    this.x25519Share = requireNonNull(x25519Share, "x25519Share");
    this.shares = requireNonNull(shares, "shares");
  }

  /**
   * Hellos with {@code serverName} as SNI, an x25519 key share of 32 bytes from {@code random} for the hellos that
   * are read only up to the ServerHello, and {@link KeyShares} (an x25519 key pair made on first use) for the ones
   * read further.
   */
  static Hellos create(Optional<String> serverName, SecureRandom random) {
    byte[] x25519 = new byte[32];
    random.nextBytes(x25519);
    return new Hellos(serverName, random, Bytes.of(x25519), KeyShares.create(random));
  }

  /** The key shares of the TLS 1.3 hellos, which open the servers' first flights. */
  KeyShares shares() {
    return shares;
  }

  /**
   * The TLS 1.3 feature hello's answer: {@code ask} runs on the first call, later calls (from other threads too) wait
   * for and share its result, so the features and the certificate chain of a TLS 1.3-only server cost one connection.
   */
  Tls13FeatureHello.Result tls13FeatureHello(Supplier<Tls13FeatureHello.Result> ask) {
    CompletableFuture<Tls13FeatureHello.Result> mine = new CompletableFuture<>();
    CompletableFuture<Tls13FeatureHello.Result> first = tls13Feature.compareAndExchange(null, mine);
    if (first != null) {
      return first.join();
    }
    try {
      mine.complete(ask.get());
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    }
    return mine.join();
  }

  /**
   * The suites a scan offers in {@code version}: for TLS 1.3 its own suites, for older versions every listed suite
   * that is not a TLS 1.3 one (a server that picks a suite its version does not allow is a finding too). No
   * signalling or GREASE values. The ones servers most likely accept come first: those the version allows, then by
   * strength, forward secrecy, ECDHE, AEAD and key size.
   */
  static List<Integer> suiteCandidates(TlsProtocol version) {
    return SUITE_CANDIDATES.get(version);
  }

  private static Map<TlsProtocol, List<Integer>> suiteCandidatesByVersion() {
    Map<TlsProtocol, List<Integer>> byVersion = new EnumMap<>(TlsProtocol.class);
    for (TlsProtocol version : TlsProtocol.values()) {
      byVersion.put(version, suiteCandidatesOf(version));
    }
    return Map.copyOf(byVersion);
  }

  private static List<Integer> suiteCandidatesOf(TlsProtocol version) {
    return CipherSuite.all().stream()
        .filter(s -> s.isKnown() && !s.isSignaling() && !s.isGrease())
        .filter(s -> version == TlsProtocol.TLSv1_3 ? s.isValidFor(version) : !s.isValidFor(TlsProtocol.TLSv1_3))
        .sorted(Comparator.comparing((CipherSuite s) -> !s.isValidFor(version))
            .thenComparing(CipherSuite.strongestFirst()))
        .map(CipherSuite::code)
        .toList();
  }

  /** The suites whose key exchange names an elliptic curve in a ServerKeyExchange (ECDHE, anonymous ECDH). */
  static List<Integer> ecdheSuites() {
    return ECDHE_SUITES;
  }

  /** Whether a TLS 1.2 ServerKeyExchange for {@code suite} holds ECDHE parameters with a named curve. */
  static boolean namesCurve(CipherSuite suite) {
    return suite.keyExchange().equals("ECDHE") || suite.keyExchange().equals("ECDH")
        && suite.authentication().equals("anon");
  }

  /** Whether a TLS 1.2 ServerKeyExchange for {@code suite} holds finite-field Diffie-Hellman parameters. */
  static boolean carriesDhParams(CipherSuite suite) {
    return suite.keyExchange().equals("DHE") || suite.keyExchange().equals("DH")
        && suite.authentication().equals("anon");
  }

  /**
   * The groups a scan offers in {@code version}: for TLS 1.3 every named group of the registry (elliptic curves,
   * finite fields, post-quantum and hybrids), for older versions the elliptic curves (ECDHE) and finite fields (RFC
   * 7919 DHE), the common ones first.
   */
  static List<Integer> groupCandidates(TlsProtocol version) {
    return version == TlsProtocol.TLSv1_3 ? TLS13_GROUPS : TLS12_GROUPS;
  }

  private static List<Integer> groupCandidatesOf(TlsProtocol version) {
    return NamedGroup.all().stream()
        .filter(g -> g.isKnown() && !g.isGrease() && !NOT_NAMED.contains(g.code()))
        .filter(g -> version == TlsProtocol.TLSv1_3 || g.kind() == NamedGroup.Kind.ELLIPTIC_CURVE
            || g.kind() == NamedGroup.Kind.FINITE_FIELD)
        .sorted(Comparator.comparingInt((NamedGroup g) -> FIRST_GROUPS.contains(g.code())
                ? FIRST_GROUPS.indexOf(g.code()) : FIRST_GROUPS.size())
            .thenComparingInt(NamedGroup::code))
        .map(NamedGroup::code)
        .toList();
  }

  /** The elliptic curves of {@link #groupCandidates} for TLS 1.2 and below. */
  static List<Integer> curveCandidates() {
    return CURVES;
  }

  /** A hello for {@code version} offering {@code suites} and every group, in records ready to write. */
  byte[] suites(TlsProtocol version, List<Integer> suites) {
    return records(version, build(version, suites, groupCandidates(version), true, SIGNATURE_SCHEMES));
  }

  /**
   * A hello for {@code version} (TLS 1.2: the only one with signature_algorithms) offering {@code suites} and every
   * group, with only {@code signatureSchemes}: which certificate a server picks follows them (Ed25519 with ECDSA
   * suites, RFC 8422 section 5.1.1).
   */
  byte[] suites(TlsProtocol version, List<Integer> suites, int[] signatureSchemes) {
    return records(version, build(version, suites, groupCandidates(version), true, signatureSchemes.clone()));
  }

  /**
   * A hello for {@code version} offering {@code suites} and only {@code groups}; in TLS 1.3 with an empty key_share,
   * so that a server that accepts one of the groups must name it in a HelloRetryRequest.
   */
  byte[] groups(TlsProtocol version, List<Integer> suites, List<Integer> groups) {
    return records(version, build(version, suites, groups, false, SIGNATURE_SCHEMES));
  }

  /**
   * A hello for {@code version} offering {@code suites} and every group, with {@code extras} applied before padding:
   * the feature questions add extensions, compression methods or signalling suites to it.
   */
  byte[] custom(TlsProtocol version, List<Integer> suites, Consumer<ClientHelloBuilder> extras) {
    ClientHelloBuilder b = builder(version, suites, groupCandidates(version), true, SIGNATURE_SCHEMES);
    extras.accept(b);
    return records(version, padded(b));
  }

  /**
   * A TLS 1.3 hello whose answer the scan can open: {@code suites}, only {@code group} (x25519 or secp256r1) in
   * supported_groups with the share of {@link #shares()} for it (so the server takes it or refuses, never asks for
   * another), {@code extras} applied before padding.
   */
  byte[] tls13Readable(int group, List<Integer> suites, Consumer<ClientHelloBuilder> extras) {
    ClientHelloBuilder b = builder(TlsProtocol.TLSv1_3, suites, List.of(group), false, SIGNATURE_SCHEMES);
    b.keyShare(group, shares.share(group));
    extras.accept(b);
    return records(TlsProtocol.TLSv1_3, padded(b));
  }

  private byte[] build(TlsProtocol version, List<Integer> suites, List<Integer> groups, boolean shares,
      int[] signatureSchemes) {
    return padded(builder(version, suites, groups, shares, signatureSchemes));
  }

  private ClientHelloBuilder builder(TlsProtocol version, List<Integer> suites, List<Integer> groups,
      boolean shares, int[] signatureSchemes) {
    ClientHelloBuilder b = ClientHello.builder().secureRandom(random).legacyVersion(
        Math.min(version.wireVersion(), TlsProtocol.TLSv1_2.wireVersion()));
    if (version == TlsProtocol.SSLv3) {
      List<Integer> withScsv = new java.util.ArrayList<>(suites);
      withScsv.add(RENEGOTIATION_SCSV);
      return b.cipherSuites(withScsv).noExtensions();
    }
    b.cipherSuites(suites);
    if (version == TlsProtocol.TLSv1_3) {
      byte[] sessionId = new byte[32];
      random.nextBytes(sessionId);
      b.sessionId(Bytes.of(sessionId));
    }
    serverName.ifPresent(b::serverName);
    b.supportedGroups(groups.stream().mapToInt(Integer::intValue).toArray());
    if (version != TlsProtocol.TLSv1_3) {
      b.ecPointFormats(0);
    }
    if (version.isAtLeast(TlsProtocol.TLSv1_2)) {
      b.signatureAlgorithms(signatureSchemes);
    }
    if (version != TlsProtocol.TLSv1_3) {
      b.extension(new RenegotiationInfoExtension(Bytes.empty()));
    } else {
      b.supportedVersions(TlsProtocol.TLSv1_3.wireVersion());
      if (shares) {
        b.keyShare(X25519, x25519Share).keyShare(SECP256R1, P256_BASE_POINT);
      } else {
        b.extension(KeyShareExtension.client(List.of()));
      }
    }
    return b;
  }

  /**
   * The hello, grown to 512 bytes with a padding extension (RFC 7685) when it would be 256 to 511 bytes long: hellos
   * of that size make some load balancers hang (the reason RFC 7685 gives, and OpenSSL and BoringSSL pad the same).
   */
  private static byte[] padded(ClientHelloBuilder b) {
    ClientHello hello = b.build();
    byte[] encoded = hello.encode();
    if (!hello.hasExtensionsBlock() || encoded.length < PAD_FROM || encoded.length >= PAD_TO) { // SSL 3.0: none
      return encoded;
    }
    int padding = PAD_TO - encoded.length;
    return b.extension(new PaddingExtension(padding >= 5 ? padding - 4 : 1)).build().encode();
  }

  /** The encoded hello in handshake records. */
  private static byte[] records(TlsProtocol version, byte[] hello) {
    int recordVersion = version == TlsProtocol.SSLv3 ? 0x0300 : 0x0301;
    return TlsRecord.wrapHandshake(hello, recordVersion);
  }
}
