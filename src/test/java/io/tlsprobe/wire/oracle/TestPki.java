package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Throwaway keys and certificates for {@code openssl s_server}, made with the {@code openssl} command in one
 * directory: a small RSA CA, an RSA 2048 leaf it signed (with an OCSP response saying "good" for it, signed by the
 * CA), a self-signed EC P-256 certificate, and the RFC 7919 ffdhe2048 group as DH parameters.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(openssl, tempDir);
 * OpensslServer.start(openssl, tempDir, "-naccept", "1", "-cert", pki.rsaCert().toString(), "-key", pki.rsaKey().toString());
 * }</pre>
 *
 * @param caCert the CA certificate (PEM)
 * @param rsaCert the RSA leaf (PEM), signed by the CA
 * @param rsaKey its key
 * @param ecCert the EC P-256 certificate (PEM), self-signed
 * @param ecKey its key
 * @param ocspResponse a DER OCSPResponse for the RSA leaf
 * @param dhParams ffdhe2048 parameters (PEM)
 */
record TestPki(Path caCert, Path rsaCert, Path rsaKey, Path ecCert, Path ecKey, Path ocspResponse, Path dhParams) {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  /** Makes every file in {@code dir}. */
  static TestPki create(Path openssl, Path dir) {
    Path caKey = dir.resolve("ca.key");
    Path caCert = dir.resolve("ca.crt");
    Path rsaKey = dir.resolve("rsa.key");
    Path rsaCsr = dir.resolve("rsa.csr");
    Path rsaCert = dir.resolve("rsa.crt");
    Path ecKey = dir.resolve("ec.key");
    Path ecCert = dir.resolve("ec.crt");
    Path index = dir.resolve("index.txt");
    Path ocspRequest = dir.resolve("ocsp-request.der");
    Path ocspResponse = dir.resolve("ocsp-response.der");
    Path dhParams = dir.resolve("ffdhe2048.pem");
    String o = openssl.toString();

    run(o, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caCert, "-days", "2",
        "-subj", "/CN=tlsprobe oracle test CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
    run(o, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", rsaKey, "-out", rsaCsr,
        "-subj", "/CN=rsa.oracle.test");
    run(o, "x509", "-req", "-in", rsaCsr, "-CA", caCert, "-CAkey", caKey, "-set_serial", "4097",
        "-days", "2", "-out", rsaCert);
    run(o, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", ecKey,
        "-out", ecCert, "-days", "2", "-subj", "/CN=ec.oracle.test");
    run(o, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", dhParams);

    // openssl ca's index: status, expiry, revocation date (empty), serial (hex), file name, subject
    String expiry = ZonedDateTime.now(ZoneOffset.UTC).plusDays(2).format(DateTimeFormatter.ofPattern("yyMMddHHmmss"));
    write(index, "V\t" + expiry + "Z\t\t1001\tunknown\t/CN=rsa.oracle.test\n");
    run(o, "ocsp", "-issuer", caCert, "-cert", rsaCert, "-no_nonce", "-reqout", ocspRequest);
    run(o, "ocsp", "-index", index, "-CA", caCert, "-rsigner", caCert, "-rkey", caKey, "-reqin", ocspRequest,
        "-respout", ocspResponse, "-ndays", "1");
    return new TestPki(caCert, rsaCert, rsaKey, ecCert, ecKey, ocspResponse, dhParams);
  }

  private static void run(Object... command) {
    List<String> args = new ArrayList<>();
    for (Object part : command) {
      args.add(part.toString());
    }
    ProcessResult result = Interop.run(STEP_TIMEOUT, args);
    assertThat(result.succeeded()).as("making test PKI: %s", result).isTrue();
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
