package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import java.util.List;

/**
 * What a server accepts in one protocol version (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3">RFC
 * 8446 section 4.1.3</a>): whether it answers a ClientHello for that version with a ServerHello of that version, every
 * cipher suite it accepts (in its own preference order when it enforces one), whose order decides, and the
 * key-exchange groups it accepts.
 *
 * <pre>{@code
 * ProtocolSupport tls12 = profile.protocol(TlsProtocol.TLSv1_2).orElseThrow();
 * tls12.accepted();            // true
 * tls12.cipherSuites();        // [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, …] server order first
 * tls12.enforcesServerOrder(); // true
 * tls12.groups();              // [x25519, secp256r1, secp384r1]
 * }</pre>
 *
 * @param protocol the version
 * @param accepted whether the server answered a hello for this version with this version
 * @param suites the suites accepted with their key-exchange details; in the server's order when {@code cipherOrder} is
 *     {@link CipherOrder#SERVER}, else in the order they were found
 * @param cipherOrder whose preference decides
 * @param groups the key-exchange groups accepted in this version, as far as they were enumerated (TLS 1.3 through
 *     HelloRetryRequests, TLS 1.2 and below through ECDHE ServerKeyExchanges); empty when not enumerated
 */
public record ProtocolSupport(TlsProtocol protocol, boolean accepted, List<AcceptedCipherSuite> suites,
    CipherOrder cipherOrder, List<NamedGroup> groups) {
  public ProtocolSupport {
    requireNonNull(protocol, "protocol");
    suites = List.copyOf(suites);
    requireNonNull(cipherOrder, "cipherOrder");
    groups = List.copyOf(groups);
  }

  /** A version the server does not accept. */
  public static ProtocolSupport refused(TlsProtocol protocol) {
    return new ProtocolSupport(protocol, false, List.of(), CipherOrder.UNDETERMINED, List.of());
  }

  /** The accepted suites alone, in the order of {@link #suites()}. */
  public List<CipherSuite> cipherSuites() {
    return suites.stream().map(AcceptedCipherSuite::cipherSuite).toList();
  }

  /** Whether the server decides by its own order ({@link CipherOrder#SERVER}). */
  public boolean enforcesServerOrder() {
    return cipherOrder == CipherOrder.SERVER;
  }

  /** The same with {@code groups} replaced. */
  public ProtocolSupport withGroups(List<NamedGroup> groups) {
    return new ProtocolSupport(protocol, accepted, suites, cipherOrder, groups);
  }

  /** {@code TLS 1.2: accepted, server order, 3 suites, groups [x25519]} or {@code TLS 1.0: not accepted}. */
  @Override
  public String toString() {
    if (!accepted) {
      return protocol.displayName() + ": not accepted";
    }
    return protocol.displayName() + ": accepted, " + cipherOrder.name().toLowerCase(java.util.Locale.ROOT) + " order, "
        + suites.size() + " suites " + suites + (groups.isEmpty() ? "" : ", groups " + groups);
  }
}
