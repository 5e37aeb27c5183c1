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
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL (Debian package {@code postgresql}) on loopback: a fresh cluster made by {@code initdb} in the scratch
 * directory and {@code postgres -D} run as the {@code postgres} user (the server refuses to run as root) through
 * {@code setpriv}, TCP on {@code 127.0.0.1} only, its Unix socket in the scratch directory, and {@code ssl=on} with the
 * given certificate (or {@code ssl=off}: the server answers an SSLRequest with {@code N}). The scratch directory and
 * every directory above it that others cannot traverse are made traversable ({@code o+x}) so that the postgres user
 * reaches its files; the data directory and the key belong to postgres, the key with mode 600, as the server demands.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start(tempDir, TestCertificates.localhost())) {
 *   OpensslClientView.connect(pg.port(), "-starttls", "postgres");
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {
  /** How long initdb and the server's start get. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  /** Where Debian installs the server's binaries, one directory per major version. */
  static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");

  private final ScratchDaemon daemon;
  private final int port;

  private PostgresServer(ScratchDaemon daemon, int port) {
    this.daemon = daemon;
    this.port = port;
  }

  /** Starts a server with {@code ssl=on} and {@code cert}; skips the calling test without PostgreSQL. */
  public static PostgresServer start(Path dir, HeldCertificate cert) {
    return launch(dir, requireNonNull(cert, "cert"));
  }

  /** Starts a server with {@code ssl=off}: it answers every SSLRequest with {@code N}. */
  public static PostgresServer startWithoutTls(Path dir) {
    return launch(dir, null);
  }

  private static PostgresServer launch(Path dir, @Nullable HeldCertificate cert) {
    Path bin = binaries();
    Path setpriv = Interop.requireCommand("setpriv");
    Path home = dir.toAbsolutePath();
    Path pg = home.resolve("pg");
    Path data = pg.resolve("data");
    List<String> asPostgres = List.of(setpriv.toString(), "--reuid=postgres", "--regid=postgres", "--init-groups");
    List<String> server = new ArrayList<>(asPostgres);
    server.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
        "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + pg, "-c", "fsync=off"));
    try {
      Files.createDirectories(pg);
      ScratchDaemon.letOthersTraverse(home, "postgres");
      own(pg, "700");
      if (cert != null) {
        own(cert.writeCertificatePem(pg.resolve("cert.pem")), "644");
        own(cert.writePrivateKeyPem(pg.resolve("key.pem")), "600");
        server.addAll(List.of("-c", "ssl=on", "-c", "ssl_cert_file=" + pg.resolve("cert.pem"),
            "-c", "ssl_key_file=" + pg.resolve("key.pem")));
      } else {
        server.addAll(List.of("-c", "ssl=off"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare PostgreSQL's files in " + home, e);
    }
    List<String> initdb = new ArrayList<>(asPostgres);
    initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
        "-E", "UTF8", "--locale=C", "--no-sync"));
    ProcessResult made = Interop.run(START_TIMEOUT, initdb);
    if (!made.succeeded()) {
      throw new AssertionError("initdb failed: " + made);
    }
    int port = Interop.freeLoopbackPort();
    server.addAll(List.of("-c", "port=" + port));
    List<String> stop = new ArrayList<>(asPostgres);
    stop.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "15",
        "stop"));
    ScratchDaemon daemon = ScratchDaemon.start("postgres", home, server, Map.of());
    try {
      daemon.awaitPort(port, START_TIMEOUT); // before stopWith: awaitPort notices an early exit only without one
    } catch (AssertionError e) {
      daemon.close();
      throw e;
    }
    daemon.stopWith(stop);
    return new PostgresServer(daemon, port);
  }

  /** The newest {@code /usr/lib/postgresql/N/bin} holding {@code postgres}; skips the test without one. */
  private static Path binaries() {
    Interop.requireFile(DEBIAN_BINARIES);
    try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
      Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin").resolve("postgres")))
          .max(Comparator.comparingInt(PostgresServer::major)).orElse(DEBIAN_BINARIES.resolve("15"));
      return Interop.requireFile(newest.resolve("bin").resolve("postgres")).getParent();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + DEBIAN_BINARIES, e);
    }
  }

  private static int major(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Gives {@code file} to postgres:postgres with {@code mode} (octal, e.g. {@code 600}). */
  private static Path own(Path file, String mode) throws IOException {
    UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user;
    GroupPrincipal group;
    try {
      user = users.lookupPrincipalByName("postgres");
      group = users.lookupPrincipalByGroupName("postgres");
    } catch (IOException e) {
      throw new AssertionError("the postgres user or group does not exist (it comes with the postgresql package)", e);
    }
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    view.setOwner(user);
    view.setGroup(group);
    view.setPermissions(PosixFilePermissions.fromString(symbolic(mode)));
    return file;
  }

  private static String symbolic(String octal) {
    StringBuilder sb = new StringBuilder();
    for (char c : octal.toCharArray()) {
      int v = c - '0';
      sb.append((v & 4) != 0 ? 'r' : '-').append((v & 2) != 0 ? 'w' : '-').append((v & 1) != 0 ? 'x' : '-');
    }
    return sb.toString();
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The last lines of the server's log, for failure messages. */
  public String logTail() {
    return daemon.logTail();
  }

  /** Stops the server ({@code pg_ctl stop -m fast}, then the process tree) and waits for it. */
  @Override
  public void close() {
    daemon.close();
  }

  @Override
  public String toString() {
    return "PostgresServer[127.0.0.1:" + port + ", " + daemon + "]";
  }
}
