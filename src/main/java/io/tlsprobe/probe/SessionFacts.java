package io.tlsprobe.probe;

import io.tlsprobe.wire.Bytes;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * What JSSE says about an established session: what the wire does not show in TLS 1.3 (certificates, ALPN and OCSP
 * travel encrypted) and a cross-check of the rest.
 *
 * @param protocol JSSE's protocol name, e.g. {@code TLSv1.3}
 * @param cipherSuite JSSE's suite name
 * @param applicationProtocol the ALPN protocol, or null when none was agreed
 * @param ocspResponses stapled OCSP responses
 * @param peerCertificates the server's chain, leaf first
 */
record SessionFacts(String protocol, String cipherSuite, @Nullable String applicationProtocol,
    List<Bytes> ocspResponses, List<X509Certificate> peerCertificates) {

  static SessionFacts of(SSLEngine engine) {
    SSLSession session = engine.getSession();
    String alpn = engine.getApplicationProtocol();
    List<Bytes> ocsp = new ArrayList<>();
    if (session instanceof ExtendedSSLSession extended) {
      for (byte[] response : extended.getStatusResponses()) {
        if (response != null && response.length > 0) {
          ocsp.add(Bytes.of(response));
        }
      }
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      chain.clear();
    }
    return new SessionFacts(session.getProtocol(), session.getCipherSuite(),
        alpn == null || alpn.isEmpty() ? null : alpn, ocsp, chain);
  }
}
