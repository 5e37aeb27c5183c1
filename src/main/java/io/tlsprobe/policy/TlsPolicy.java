package io.tlsprobe.policy;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.AcceptedCipherSuite;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A named TLS policy — allowed protocol versions, cipher suites and groups, a minimum DHE prime size, compression
 * forbidden — that finds every {@link Violation} in a server's {@link ServerProfile}, one {@link TlsConnectionReport}
 * or a client's {@link ClientOffer}. Built in: Mozilla's Server Side TLS guidelines 6.0 ({@link #MOZILLA_MODERN},
 * {@link #MOZILLA_INTERMEDIATE}) and 5.7 ({@link #MOZILLA_5_7_MODERN}, {@link #MOZILLA_5_7_INTERMEDIATE}, {@link
 * #MOZILLA_5_7_OLD}), NIST SP 800-52 Rev. 2 ({@link #NIST_SP_800_52R2}) and BSI TR-02102-2 ({@link
 * #BSI_TR_02102_2}), each also by name through {@link #named(String)}; a team's own policy comes from {@link
 * #builder(String)}.
 *
 * <pre>{@code
 * TlsPolicy ours = TlsPolicy.builder("payments")
 *     .allowedProtocols(TlsProtocol.TLSv1_3)
 *     .allowedCipherSuites("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384")
 *     .allowedGroups("x25519", "secp256r1")
 *     .build();
 * List<Violation> violations = ours.evaluate(profile); // empty when the server complies
 * }</pre>
 *
 * <p>A rule the policy leaves unset is not checked. Evaluating a server profile checks everything the server
 * accepted; a connection report checks what was negotiated; a client offer checks everything offered (signalling
 * suites such as {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV} and GREASE excepted).
 *
 * <p>Rules on what a scan found out about the server's features (compression, {@link FeatureRule}s) and
 * certificates break only on a definite finding: a {@link io.tlsprobe.report.Finding.Support#YES YES} or {@link
 * io.tlsprobe.report.Finding.Support#NO NO} against the rule is a violation, while {@code UNKNOWN} (not scanned, or
 * the scan could not tell) and {@code NOT_APPLICABLE} are not; {@link #unchecked(ServerProfile)} names them.
 */
public final class TlsPolicy {
  /** Mozilla Server Side TLS 6.0 (current), "modern": TLS 1.3 only. */
  public static final TlsPolicy MOZILLA_MODERN = MozillaPolicies.modern60();
  /** Mozilla Server Side TLS 6.0 (current), "intermediate": TLS 1.2 and 1.3, ECDHE AEAD suites. */
  public static final TlsPolicy MOZILLA_INTERMEDIATE = MozillaPolicies.intermediate60();
  /** Mozilla Server Side TLS 5.7, "modern": TLS 1.3 only. */
  public static final TlsPolicy MOZILLA_5_7_MODERN = MozillaPolicies.modern57();
  /** Mozilla Server Side TLS 5.7, "intermediate": TLS 1.2 and 1.3, (EC)DHE AEAD suites, DHE primes of 2048 bits. */
  public static final TlsPolicy MOZILLA_5_7_INTERMEDIATE = MozillaPolicies.intermediate57();
  /** Mozilla Server Side TLS 5.7, "old": TLS 1.0 to 1.3, CBC and 3DES suites kept for old clients. */
  public static final TlsPolicy MOZILLA_5_7_OLD = MozillaPolicies.old57();
  /** NIST SP 800-52 Rev. 2 (August 2019), servers for government-only applications: see {@link NistPolicies}. */
  public static final TlsPolicy NIST_SP_800_52R2 = NistPolicies.sp800_52r2();
  /** BSI TR-02102-2, version {@value BsiPolicies#VERSION}: see {@link BsiPolicies}. */
  public static final TlsPolicy BSI_TR_02102_2 = BsiPolicies.tr02102_2();

  private static final PolicySource CUSTOM = new PolicySource("custom policy", "-", "-");

  private final String name;
  private final PolicySource source;
  private final Set<TlsProtocol> protocols;
  private final Set<CipherSuite> cipherSuites;
  private final Set<NamedGroup> groups;
  private final OptionalInt minimumDhePrimeBits;
  private final boolean compressionForbidden;
  private final ExtraRules extra;
  // the allowed values as the violations show them, in the order the policy lists them
  private final String protocolText;
  private final String suiteText;
  private final String groupText;

  private TlsPolicy(Builder b) {
    this.name = b.name;
    this.source = b.source;
    this.protocols = Set.copyOf(b.protocols);
    this.cipherSuites = Set.copyOf(b.cipherSuites);
    this.groups = Set.copyOf(b.groups);
    this.minimumDhePrimeBits = b.minimumDhePrimeBits;
    this.compressionForbidden = b.compressionForbidden;
    this.extra = new ExtraRules(b.requiredProtocols, b.requiredGroupAmong, b.features, b.minimumKeyBits, b.curves);
    this.protocolText = join(b.protocols.stream().sorted().map(TlsProtocol::displayName).toList());
    this.suiteText = join(b.cipherSuites.stream().map(CipherSuite::name).toList());
    this.groupText = join(b.groups.stream().map(NamedGroup::name).toList());
  }

  /**
   * The built-in policy registered under {@code name} (ignoring case), e.g. {@code "mozilla-intermediate"} or {@code
   * "nist-800-52r2"}; {@link #names()} lists them.
   *
   * <pre>{@code
   * TlsPolicy p = TlsPolicy.named("bsi-tr-02102-2").orElseThrow();
   * }</pre>
   */
  public static Optional<TlsPolicy> named(String name) {
    return BuiltInPolicies.named(requireNonNull(name, "name"));
  }

  /** The names {@link #named(String)} knows, in a stable order. */
  public static List<String> names() {
    return BuiltInPolicies.names();
  }

  /** A builder for a team's own policy named {@code name}; every rule is unchecked until set. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The policy's name, e.g. {@code "Mozilla intermediate"}. */
  public String name() {
    return name;
  }

  /** The document, version and URL the rules come from. */
  public PolicySource source() {
    return source;
  }

  /** The allowed protocol versions; empty when the policy does not check them. */
  public Set<TlsProtocol> allowedProtocols() {
    return protocols;
  }

  /** The allowed cipher suites; empty when the policy does not check them. */
  public Set<CipherSuite> allowedCipherSuites() {
    return cipherSuites;
  }

  /** The allowed key-exchange groups; empty when the policy does not check them. */
  public Set<NamedGroup> allowedGroups() {
    return groups;
  }

  /** The smallest DHE prime allowed, in bits, if the policy sets one. */
  public OptionalInt minimumDhePrimeBits() {
    return minimumDhePrimeBits;
  }

  /** Whether TLS compression (CRIME) breaks the policy. */
  public boolean compressionForbidden() {
    return compressionForbidden;
  }

  /** The versions a server must accept (a client must offer); empty when the policy requires none. */
  public Set<TlsProtocol> requiredProtocols() {
    return extra.requiredProtocols();
  }

  /** The feature rules the policy applies to a server profile. */
  public Set<FeatureRule> requiredFeatures() {
    return extra.features();
  }

  /**
   * Every violation in what a server accepted: versions (allowed and required), suites (per version), groups, the
   * smallest DHE prime, and, where the scan found them, compression, the {@link FeatureRule}s and the certificates.
   */
  public List<Violation> evaluate(ServerProfile profile) {
    requireNonNull(profile, "profile");
    List<Violation> out = new ArrayList<>();
    for (ProtocolSupport p : profile.protocols()) {
      if (p.accepted()) {
        checkProtocol(p.protocol(), p.protocol().displayName() + " accepted", out);
      }
    }
    for (ProtocolSupport p : profile.protocols()) {
      for (AcceptedCipherSuite s : p.suites()) {
        checkSuite(s.cipherSuite(), s.cipherSuite().name() + " accepted over " + p.protocol().displayName(), out);
      }
    }
    for (NamedGroup g : profile.groups()) {
      checkGroup(g, g.name() + " accepted", out);
    }
    profile.dhPrimeBits().ifPresent(bits -> checkDhe(bits, "a " + bits + "-bit DHE prime", out));
    if (profile.features().compression().isYes()) {
      checkCompression("compression accepted (" + profile.features().compression().evidence() + ")", out);
    }
    extra.check(profile, out);
    return List.copyOf(out);
  }

  /**
   * The rules this policy could not decide for {@code profile}, each with the reason: a feature the scan did not
   * find out ({@code UNKNOWN}) or that does not apply, or certificate rules without a certificate. Empty when every
   * rule was decided; these are never violations.
   *
   * <pre>{@code
   * TlsPolicy.BSI_TR_02102_2.unchecked(profile); // ["secure renegotiation: unknown (not scanned)", …]
   * }</pre>
   */
  public List<String> unchecked(ServerProfile profile) {
    requireNonNull(profile, "profile");
    List<String> out = new ArrayList<>();
    if (compressionForbidden && !profile.features().compression().isYes()
        && !profile.features().compression().isNo() && !profile.acceptedProtocols().isEmpty()) {
      out.add("compression: " + profile.features().compression());
    }
    out.addAll(extra.unchecked(profile));
    return List.copyOf(out);
  }

  /** Every violation in what one connection negotiated: version, suite, group, DHE prime, compression. */
  public List<Violation> evaluate(TlsConnectionReport report) {
    requireNonNull(report, "report");
    List<Violation> out = new ArrayList<>();
    report.protocol().ifPresent(p -> checkProtocol(p, p.displayName() + " negotiated", out));
    report.cipherSuite().ifPresent(s -> checkSuite(s, s.name() + " negotiated", out));
    report.group().ifPresent(g -> checkGroup(g, g.name() + " negotiated", out));
    report.dhPrimeBits().ifPresent(bits -> checkDhe(bits, "a " + bits + "-bit DHE prime negotiated", out));
    Optional<CompressionMethod> compression = report.compression().filter(c -> !c.isNull());
    compression.ifPresent(c -> checkCompression(c.name() + " compression negotiated", out));
    extra.check(report, out);
    return List.copyOf(out);
  }

  /** Every violation in what a client offered: versions, suites, groups, compression methods. */
  public List<Violation> evaluate(ClientOffer offer) {
    requireNonNull(offer, "offer");
    List<Violation> out = new ArrayList<>();
    offer.versions().stream().sorted()
        .forEach(p -> checkProtocol(p, p.displayName() + " offered", out));
    offer.cipherSuites().stream().filter(s -> !s.isSignaling() && !s.isGrease())
        .forEach(s -> checkSuite(s, s.name() + " offered", out));
    offer.groups().stream().filter(g -> !g.isGrease())
        .forEach(g -> checkGroup(g, g.name() + " offered", out));
    if (offer.offersCompression()) {
      String methods = offer.compressionMethods().stream().filter(c -> !c.isNull()).map(CompressionMethod::name)
          .collect(Collectors.joining(", "));
      checkCompression(methods + " compression offered", out);
    }
    extra.check(offer, out);
    return List.copyOf(out);
  }

  private void checkProtocol(TlsProtocol protocol, String found, List<Violation> out) {
    if (!protocols.isEmpty() && !protocols.contains(protocol)) {
      out.add(new Violation("protocol", protocolText, found));
    }
  }

  private void checkSuite(CipherSuite suite, String found, List<Violation> out) {
    if (!cipherSuites.isEmpty() && !cipherSuites.contains(suite)) {
      out.add(new Violation("cipher suite", "one of " + suiteText, found));
    }
  }

  private void checkGroup(NamedGroup group, String found, List<Violation> out) {
    if (!groups.isEmpty() && !groups.contains(group)) {
      out.add(new Violation("group", "one of " + groupText, found));
    }
  }

  private void checkDhe(int bits, String found, List<Violation> out) {
    if (minimumDhePrimeBits.isPresent() && bits < minimumDhePrimeBits.getAsInt()) {
      out.add(new Violation("DHE prime size", "at least " + minimumDhePrimeBits.getAsInt() + " bits", found));
    }
  }

  private void checkCompression(String found, List<Violation> out) {
    if (compressionForbidden) {
      out.add(new Violation("compression", "no compression", found));
    }
  }

  private static String join(List<String> names) {
    return String.join(", ", names);
  }

  @Override
  public String toString() {
    return "TlsPolicy[" + name + ", " + source + "]";
  }

  /**
   * Builds a {@link TlsPolicy}. Defaults: no rule is checked except compression, which is forbidden.
   *
   * <pre>{@code
   * TlsPolicy p = TlsPolicy.builder("internal").allowedProtocols(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3)
   *     .minimumDhePrimeBits(3072).build();
   * }</pre>
   */
  public static final class Builder {
    private final String name;
    private PolicySource source = CUSTOM;
    private final Set<TlsProtocol> protocols = new LinkedHashSet<>();
    private final Set<CipherSuite> cipherSuites = new LinkedHashSet<>();
    private final Set<NamedGroup> groups = new LinkedHashSet<>();
    private OptionalInt minimumDhePrimeBits = OptionalInt.empty();
    private boolean compressionForbidden = true;
    private final Set<TlsProtocol> requiredProtocols = new LinkedHashSet<>();
    private final Set<NamedGroup> requiredGroupAmong = new LinkedHashSet<>();
    private final Set<FeatureRule> features = new LinkedHashSet<>();
    private final Map<String, Integer> minimumKeyBits = new LinkedHashMap<>();
    private final Set<String> curves = new LinkedHashSet<>();

    private Builder(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("policy name must not be blank");
      }
      this.name = name;
    }

    /** Where the rules come from. Default: a custom policy with no document. */
    public Builder source(PolicySource source) {
      this.source = requireNonNull(source, "source");
      return this;
    }

    /** Adds allowed protocol versions. Default: versions are not checked. */
    public Builder allowedProtocols(TlsProtocol... protocols) {
      for (TlsProtocol p : protocols) {
        this.protocols.add(requireNonNull(p, "protocol"));
      }
      return this;
    }

    /**
     * Adds allowed cipher suites by IANA name ({@code "TLS_AES_128_GCM_SHA256"}; OpenSSL names are accepted too).
     * Default: suites are not checked.
     *
     * @throws IllegalArgumentException naming a suite the registry does not know
     */
    public Builder allowedCipherSuites(String... names) {
      for (String n : names) {
        requireNonNull(n, "cipher suite name");
        CipherSuite suite = CipherSuite.byName(n)
            .orElseThrow(() -> new IllegalArgumentException("unknown cipher suite: " + n));
        if (!suite.isIanaAssigned()) {
          throw new IllegalArgumentException("unknown cipher suite: " + n);
        }
        cipherSuites.add(suite);
      }
      return this;
    }

    /**
     * Adds allowed key-exchange groups by IANA name ({@code "x25519"}, {@code "secp256r1"}, {@code
     * "X25519MLKEM768"}). Default: groups are not checked.
     *
     * @throws IllegalArgumentException naming a group the registry does not know
     */
    public Builder allowedGroups(String... names) {
      for (String n : names) {
        requireNonNull(n, "group name");
        groups.add(NamedGroup.byName(n).orElseThrow(() -> new IllegalArgumentException("unknown group: " + n)));
      }
      return this;
    }

    /** The smallest DHE prime allowed, in bits. Default: not checked. */
    public Builder minimumDhePrimeBits(int bits) {
      if (bits <= 0) {
        throw new IllegalArgumentException("minimum DHE prime bits must be positive: " + bits);
      }
      this.minimumDhePrimeBits = OptionalInt.of(bits);
      return this;
    }

    /** Whether TLS compression breaks the policy. Default: {@code true}. */
    public Builder compressionForbidden(boolean forbidden) {
      this.compressionForbidden = forbidden;
      return this;
    }

    /** Adds versions the server must accept and a client must offer. Default: none required. */
    public Builder requiredProtocols(TlsProtocol... protocols) {
      for (TlsProtocol p : protocols) {
        this.requiredProtocols.add(requireNonNull(p, "protocol"));
      }
      return this;
    }

    /**
     * Groups (IANA names) of which a server that negotiates groups at all (TLS 1.3 or an ECDHE suite) must accept at
     * least one. Default: not checked.
     *
     * @throws IllegalArgumentException naming a group the registry does not know
     */
    public Builder requiredGroupAmong(String... names) {
      for (String n : names) {
        requireNonNull(n, "group name");
        requiredGroupAmong.add(
            NamedGroup.byName(n).orElseThrow(() -> new IllegalArgumentException("unknown group: " + n)));
      }
      return this;
    }

    /** Adds feature rules a server profile is held to. Default: none. */
    public Builder requiredFeatures(FeatureRule... rules) {
      for (FeatureRule r : rules) {
        this.features.add(requireNonNull(r, "rule"));
      }
      return this;
    }

    /**
     * The smallest key a leaf certificate with a {@code keyType} key ({@code RSA}, {@code EC}, {@code DSA}, as
     * {@link io.tlsprobe.report.CertificateInfo#keyType()} names it) may have. Default: not checked.
     */
    public Builder minimumCertificateKeyBits(String keyType, int bits) {
      requireNonNull(keyType, "keyType");
      if (bits <= 0) {
        throw new IllegalArgumentException("minimum key bits must be positive: " + bits);
      }
      minimumKeyBits.put(keyType.toUpperCase(java.util.Locale.ROOT), bits);
      return this;
    }

    /** The named curves an EC leaf certificate may use ({@code secp256r1}, …). Default: not checked. */
    public Builder allowedCertificateCurves(String... names) {
      for (String n : names) {
        curves.add(requireNonNull(n, "curve"));
      }
      return this;
    }

    /** The immutable policy. */
    public TlsPolicy build() {
      return new TlsPolicy(this);
    }
  }
}
