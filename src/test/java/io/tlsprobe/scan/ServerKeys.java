package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import io.tlsprobe.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The keys the scan tests' servers present, written to a directory: an RSA 2048 and an ECDSA P-256 certificate for
 * localhost and 127.0.0.1 ({@code rsa.pem}/{@code rsa.key}, {@code ec.pem}/{@code ec.key}), and, from
 * {@link #ffdhe2048}, RFC 7919's ffdhe2048 group as DH parameters.
 *
 * <pre>{@code
 * ServerKeys keys = ServerKeys.write(dir);
 * OpensslServer.www(dir, keys.rsaCert(), keys.rsaKey(), "-dhparam", ServerKeys.ffdhe2048(dir).toString());
 * }</pre>
 *
 * @param rsa the RSA certificate and key
 * @param rsaCert its certificate's PEM file
 * @param rsaKey its key's PEM file
 * @param ec the ECDSA certificate and key
 * @param ecCert its certificate's PEM file
 * @param ecKey its key's PEM file
 */
record ServerKeys(HeldCertificate rsa, Path rsaCert, Path rsaKey, HeldCertificate ec, Path ecCert, Path ecKey) {

  /** Fresh RSA and ECDSA certificates for localhost, written to {@code dir}. */
  static ServerKeys write(Path dir) {
    HeldCertificate rsa = TestCertificates.localhost(Certificates.KeyType.RSA_2048);
    HeldCertificate ec = TestCertificates.localhost();
    return new ServerKeys(rsa, rsa.writeCertificatePem(dir.resolve("rsa.pem")),
        rsa.writePrivateKeyPem(dir.resolve("rsa.key")), ec, ec.writeCertificatePem(dir.resolve("ec.pem")),
        ec.writePrivateKeyPem(dir.resolve("ec.key")));
  }

  /**
   * {@code dir/ffdhe2048.pem}, written by {@code openssl genpkey -genparam} (skips the test without openssl, fails it
   * when openssl cannot write the file).
   */
  static Path ffdhe2048(Path dir) {
    Path openssl = Interop.requireCommand("openssl");
    Path params = dir.resolve("ffdhe2048.pem");
    ProcessResult dh = Interop.run(Duration.ofSeconds(30), openssl.toString(), "genpkey", "-genparam", "-algorithm",
        "DH", "-pkeyopt", "group:ffdhe2048", "-out", params.toString());
    assertThat(dh.succeeded()).as(dh.toString()).isTrue();
    return params;
  }
}
