package io.tlsprobe.probe;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.CertificateStatus;
import io.tlsprobe.wire.DheParams;
import io.tlsprobe.wire.EcdheParams;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerKeyExchange;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fills a report's negotiated fields from what the codec read: the server's choice of version, suite, compression
 * and key-exchange group (TLS 1.3 key_share; TLS 1.2 ServerKeyExchange: ECDHE named curve or DHE prime size), its
 * ALPN answer, a stapled OCSP response and the certificate chain of a TLS 1.2 Certificate message.
 */
final class ReportFields {
  private static final int TLS13 = 0x0304;

  private ReportFields() {}

  /** Sets serverHello, protocol, cipherSuite, compression, group or dhPrimeBits and ALPN from the flight. */
  static void fromFlight(TlsConnectionReport.Builder b, ServerHello hello, FlightView view) {
    b.serverHello(hello)
        .protocol(TlsProtocol.fromWireVersion(hello.selectedVersion()).orElse(null))
        .cipherSuite(CipherSuite.of(hello.cipherSuite()))
        .compression(CompressionMethod.of(hello.compressionMethod()));
    hello.alpn().ifPresent(b::applicationProtocol);
    if (hello.selectedVersion() >= TLS13 || hello.isHelloRetryRequest()) {
      b.group(hello.keyShareGroup().map(NamedGroup::of).orElse(null));
      return;
    }
    view.serverKeyExchange().ifPresent(ske -> keyExchange(b, CipherSuite.of(hello.cipherSuite()), ske));
  }

  /** The group of an ECDHE ServerKeyExchange, or the prime size of a DHE one, read as the suite says. */
  static void keyExchange(TlsConnectionReport.Builder b, CipherSuite suite, ServerKeyExchange ske) {
    String kx = suite.keyExchange();
    boolean anon = suite.authentication().equals("anon");
    boolean ecdhe = kx.startsWith("ECDHE") || kx.equals("ECDH") && anon;
    boolean dhe = kx.startsWith("DHE") || kx.equals("DH") && anon;
    if (ecdhe || !dhe && kx.equals("unknown")) {
      Optional<EcdheParams> params = ske.ecdhe();
      if (params.isPresent()) {
        b.group(NamedGroup.of(params.get().namedGroup()));
        return;
      }
    }
    if (dhe || kx.equals("unknown")) {
      ske.dhe().map(DheParams::primeBits).ifPresent(b::dhPrimeBits);
    }
  }

  /** The OCSP response of a TLS 1.2 CertificateStatus message (status_type ocsp). */
  static List<Bytes> ocsp(FlightView view) {
    return view.certificateStatus()
        .filter(s -> s.statusType() == CertificateStatus.OCSP)
        .map(s -> List.of(s.response()))
        .orElse(List.of());
  }

  /** The certificates of a TLS 1.2 Certificate message that parse as X.509, leaf first. */
  static List<X509Certificate> chain(FlightView view) {
    return view.certificate().filter(c -> !c.tls13()).map(ReportFields::parse).orElse(List.of());
  }

  static List<X509Certificate> parse(CertificateMessage message) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Bytes der : message.certificates()) {
        try {
          chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.toArray())));
        } catch (CertificateException | ClassCastException e) {
          break; // a chain is read leaf first; what follows a bad one is not a chain any more
        }
      }
    } catch (CertificateException e) {
      return List.of();
    }
    return chain;
  }
}
