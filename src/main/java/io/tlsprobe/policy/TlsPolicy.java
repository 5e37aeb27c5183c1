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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A named TLS policy — allowed protocol versions, cipher suites and groups, a minimum DHE prime size, compression
 * forbidden — that finds every {@link Violation} in a server's {@link ServerProfile}, one {@link TlsConnectionReport}
 * or a client's {@link ClientOffer}. Built in: Mozilla's Server Side TLS guidelines 6.0 ({@link #MOZILLA_MODERN},
 * {@link #MOZILLA_INTERMEDIATE}) and 5.7 ({@link #MOZILLA_5_7_MODERN}, {@link #MOZILLA_5_7_INTERMEDIATE}, {@link
 * #MOZILLA_5_7_OLD}); a team's own policy comes from {@link #builder(String)}.
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
 * suites such as {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV} and GREASE excepted). A server profile carries no
 * compression finding, so the compression rule applies to reports and offers only.
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

  private static final PolicySource CUSTOM = new PolicySource("custom policy", "-", "-");

  private final String name;
  private final PolicySource source;
  private final Set<TlsProtocol> protocols;
  private final Set<CipherSuite> cipherSuites;
  private final Set<NamedGroup> groups;
  private final OptionalInt minimumDhePrimeBits;
  private final boolean compressionForbidden;
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
    this.protocolText = join(b.protocols.stream().sorted().map(TlsProtocol::displayName).toList());
    this.suiteText = join(b.cipherSuites.stream().map(CipherSuite::name).toList());
    this.groupText = join(b.groups.stream().map(NamedGroup::name).toList());
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

  /** Every violation in what a server accepted: versions, suites (per version), groups, the smallest DHE prime. */
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

    /** The immutable policy. */
    public TlsPolicy build() {
      return new TlsPolicy(this);
    }
  }
}
