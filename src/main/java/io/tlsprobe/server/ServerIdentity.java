package io.tlsprobe.server;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a capture server presents and what its clients must trust: the server's certificate with its key and chain,
 * and the trust anchors (the CA certificates a client needs to accept it; the server also accepts client
 * certificates issued under them).
 *
 * <pre>{@code
 * ServerIdentity identity = ServerIdentity.localhost();        // a fresh CA and a leaf for localhost, 127.0.0.1
 * identity.certificate().certificate().getSubjectX500Principal(); // CN=localhost
 * identity.trustAnchors();                                     // [CN=tlsprobe capture CA]
 * }</pre>
 *
 * @param certificate the certificate the server presents, with its key and issuers
 * @param trustAnchors the certificates a client must trust to accept {@code certificate}
 */
public record ServerIdentity(HeldCertificate certificate, List<X509Certificate> trustAnchors) {

  public ServerIdentity {
    requireNonNull(certificate, "certificate");
    trustAnchors = List.copyOf(trustAnchors);
  }

  /** A new CA ({@code CN=tlsprobe capture CA}, EC P-256) and a leaf it issued for {@code localhost} and 127.0.0.1. */
  public static ServerIdentity localhost() {
    return issuedBy(Certificates.certificate().subject("CN=tlsprobe capture CA").ca().build());
  }

  /** A leaf for {@code localhost} and 127.0.0.1 issued by {@code ca}, which clients must trust. */
  public static ServerIdentity issuedBy(HeldCertificate ca) {
    HeldCertificate leaf = Certificates.certificate().subject("CN=localhost").dns("localhost").ip("127.0.0.1")
        .issuedBy(requireNonNull(ca, "ca")).build();
    return new ServerIdentity(leaf, List.of(ca.certificate()));
  }

  /** {@code CN=localhost issued by CN=tlsprobe capture CA}. */
  @Override
  public String toString() {
    return certificate.toString();
  }
}
