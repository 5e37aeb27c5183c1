package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a server accepts, as a scan found it with hand-made ClientHellos: per protocol version whether it is
 * accepted, every cipher suite accepted (in the server's order when it enforces one), whose order decides, the
 * key-exchange groups, and the Diffie-Hellman prime sizes; plus how many connections the scan opened, how long it
 * took, and, when the server stopped answering midway, why the result is partial.
 *
 * <pre>{@code
 * ServerProfile profile = TlsScans.scan(ScanOptions.builder("localhost", 8443).build());
 * profile.acceptedProtocols();             // [TLSv1_2, TLSv1_3]
 * profile.cipherSuites(TlsProtocol.TLSv1_3); // [TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, …]
 * profile.enforcesServerOrder(TlsProtocol.TLSv1_2); // true
 * profile.groups();                        // [x25519, secp256r1, …]
 * profile.isComplete();                    // true
 * }</pre>
 *
 * @param endpoint where the scan connected
 * @param protocols one entry per version scanned, oldest first (SSL 2.0 to TLS 1.3)
 * @param connections how many TCP connections the scan opened
 * @param elapsed how long the scan took
 * @param partialReason why some of the profile is missing (the server stopped answering, a timeout ran out); empty
 *     when the scan asked every question and got every answer. When present, a version it names may be listed as
 *     not accepted, or with fewer suites, only because its scan could not finish
 * @param features compression, secure renegotiation, fallback SCSV, extended master secret, encrypt-then-MAC,
 *     session tickets, OCSP stapling, Heartbeat and ALPN, each with its evidence
 * @param certificates the chains the server presents, one per key type found, with their verdicts; empty when none
 *     could be read
 */
public record ServerProfile(Endpoint endpoint, List<ProtocolSupport> protocols, int connections, Duration elapsed,
    Optional<String> partialReason, ServerFeatures features, List<ServerCertificate> certificates) {
  public ServerProfile {
    requireNonNull(endpoint, "endpoint");
    List<ProtocolSupport> sorted = new ArrayList<>(protocols);
    sorted.sort(Comparator.comparing(ProtocolSupport::protocol));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).protocol() == sorted.get(i - 1).protocol()) {
        throw new IllegalArgumentException("protocol " + sorted.get(i).protocol() + " is listed twice");
      }
    }
    protocols = List.copyOf(sorted);
    if (connections < 0) {
      throw new IllegalArgumentException("connections must not be negative: " + connections);
    }
    requireNonNull(elapsed, "elapsed");
    requireNonNull(partialReason, "partialReason");
    requireNonNull(features, "features");
    certificates = List.copyOf(certificates);
  }

  /** A profile of versions and suites alone: features {@linkplain ServerFeatures#unknown unknown}, no certificates. */
  public ServerProfile(Endpoint endpoint, List<ProtocolSupport> protocols, int connections, Duration elapsed,
      Optional<String> partialReason) {
    this(endpoint, protocols, connections, elapsed, partialReason, ServerFeatures.unknown("not scanned"), List.of());
  }

  /** The same with {@code features} and {@code certificates} replaced. */
  public ServerProfile with(ServerFeatures features, List<ServerCertificate> certificates) {
    return new ServerProfile(endpoint, protocols, connections, elapsed, partialReason, features, certificates);
  }

  /** What the scan found for {@code protocol}, if it scanned that version. */
  public Optional<ProtocolSupport> protocol(TlsProtocol protocol) {
    requireNonNull(protocol, "protocol");
    return protocols.stream().filter(p -> p.protocol() == protocol).findFirst();
  }

  /** The versions accepted, oldest first. */
  public List<TlsProtocol> acceptedProtocols() {
    return protocols.stream().filter(ProtocolSupport::accepted).map(ProtocolSupport::protocol).toList();
  }

  /** Whether {@code protocol} is accepted. */
  public boolean accepts(TlsProtocol protocol) {
    return protocol(protocol).map(ProtocolSupport::accepted).orElse(false);
  }

  /** The suites accepted in {@code protocol}, in server order when it enforces one; empty when not accepted. */
  public List<CipherSuite> cipherSuites(TlsProtocol protocol) {
    return protocol(protocol).map(ProtocolSupport::cipherSuites).orElse(List.of());
  }

  /** Every suite accepted in any version, newest version first, without repeats. */
  public List<CipherSuite> acceptedCipherSuites() {
    Set<CipherSuite> all = new LinkedHashSet<>();
    for (int i = protocols.size() - 1; i >= 0; i--) {
      all.addAll(protocols.get(i).cipherSuites());
    }
    return List.copyOf(all);
  }

  /** Whether {@code protocol} is accepted and the server decides the suite by its own order. */
  public boolean enforcesServerOrder(TlsProtocol protocol) {
    return protocol(protocol).map(ProtocolSupport::enforcesServerOrder).orElse(false);
  }

  /** Every key-exchange group accepted in any version, newest version first, without repeats. */
  public List<NamedGroup> groups() {
    Set<NamedGroup> all = new LinkedHashSet<>();
    for (int i = protocols.size() - 1; i >= 0; i--) {
      all.addAll(protocols.get(i).groups());
    }
    return List.copyOf(all);
  }

  /** The smallest finite-field Diffie-Hellman prime any accepted DHE suite used; empty without DHE. */
  public Optional<Integer> dhPrimeBits() {
    return protocols.stream().flatMap(p -> p.suites().stream()).flatMap(s -> s.dhPrimeBits().stream())
        .min(Integer::compare);
  }

  /** Whether the scan got an answer to every question it asked ({@link #partialReason()} is empty). */
  public boolean isComplete() {
    return partialReason.isEmpty();
  }

  /**
   * Several lines: the endpoint, each version with its suites and groups, the features (name, support, evidence), one
   * line per certificate chain (leaf subject, key type and bits, expiry, verdict), the cost, and any partial reason.
   */
  public String render() {
    StringBuilder out = new StringBuilder(endpoint.toString()).append('\n');
    for (ProtocolSupport p : protocols) {
      out.append("  ").append(p.protocol().displayName()).append(": ");
      if (!p.accepted()) {
        out.append("not accepted\n");
        continue;
      }
      out.append("accepted, ").append(p.suites().size()).append(" cipher suites, ")
          .append(p.cipherOrder().name().toLowerCase(java.util.Locale.ROOT)).append(" order\n");
      p.suites().forEach(s -> out.append("    ").append(s).append('\n'));
      if (!p.groups().isEmpty()) {
        out.append("    groups ").append(p.groups()).append('\n');
      }
    }
    if (features.byName().values().stream().distinct().count() == 1) {
      out.append("  features: ").append(features.compression()).append('\n'); // all the same: not scanned
    } else {
      out.append("  features:\n");
      features.byName().forEach((name, f) -> out.append(String.format(java.util.Locale.ROOT, "    %-22s %-14s %s\n",
          name, f.support().name().toLowerCase(java.util.Locale.ROOT), f.evidence())));
    }
    if (!features.applicationProtocols().isEmpty()) {
      out.append("    application protocols  ").append(String.join(", ", features.applicationProtocols())).append('\n');
    }
    certificates.forEach(c -> out.append("  certificate ").append(c).append('\n'));
    out.append("  ").append(connections).append(" connections, ").append(elapsed.toMillis()).append(" ms");
    partialReason.ifPresent(r -> out.append("\n  PARTIAL: ").append(r));
    return out.toString();
  }

  /** {@code ServerProfile[localhost:8443 (direct): TLSv1_2 (9 suites), TLSv1_3 (3 suites); 14 connections]}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (ProtocolSupport p : protocols) {
      if (p.accepted()) {
        parts.add(p.protocol() + " (" + p.suites().size() + " suites)");
      }
    }
    return "ServerProfile[" + endpoint + ": " + (parts.isEmpty() ? "nothing accepted" : String.join(", ", parts))
        + "; " + connections + " connections" + partialReason.map(r -> "; PARTIAL: " + r).orElse("") + "]";
  }
}
