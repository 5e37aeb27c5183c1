package io.tlsprobe.cli;

import io.tlsprobe.wire.Bytes;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** One DER certificate from a Certificate message: its length, SHA-256, and subject and issuer when it parses. */
final class CertificateView {
  private CertificateView() {}

  static Fields of(Bytes der) {
    Fields fields = new Fields().put("length", der.length()).put("sha256", sha256(der));
    try {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der.toArray()));
      fields.put("subject", cert.getSubjectX500Principal().getName())
          .put("issuer", cert.getIssuerX500Principal().getName())
          .put("not_after", cert.getNotAfter().toInstant().toString());
    } catch (CertificateException | RuntimeException e) {
      fields.put("parse_error", "not an X.509 certificate: " + e.getMessage());
    }
    return fields;
  }

  private static String sha256(Bytes der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der.toArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
