package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import io.tlsprobe.testing.TestCertificates;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates, keys, DH parameters and an OCSP response for {@code openssl s_server}, made with openssl in a
 * temporary directory (and one expired certificate made with Bouncy Castle, as OpenSSL 3.0 cannot back-date one).
 *
 * <pre>{@code
 * OpensslPki pki = OpensslPki.create(tempDir);
 * OpensslServer.www(tempDir, pki.rsaCert(), pki.rsaKey(), "-tls1_2");
 * }</pre>
 *
 * @param dir where the files are
 */
record OpensslPki(Path dir) {
  static OpensslPki create(Path dir) throws Exception {
    OpensslPki pki = new OpensslPki(dir);
    pki.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa.key", "-out", "rsa.pem", "-days",
        "30", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
    pki.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ec.key",
        "-out", "ec.pem", "-days", "30", "-subj", "/CN=localhost", "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1");
    pki.run("genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe3072", "-out", "dh3072.pem");
    pki.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
        "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=Probe OCSP CA");
    pki.run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key",
        "-out", "leaf.csr", "-subj", "/CN=localhost");
    Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    pki.run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "0x1001",
        "-days", "30", "-extfile", "ext.cnf", "-out", "leaf.pem");
    Files.writeString(dir.resolve("index.txt"), "V\t391231000000Z\t\t1001\tunknown\t/CN=localhost\n");
    pki.run("ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-reqout", "req.der", "-no_nonce");
    pki.run("ocsp", "-index", "index.txt", "-rsigner", "ca.pem", "-rkey", "ca.key", "-CA", "ca.pem", "-reqin",
        "req.der", "-respout", "resp.der", "-ndays", "1");
    HeldCertificate expired = TestCertificates.expiredLocalhost();
    expired.writeCertificatePem(dir.resolve("expired.pem"));
    expired.writePrivateKeyPem(dir.resolve("expired.key"));
    return pki;
  }

  private void run(String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    List<String> inDir = List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", dir.toString());
    List<String> full = new ArrayList<>(inDir);
    full.addAll(command);
    ProcessResult result = Interop.run(Duration.ofSeconds(60), full);
    assertThat(result.succeeded()).as(result.toString()).isTrue();
  }

  Path rsaCert() {
    return dir.resolve("rsa.pem");
  }

  Path rsaKey() {
    return dir.resolve("rsa.key");
  }

  Path cert(String key) {
    return dir.resolve(key + ".pem");
  }

  Path key(String key) {
    return dir.resolve(key + ".key");
  }

  Path dh3072() {
    return dir.resolve("dh3072.pem");
  }

  Path caCert() {
    return dir.resolve("ca.pem");
  }

  Path ocspLeafCert() {
    return dir.resolve("leaf.pem");
  }

  Path ocspLeafKey() {
    return dir.resolve("leaf.key");
  }

  Path ocspResponse() {
    return dir.resolve("resp.der");
  }

  Path expiredCert() {
    return dir.resolve("expired.pem");
  }

  Path expiredKey() {
    return dir.resolve("expired.key");
  }

  KeyStore caTrustStore() throws Exception {
    return pemTrustStore(caCert());
  }

  KeyStore pemTrustStore(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return Certificates.trustStore(cert);
    }
  }
}
