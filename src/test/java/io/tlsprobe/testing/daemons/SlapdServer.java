package io.tlsprobe.testing.daemons;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import io.tlsprobe.testing.ScratchDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * OpenLDAP's slapd (Debian package {@code slapd}, built with GnuTLS) on loopback: StartTLS on an {@code ldap://} port
 * and implicit TLS on an {@code ldaps://} port, with an empty {@code mdb} database for {@code dc=test} and its
 * configuration, database, pid and log in the scratch directory. Anonymous reads of the root DSE are allowed (slapd's
 * default), so {@code supportedExtension} lists StartTLS ({@code 1.3.6.1.4.1.1466.20037}) exactly when TLS is set up.
 *
 * <pre>{@code
 * try (SlapdServer slapd = SlapdServer.start(tempDir, TestCertificates.localhost())) {
 *   OpensslClientView.connect(slapd.ldapPort(), "-starttls", "ldap");
 *   OpensslClientView.connect(slapd.ldapsPort().orElseThrow());
 * }
 * }</pre>
 */
public final class SlapdServer implements AutoCloseable {
  /** How long slapd gets to accept on its ports. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final ScratchDaemon daemon;
  private final int ldapPort;
  private final int ldapsPort;

  private SlapdServer(ScratchDaemon daemon, int ldapPort, int ldapsPort) {
    this.daemon = daemon;
    this.ldapPort = ldapPort;
    this.ldapsPort = ldapsPort;
  }

  /**
   * Starts slapd with {@code cert} on a StartTLS port and an LDAPS port; skips the calling test without slapd (fails
   * under {@code TLSPROBE_INTEROP=required}).
   */
  public static SlapdServer start(Path dir, HeldCertificate cert) {
    return launch(dir, requireNonNull(cert, "cert"), true);
  }

  /** Starts slapd without any TLS configuration on one {@code ldap://} port: StartTLS is refused. */
  public static SlapdServer startWithoutTls(Path dir) {
    return launch(dir, null, false);
  }

  private static SlapdServer launch(Path dir, @Nullable HeldCertificate cert, boolean tls) {
    Path slapd = Interop.requireCommand("slapd");
    Interop.requireFile(Path.of("/usr/lib/ldap"));
    Path home = dir.toAbsolutePath();
    try {
      Files.createDirectories(home.resolve("db"));
      StringBuilder conf = new StringBuilder()
          .append("modulepath /usr/lib/ldap\n")
          .append("moduleload back_mdb\n")
          .append("include /etc/ldap/schema/core.schema\n")
          .append("pidfile ").append(home.resolve("slapd.pid")).append('\n')
          .append("argsfile ").append(home.resolve("slapd.args")).append('\n');
      if (cert != null) {
        Path certFile = cert.writeCertificatePem(home.resolve("cert.pem"));
        Path keyFile = gnuTlsReadable(cert, home);
        conf.append("TLSCertificateFile ").append(certFile).append('\n')
            .append("TLSCertificateKeyFile ").append(keyFile).append('\n')
            .append("TLSCACertificateFile ").append(certFile).append('\n');
      }
      conf.append("database mdb\n")
          .append("suffix \"dc=test\"\n")
          .append("rootdn \"cn=admin,dc=test\"\n")
          .append("directory ").append(home.resolve("db")).append('\n')
          .append("maxsize 10485760\n");
      Files.writeString(home.resolve("slapd.conf"), conf.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write slapd's files in " + home, e);
    }
    int ldapPort = Interop.freeLoopbackPort();
    int ldapsPort = tls ? Interop.freeLoopbackPort() : -1;
    String urls = "ldap://127.0.0.1:" + ldapPort + "/" + (tls ? " ldaps://127.0.0.1:" + ldapsPort + "/" : "");
    ScratchDaemon daemon = ScratchDaemon.start("slapd", home, List.of(slapd.toString(), "-f",
        home.resolve("slapd.conf").toString(), "-h", urls, "-d", "stats"), Map.of());
    try {
      daemon.awaitPort(ldapPort, START_TIMEOUT);
      if (tls) {
        daemon.awaitPort(ldapsPort, START_TIMEOUT);
      }
    } catch (AssertionError e) {
      daemon.close();
      throw e;
    }
    return new SlapdServer(daemon, ldapPort, ldapsPort);
  }

  /**
   * The key as GnuTLS reads it: the JDK's PKCS#8 encoding of an EC key leaves the optional public key out of the
   * ECPrivateKey structure and GnuTLS then refuses it ("ASN1 parser: Element was not found"), so an EC key is
   * rewritten by {@code openssl ec} (SEC 1, public key included); other keys are kept as the JDK wrote them.
   */
  private static Path gnuTlsReadable(HeldCertificate cert, Path dir) {
    if (!cert.keyPair().getPrivate().getAlgorithm().equals("EC")) {
      return cert.writePrivateKeyPem(dir.resolve("key.pem"));
    }
    Path javaKey = cert.writePrivateKeyPem(dir.resolve("jdk-key.pem"));
    Path out = dir.resolve("key.pem");
    ProcessResult result = Interop.run(Duration.ofSeconds(20), Interop.requireCommand("openssl").toString(), "ec",
        "-in", javaKey.toString(), "-out", out.toString());
    if (!result.succeeded()) {
      throw new AssertionError("openssl ec could not rewrite the key for slapd: " + result);
    }
    return out;
  }

  /** The {@code ldap://} port (StartTLS). */
  public int ldapPort() {
    return ldapPort;
  }

  /** The {@code ldaps://} port (implicit TLS); empty when started without TLS. */
  public OptionalInt ldapsPort() {
    return ldapsPort < 0 ? OptionalInt.empty() : OptionalInt.of(ldapsPort);
  }

  /** The last lines of slapd's log ({@code -d stats}), for failure messages. */
  public String logTail() {
    return daemon.logTail();
  }

  /** Stops slapd (SIGTERM, a clean shutdown) and waits for it. */
  @Override
  public void close() {
    daemon.close();
  }

  @Override
  public String toString() {
    return "SlapdServer[ldap 127.0.0.1:" + ldapPort + (ldapsPort < 0 ? "" : ", ldaps 127.0.0.1:" + ldapsPort) + ", "
        + daemon + "]";
  }
}
