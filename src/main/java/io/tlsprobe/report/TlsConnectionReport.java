package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.ExtensionType;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.ServerHello;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one TLS connection negotiated, every field read off the wire or from JSSE. {@code protocol}, {@code
 * cipherSuite}, {@code compression} and {@code group} are the server's choice whenever a ServerHello was seen, even
 * when the handshake then failed; {@link #outcome()} says whether it completed and why not.
 *
 * <pre>{@code
 * TlsConnectionReport report = TlsProbes.probe("localhost", 8443);
 * report.outcome().isEstablished();           // true
 * report.protocol();                          // Optional[TLSv1_3]
 * report.cipherSuite().map(CipherSuite::name) // Optional[TLS_AES_128_GCM_SHA256]
 * report.group();                             // Optional[x25519]
 * report.summary();  // localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256 (128 bits), …
 * }</pre>
 *
 * @param endpoint where the connection went
 * @param outcome how it ended
 * @param protocol the version the server chose
 * @param cipherSuite the suite the server chose
 * @param compression the compression method in the ServerHello
 * @param group the key-exchange group: TLS 1.3 key_share, or the named curve of a TLS 1.2 ECDHE ServerKeyExchange
 * @param dhPrimeBits the prime size of a (TLS 1.2) DHE ServerKeyExchange
 * @param applicationProtocol the ALPN protocol agreed
 * @param ocspResponses stapled OCSP responses (from {@code ExtendedSSLSession} or a CertificateStatus message)
 * @param clientHello the ClientHello that was sent (by us when probing, by the client when capturing)
 * @param serverHello the ServerHello that answered
 * @param certificates the server's certificate chain, leaf first
 * @param verification the verdict on the chain
 * @param handshakeTime from the first ClientHello byte to the handshake's end (or failure)
 * @param startedAt when the connection attempt began
 * @param plainTextPhase what crossed in clear before a STARTTLS upgrade; empty for direct TLS
 * @param afterHandshake what the peer did after a completed handshake, as a capture server saw it (whether it sent
 *     application data, its alert); empty in a probe's report and when the handshake did not complete
 */
public record TlsConnectionReport(
    Endpoint endpoint,
    Outcome outcome,
    Optional<TlsProtocol> protocol,
    Optional<CipherSuite> cipherSuite,
    Optional<CompressionMethod> compression,
    Optional<NamedGroup> group,
    Optional<Integer> dhPrimeBits,
    Optional<String> applicationProtocol,
    List<Bytes> ocspResponses,
    Optional<ClientHello> clientHello,
    Optional<ServerHello> serverHello,
    List<CertificateInfo> certificates,
    Verification verification,
    Optional<Duration> handshakeTime,
    Instant startedAt,
    Optional<PlainTextPhase> plainTextPhase,
    Optional<AfterHandshake> afterHandshake) {

  public TlsConnectionReport {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(outcome, "outcome");
    requireNonNull(protocol, "protocol");
    requireNonNull(cipherSuite, "cipherSuite");
    requireNonNull(compression, "compression");
    requireNonNull(group, "group");
    requireNonNull(dhPrimeBits, "dhPrimeBits");
    requireNonNull(applicationProtocol, "applicationProtocol");
    ocspResponses = List.copyOf(ocspResponses);
    requireNonNull(clientHello, "clientHello");
    requireNonNull(serverHello, "serverHello");
    certificates = List.copyOf(certificates);
    requireNonNull(verification, "verification");
    requireNonNull(handshakeTime, "handshakeTime");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(plainTextPhase, "plainTextPhase");
    requireNonNull(afterHandshake, "afterHandshake");
  }

  /** A builder; only {@code endpoint} and {@code outcome} are required. */
  public static Builder builder(Endpoint endpoint, Outcome outcome) {
    return new Builder(endpoint, outcome);
  }

  /** A builder holding this report's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The extension types in the ServerHello, in wire order (empty when no ServerHello was seen). */
  public List<ExtensionType> serverExtensions() {
    return serverHello.map(sh -> sh.extensionTypes().stream().map(ExtensionType::of).toList()).orElse(List.of());
  }

  /** Whether the ServerHello carried renegotiation_info (RFC 5746). TLS 1.3 has no renegotiation at all. */
  public boolean secureRenegotiation() {
    return serverHas(ExtensionTypes.RENEGOTIATION_INFO);
  }

  /** Whether the ServerHello carried extended_master_secret (RFC 7627); TLS 1.3's key schedule always binds it. */
  public boolean extendedMasterSecret() {
    return serverHas(ExtensionTypes.EXTENDED_MASTER_SECRET);
  }

  /** Whether the ServerHello carried session_ticket (RFC 5077, TLS ≤ 1.2). */
  public boolean sessionTicket() {
    return serverHas(ExtensionTypes.SESSION_TICKET);
  }

  /** Whether an OCSP response was stapled. */
  public boolean ocspStapled() {
    return !ocspResponses.isEmpty();
  }

  /**
   * What the ClientHello offered, in the vocabulary's types (derived from {@link #clientHello()}): the client's
   * offer when a capture server recorded the report, the probe's own when it probed a server.
   */
  public Optional<ClientOffer> clientOffer() {
    return clientHello.map(ClientOffer::of);
  }

  /**
   * Whether the peer sent application data after the handshake ({@link #afterHandshake()}): {@code Optional[false]}
   * for a captured client that completed the handshake and then closed without a request; empty when not recorded.
   */
  public Optional<Boolean> peerSentApplicationData() {
    return afterHandshake.map(AfterHandshake::peerSentApplicationData);
  }

  /** The leaf certificate, if the peer sent one. */
  public Optional<CertificateInfo> leafCertificate() {
    return certificates.isEmpty() ? Optional.empty() : Optional.of(certificates.get(0));
  }

  private boolean serverHas(int extensionType) {
    return serverHello.map(sh -> sh.extensionTypes().contains(extensionType)).orElse(false);
  }

  /**
   * One line with everything a failure message needs: endpoint, outcome, protocol, cipher with bits, group,
   * compression, ALPN and the leaf certificate with its verdict.
   *
   * <pre>
   * localhost:8443 (direct): established, TLSv1.3, TLS_AES_128_GCM_SHA256 (128 bits), group x25519,
   * compression null, ALPN h2, certificate CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z), trusted
   * </pre>
   *
   * <p>A captured report ends with what the client did next: {@code …, then the peer sent application data}.
   */
  public String summary() {
    List<String> parts = new ArrayList<>();
    parts.add(outcome.isEstablished() ? "established" : outcome.toString());
    parts.add(protocol.map(TlsProtocol::jsseName).orElse("no protocol"));
    parts.add(cipherSuite.map(s -> s.name() + " (" + s.secretKeyBits() + " bits)").orElse("no cipher suite"));
    parts.add("group " + group.map(NamedGroup::name).orElse(dhPrimeBits.map(b -> "DHE " + b + " bits").orElse("unknown")));
    parts.add("compression " + compression.map(CompressionMethod::name).orElse("unknown"));
    applicationProtocol.ifPresent(a -> parts.add("ALPN " + a));
    parts.add(leafCertificate().map(c -> "certificate " + c).orElse("no certificate"));
    parts.add(verification.trusted() ? "trusted" : "not trusted" + (verification.problems().isEmpty() ? ""
        : " " + verification.problems().stream().map(p -> p.kind().name()).toList()));
    plainTextPhase.ifPresent(p -> parts.add(p.toString()));
    afterHandshake.ifPresent(a -> parts.add("then the peer " + a.detail()));
    return endpoint + ": " + String.join(", ", parts);
  }

  @Override
  public String toString() {
    return summary();
  }

  /** Builds a {@link TlsConnectionReport}; every optional value defaults to empty. */
  public static final class Builder {
    private Endpoint endpoint;
    private Outcome outcome;
    private @Nullable TlsProtocol protocol;
    private @Nullable CipherSuite cipherSuite;
    private @Nullable CompressionMethod compression;
    private @Nullable NamedGroup group;
    private @Nullable Integer dhPrimeBits;
    private @Nullable String applicationProtocol;
    private List<Bytes> ocspResponses = List.of();
    private @Nullable ClientHello clientHello;
    private @Nullable ServerHello serverHello;
    private List<CertificateInfo> certificates = List.of();
    private Verification verification = Verification.notVerified("no certificate was received");
    private @Nullable Duration handshakeTime;
    private Instant startedAt = Instant.now();
    private @Nullable PlainTextPhase plainTextPhase;
    private @Nullable AfterHandshake afterHandshake;

    private Builder(Endpoint endpoint, Outcome outcome) {
      this.endpoint = requireNonNull(endpoint, "endpoint");
      this.outcome = requireNonNull(outcome, "outcome");
    }

    private Builder(TlsConnectionReport r) {
      this(r.endpoint, r.outcome);
      protocol = r.protocol.orElse(null);
      cipherSuite = r.cipherSuite.orElse(null);
      compression = r.compression.orElse(null);
      group = r.group.orElse(null);
      dhPrimeBits = r.dhPrimeBits.orElse(null);
      applicationProtocol = r.applicationProtocol.orElse(null);
      ocspResponses = r.ocspResponses;
      clientHello = r.clientHello.orElse(null);
      serverHello = r.serverHello.orElse(null);
      certificates = r.certificates;
      verification = r.verification;
      handshakeTime = r.handshakeTime.orElse(null);
      startedAt = r.startedAt;
      plainTextPhase = r.plainTextPhase.orElse(null);
      afterHandshake = r.afterHandshake.orElse(null);
    }

    public Builder endpoint(Endpoint endpoint) {
      this.endpoint = requireNonNull(endpoint, "endpoint");
      return this;
    }

    public Builder outcome(Outcome outcome) {
      this.outcome = requireNonNull(outcome, "outcome");
      return this;
    }

    /** Default: empty. */
    public Builder protocol(@Nullable TlsProtocol protocol) {
      this.protocol = protocol;
      return this;
    }

    /** Default: empty. */
    public Builder cipherSuite(@Nullable CipherSuite cipherSuite) {
      this.cipherSuite = cipherSuite;
      return this;
    }

    /** Default: empty. */
    public Builder compression(@Nullable CompressionMethod compression) {
      this.compression = compression;
      return this;
    }

    /** Default: empty. */
    public Builder group(@Nullable NamedGroup group) {
      this.group = group;
      return this;
    }

    /** Default: empty. */
    public Builder dhPrimeBits(@Nullable Integer dhPrimeBits) {
      this.dhPrimeBits = dhPrimeBits;
      return this;
    }

    /** Default: empty. */
    public Builder applicationProtocol(@Nullable String applicationProtocol) {
      this.applicationProtocol = applicationProtocol == null || applicationProtocol.isEmpty()
          ? null : applicationProtocol;
      return this;
    }

    /** Default: none. */
    public Builder ocspResponses(List<Bytes> ocspResponses) {
      this.ocspResponses = List.copyOf(ocspResponses);
      return this;
    }

    /** Default: empty. */
    public Builder clientHello(@Nullable ClientHello clientHello) {
      this.clientHello = clientHello;
      return this;
    }

    /** Default: empty. */
    public Builder serverHello(@Nullable ServerHello serverHello) {
      this.serverHello = serverHello;
      return this;
    }

    /** Default: none. */
    public Builder certificates(List<CertificateInfo> certificates) {
      this.certificates = List.copyOf(certificates);
      return this;
    }

    /** Default: not verified, "no certificate was received". */
    public Builder verification(Verification verification) {
      this.verification = requireNonNull(verification, "verification");
      return this;
    }

    /** Default: empty. */
    public Builder handshakeTime(@Nullable Duration handshakeTime) {
      this.handshakeTime = handshakeTime;
      return this;
    }

    /** Default: when the builder was made. */
    public Builder startedAt(Instant startedAt) {
      this.startedAt = requireNonNull(startedAt, "startedAt");
      return this;
    }

    /** Default: empty (direct TLS). */
    public Builder plainTextPhase(@Nullable PlainTextPhase plainTextPhase) {
      this.plainTextPhase = plainTextPhase;
      return this;
    }

    /** Default: empty (not recorded: a probe's report, or a handshake that did not complete). */
    public Builder afterHandshake(@Nullable AfterHandshake afterHandshake) {
      this.afterHandshake = afterHandshake;
      return this;
    }

    public TlsConnectionReport build() {
      return new TlsConnectionReport(endpoint, outcome, Optional.ofNullable(protocol), Optional.ofNullable(cipherSuite),
          Optional.ofNullable(compression), Optional.ofNullable(group), Optional.ofNullable(dhPrimeBits),
          Optional.ofNullable(applicationProtocol), ocspResponses, Optional.ofNullable(clientHello),
          Optional.ofNullable(serverHello), certificates, verification, Optional.ofNullable(handshakeTime), startedAt,
          Optional.ofNullable(plainTextPhase), Optional.ofNullable(afterHandshake));
    }
  }
}
