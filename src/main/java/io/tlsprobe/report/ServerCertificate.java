package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.TlsProtocol;
import java.util.List;

/**
 * One certificate chain a server presents, with the verification verdict; a server with both an RSA and an ECDSA
 * certificate has one of each (the scan asks for each key type with suites only it can sign).
 *
 * <pre>{@code
 * for (ServerCertificate c : profile.certificates()) {
 *   c.keyType();                   // "RSA", then "EC"
 *   c.leaf().subject();            // "CN=localhost"
 *   c.verification().trusted();    // true
 * }
 * }</pre>
 *
 * @param keyType the leaf's public key algorithm, as {@link CertificateInfo#keyType()} names it ({@code RSA},
 *     {@code EC}, {@code Ed25519}, …)
 * @param protocol the version of the handshake that delivered the chain
 * @param chain the chain as sent, leaf first; never empty
 * @param verification the verdict against the scan's trust store and host name
 */
public record ServerCertificate(String keyType, TlsProtocol protocol, List<CertificateInfo> chain,
    Verification verification) {
  public ServerCertificate {
    requireNonNull(keyType, "keyType");
    requireNonNull(protocol, "protocol");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must hold at least the leaf");
    }
    requireNonNull(verification, "verification");
  }

  /** The server's own certificate, first in the chain. */
  public CertificateInfo leaf() {
    return chain.get(0);
  }

  /**
   * One line for people: {@code CN=localhost (EC 256 secp256r1, until 2027-11-27T03:00:00Z), chain of 2, TLS 1.2:
   * trusted}, or {@code …: not trusted: EXPIRED, HOSTNAME_MISMATCH}.
   */
  @Override
  public String toString() {
    return leaf() + ", chain of " + chain.size() + ", " + protocol.displayName() + ": " + (verification.trusted()
        ? "trusted" : "not trusted: " + String.join(", ",
            verification.problems().stream().map(p -> p.kind().name()).distinct().toList()));
  }
}
