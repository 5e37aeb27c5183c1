package io.tlsprobe.testing.daemons;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ScratchDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * MariaDB (Debian package {@code mariadb-server}) on loopback: {@code mariadbd --no-defaults} as root
 * ({@code --user=root}) on an empty data directory in the scratch directory, TCP on {@code 127.0.0.1} only, its Unix
 * socket, pid file and temporary files in the scratch directory, and {@code --ssl-cert/--ssl-key} with the given
 * certificate (or {@code --skip-ssl}: the handshake then lacks {@code CLIENT_SSL}).
 *
 * <p>No {@code mariadb-install-db}: the probe stops at the SSL Request and never logs in, so the server runs with
 * {@code --skip-grant-tables} on an empty data directory and needs no system tables; that makes a start take about a
 * second instead of ten. InnoDB is kept small (8 MiB buffer pool, 4 MiB redo log) and binary logging off. Nothing
 * but loopback can reach it, and it is gone when the test class ends.
 *
 * <pre>{@code
 * try (MariadbServer db = MariadbServer.start(tempDir, TestCertificates.localhost())) {
 *   OpensslClientView.connect(db.port(), "-starttls", "mysql");
 * }
 * }</pre>
 */
public final class MariadbServer implements AutoCloseable {
  /** How long the server's start gets. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final ScratchDaemon daemon;
  private final int port;

  private MariadbServer(ScratchDaemon daemon, int port) {
    this.daemon = daemon;
    this.port = port;
  }

  /** Starts a server with TLS on {@code cert}; skips the calling test without MariaDB. */
  public static MariadbServer start(Path dir, HeldCertificate cert) {
    return launch(dir, requireNonNull(cert, "cert"));
  }

  /**
   * Starts a server with {@code --skip-ssl}: its handshake does not offer TLS.
   *
   * @param options more server options, e.g. {@code --max-connections=10}
   */
  public static MariadbServer startWithoutTls(Path dir, String... options) {
    return launch(dir, null, options);
  }

  /**
   * Starts a server with TLS on {@code cert} and more server options.
   *
   * @param options more server options, e.g. {@code --tls-version=TLSv1.2}
   */
  public static MariadbServer start(Path dir, HeldCertificate cert, String... options) {
    return launch(dir, requireNonNull(cert, "cert"), options);
  }

  private static MariadbServer launch(Path dir, @Nullable HeldCertificate cert, String... options) {
    Path mariadbd = Interop.findCommand("mariadbd").orElseGet(() -> Interop.requireCommand("mysqld"));
    Path home = dir.toAbsolutePath();
    Path data = home.resolve("data");
    Path tmp = home.resolve("tmp");
    int port = Interop.freeLoopbackPort();
    List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults",
        "--datadir=" + data, "--socket=" + home.resolve("mysqld.sock"), "--pid-file=" + home.resolve("mysqld.pid"),
        "--tmpdir=" + tmp, "--port=" + port, "--bind-address=127.0.0.1", "--user=root", "--skip-grant-tables",
        "--skip-name-resolve", "--skip-log-bin", "--innodb-buffer-pool-size=8M", "--innodb-log-file-size=4M"));
    try {
      Files.createDirectories(data);
      Files.createDirectories(tmp);
      if (cert != null) {
        command.add("--ssl-cert=" + cert.writeCertificatePem(home.resolve("cert.pem")));
        command.add("--ssl-key=" + cert.writePrivateKeyPem(home.resolve("key.pem")));
      } else {
        command.add("--skip-ssl");
      }
      command.addAll(List.of(options));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare MariaDB's files in " + home, e);
    }
    ScratchDaemon daemon = ScratchDaemon.start("mariadbd", home, command, Map.of());
    try {
      daemon.awaitPort(port, START_TIMEOUT);
    } catch (AssertionError e) {
      daemon.close();
      throw e;
    }
    return new MariadbServer(daemon, port);
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The server's output, for failure messages. */
  public String logTail() {
    return daemon.logTail();
  }

  /** Stops the server (SIGTERM, a clean shutdown; killed after {@link ScratchDaemon#STOP_GRACE}). */
  @Override
  public void close() {
    daemon.close();
  }

  @Override
  public String toString() {
    return "MariadbServer[127.0.0.1:" + port + ", " + daemon + "]";
  }
}
