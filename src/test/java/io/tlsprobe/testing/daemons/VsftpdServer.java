package io.tlsprobe.testing.daemons;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ScratchDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Two private vsftpd instances on loopback high ports sharing one certificate: explicit FTPS ({@code AUTH TLS}, RFC
 * 4217) on {@link #explicitPort()} and implicit FTPS ({@code implicit_ssl=YES}, TLS from the first byte) on
 * {@link #implicitPort()}. Every file (configuration, certificate, key, logs, the empty {@code secure_chroot_dir}) is
 * in {@code dir}; the system's vsftpd and {@code /etc/vsftpd.conf} are not touched.
 *
 * <pre>{@code
 * try (VsftpdServer ftp = VsftpdServer.start(dir, TestCertificates.localhost())) {
 *   OpensslClientView.connect(ftp.explicitPort(), "-starttls", "ftp");
 *   OpensslClientView.connect(ftp.implicitPort());
 * }
 * }</pre>
 *
 * <p>What it takes (see {@code DAEMONS.md}): {@code background=NO} keeps vsftpd in the foreground;
 * {@code seccomp_sandbox=NO}, {@code isolate=NO}, {@code isolate_network=NO} let it run without the namespaces a
 * container may lack; {@code ssl_ciphers} must be set because vsftpd's built-in default ({@code DES-CBC3-SHA}) fails
 * every handshake under OpenSSL 3; the configuration file must be mode 600 and owned by root.
 */
public final class VsftpdServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final ScratchDaemon explicit;
  private final ScratchDaemon implicit;
  private final int explicitPort;
  private final int implicitPort;

  private VsftpdServer(ScratchDaemon explicit, ScratchDaemon implicit, int explicitPort, int implicitPort) {
    this.explicit = explicit;
    this.implicit = implicit;
    this.explicitPort = explicitPort;
    this.implicitPort = implicitPort;
  }

  /** {@link #start(Path, HeldCertificate, boolean)} refusing logins in clear ({@code force_local_logins_ssl=YES}). */
  public static VsftpdServer start(Path dir, HeldCertificate cert) {
    return start(dir, cert, false);
  }

  /**
   * Starts both instances and waits until each accepts.
   *
   * @param loginsInClear whether a local user may log in before {@code AUTH TLS} ({@code force_local_logins_ssl=NO}:
   *     {@code USER} is answered {@code 331}); otherwise {@code USER} is answered {@code 530}
   */
  public static VsftpdServer start(Path dir, HeldCertificate cert, boolean loginsInClear) {
    requireNonNull(cert, "cert");
    Path vsftpd = Interop.requireCommand("vsftpd");
    try {
      Files.createDirectories(dir);
      Path empty = Files.createDirectories(dir.resolve("empty"));
      Path certFile = cert.writeCertificatePem(dir.resolve("vsftpd-cert.pem"));
      Path keyFile = cert.writePrivateKeyPem(dir.resolve("vsftpd-key.pem"));
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      int explicitPort = Interop.freeLoopbackPort();
      int implicitPort = Interop.freeLoopbackPort();
      int passivePort = Interop.freeLoopbackPort();
      String common = common(empty, certFile, keyFile, passivePort, loginsInClear);
      Path explicitConf = writeConfig(dir.resolve("explicit.conf"), common + "listen_port=" + explicitPort + "\n"
          + "vsftpd_log_file=" + dir.resolve("explicit.log") + "\n");
      Path implicitConf = writeConfig(dir.resolve("implicit.conf"), common + "listen_port=" + implicitPort + "\n"
          + "implicit_ssl=YES\n" + "vsftpd_log_file=" + dir.resolve("implicit.log") + "\n");
      ScratchDaemon explicit = ScratchDaemon.start("vsftpd-explicit", dir,
          List.of(vsftpd.toString(), explicitConf.toString()), Map.of());
      ScratchDaemon implicit;
      try {
        implicit = ScratchDaemon.start("vsftpd-implicit", dir, List.of(vsftpd.toString(), implicitConf.toString()),
            Map.of());
      } catch (RuntimeException e) {
        explicit.close();
        throw e;
      }
      VsftpdServer server = new VsftpdServer(explicit, implicit, explicitPort, implicitPort);
      try {
        explicit.awaitPort(explicitPort, START_TIMEOUT);
        implicit.awaitPort(implicitPort, START_TIMEOUT);
      } catch (AssertionError e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare vsftpd in " + dir, e);
    }
  }

  private static String common(Path empty, Path cert, Path key, int passivePort, boolean loginsInClear) {
    return String.join("\n",
        "listen=YES",
        "listen_ipv6=NO",
        "listen_address=127.0.0.1",
        "background=NO",
        "anonymous_enable=YES",
        "anon_root=" + empty,
        "local_enable=YES",
        "write_enable=NO",
        "ssl_enable=YES",
        "allow_anon_ssl=YES",
        "force_local_logins_ssl=" + (loginsInClear ? "NO" : "YES"),
        "force_local_data_ssl=" + (loginsInClear ? "NO" : "YES"),
        "require_ssl_reuse=NO",
        "rsa_cert_file=" + cert,
        "rsa_private_key_file=" + key,
        "ssl_ciphers=HIGH:!aNULL",
        "pasv_address=127.0.0.1",
        "pasv_min_port=" + passivePort,
        "pasv_max_port=" + passivePort,
        "seccomp_sandbox=NO",
        "isolate=NO",
        "isolate_network=NO",
        "secure_chroot_dir=" + empty,
        "xferlog_enable=NO",
        "");
  }

  private static Path writeConfig(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** The explicit-FTPS port: plain FTP that upgrades with {@code AUTH TLS}. */
  public int explicitPort() {
    return explicitPort;
  }

  /** The implicit-FTPS port: TLS from the first byte. */
  public int implicitPort() {
    return implicitPort;
  }

  /** Both daemons' log tails, for failure messages. */
  public String logTail() {
    return explicit.logTail() + "\n" + implicit.logTail();
  }

  /** Stops both instances. */
  @Override
  public void close() {
    try {
      explicit.close();
    } finally {
      implicit.close();
    }
  }

  @Override
  public String toString() {
    return "VsftpdServer[explicit 127.0.0.1:" + explicitPort + ", implicit 127.0.0.1:" + implicitPort + "]";
  }
}
