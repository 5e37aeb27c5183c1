package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A CA, a leaf it issued (written as {@code leaf.pem} and {@code leaf.key}), and a real OCSP response for the leaf
 * ({@code resp.der}) made by {@code openssl ocsp} acting as the responder over an index that lists the leaf as valid:
 * what {@code openssl s_server -status_file} staples.
 */
final class OcspFixture {
  private OcspFixture() {}

  /** Writes the fixture into {@code dir}; the path of the DER OCSP response. */
  static Path make(Path dir) throws Exception {
    String openssl = Interop.requireCommand("openssl").toString();
    Path san = Files.writeString(dir.resolve("san.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p(dir, "ca.key"), "-out",
        p(dir, "ca.pem"), "-subj", "/CN=tlsprobe OCSP test CA", "-days", "2");
    run(openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", p(dir, "leaf.key"), "-out", p(dir, "leaf.csr"),
        "-subj", "/CN=localhost");
    run(openssl, "x509", "-req", "-in", p(dir, "leaf.csr"), "-CA", p(dir, "ca.pem"), "-CAkey", p(dir, "ca.key"),
        "-set_serial", "0x1001", "-days", "2", "-extfile", san.toString(), "-out", p(dir, "leaf.pem"));
    Files.writeString(dir.resolve("index.txt"), "V\t301231235959Z\t\t1001\tunknown\t/CN=localhost\n");
    run(openssl, "ocsp", "-issuer", p(dir, "ca.pem"), "-cert", p(dir, "leaf.pem"), "-no_nonce", "-reqout",
        p(dir, "req.der"));
    run(openssl, "ocsp", "-index", p(dir, "index.txt"), "-CA", p(dir, "ca.pem"), "-rsigner", p(dir, "ca.pem"),
        "-rkey", p(dir, "ca.key"), "-reqin", p(dir, "req.der"), "-respout", p(dir, "resp.der"), "-ndays", "1");
    ProcessResult check = Interop.run(Duration.ofSeconds(30), openssl, "ocsp", "-respin", p(dir, "resp.der"),
        "-resp_text", "-noverify");
    assertThat(check.stdout()).as(check.toString()).contains("Cert Status: good");
    return dir.resolve("resp.der");
  }

  private static String p(Path dir, String name) {
    return dir.resolve(name).toString();
  }

  private static void run(String... command) {
    ProcessResult r = Interop.run(Duration.ofSeconds(30), command);
    assertThat(r.succeeded()).as(r.toString()).isTrue();
  }
}
