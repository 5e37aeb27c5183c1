package io.tlsprobe.testing.daemons;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import io.tlsprobe.testing.ScratchDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * INN's news reader daemon, {@code nnrpd} (package inn2), run standalone twice on loopback high ports with one
 * certificate: NNTP with {@code STARTTLS} (RFC 4642) on {@link #startTlsPort()} and NNTPS (TLS from the first byte,
 * {@code -S}) on {@link #implicitPort()}. {@code innd} is not needed: a reader server without a feed answers the
 * greeting, {@code CAPABILITIES} and {@code STARTTLS}, which is all the tests ask.
 *
 * <pre>{@code
 * try (InnServer inn = InnServer.start(dir, TestCertificates.localhost())) {
 *   OpensslClientView.connect(inn.startTlsPort(), "-starttls", "nntp");
 *   OpensslClientView.connect(inn.implicitPort());
 * }
 * }</pre>
 *
 * <p>What it takes: a private {@code inn.conf} (a copy of the package's {@code /etc/news/inn.conf}, which is never
 * edited, with every {@code path…} of state pointing into {@code dir}, its own {@code pathhost} and {@code domain},
 * and {@code tlscertfile}/{@code tlskeyfile}) named by the {@code INNCONF} environment variable; a {@code readers.conf}
 * that lets {@code 127.0.0.1} read; an {@code active} file with one group; a tradindexed overview that
 * {@code tdx-util -F} creates ({@code nnrpd} answers {@code 400 NNTP server unavailable} without its
 * {@code group.index}); {@code -f} to keep {@code nnrpd -D} in the foreground. {@code nnrpd} started as root binds
 * its port and then runs as the {@code news} user, so {@code dir} is made world-searchable and its files are given to
 * {@code news}: {@code dir}'s parents must be searchable by others (a {@code @TempDir} itself is fine, a
 * subdirectory of one is not). It logs through syslog (to {@code /dev/console} when no syslog daemon runs), not to
 * {@code dir}.
 */
public final class InnServer implements AutoCloseable {
  /** Where Debian's inn2 puts its programs (not on {@code PATH}). */
  public static final Path NNRPD = Path.of("/usr/lib/news/bin/nnrpd");
  private static final Path TDX_UTIL = Path.of("/usr/lib/news/bin/tdx-util");
  private static final Path SYSTEM_INN_CONF = Path.of("/etc/news/inn.conf");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  /** The inn.conf keys that name state (rewritten into the scratch directory), with the subdirectory for each. */
  private static final Map<String, String> STATE_PATHS = Map.ofEntries(
      Map.entry("pathetc", "etc"), Map.entry("pathdb", "db"), Map.entry("pathrun", "run"), Map.entry("pathlog", "log"),
      Map.entry("pathspool", "spool"), Map.entry("patharchive", "spool/archive"),
      Map.entry("patharticles", "spool/articles"), Map.entry("pathincoming", "spool/incoming"),
      Map.entry("pathoutgoing", "spool/outgoing"), Map.entry("pathoverview", "spool/overview"),
      Map.entry("pathtmp", "spool/tmp"), Map.entry("pathhttp", "http"), Map.entry("pathfilter", "etc/filter"));
  /** Keys this fixture sets itself; the system file's lines for them are dropped. */
  private static final Set<String> OWN_KEYS = Set.of("pathhost", "domain", "nnrpdloadlimit", "tlscertfile",
      "tlskeyfile", "tlscafile", "tlscapath", "tlsprotocols", "tlsciphers", "tlsciphers13", "tlscompression",
      "tlseccurve", "tlspreferserverciphers");
  private static final Pattern KEY_LINE = Pattern.compile("^\\s*([A-Za-z0-9_]+)\\s*:.*$");

  private final ScratchDaemon startTls;
  private final ScratchDaemon implicit;
  private final int startTlsPort;
  private final int implicitPort;

  private InnServer(ScratchDaemon startTls, ScratchDaemon implicit, int startTlsPort, int implicitPort) {
    this.startTls = startTls;
    this.implicit = implicit;
    this.startTlsPort = startTlsPort;
    this.implicitPort = implicitPort;
  }

  /** Prepares {@code dir}, starts both {@code nnrpd} daemons and waits until each accepts. */
  public static InnServer start(Path dir, HeldCertificate cert) {
    requireNonNull(cert, "cert");
    Interop.requireFile(NNRPD);
    Interop.requireFile(SYSTEM_INN_CONF);
    try {
      Path conf = prepare(dir, cert);
      Map<String, String> env = Map.of("INNCONF", conf.toString());
      int startTlsPort = Interop.freeLoopbackPort();
      int implicitPort = Interop.freeLoopbackPort();
      ScratchDaemon plain = ScratchDaemon.start("nnrpd-starttls", dir,
          List.of(NNRPD.toString(), "-D", "-f", "-b", "127.0.0.1", "-p", String.valueOf(startTlsPort)), env);
      ScratchDaemon tls;
      try {
        tls = ScratchDaemon.start("nnrpd-implicit", dir,
            List.of(NNRPD.toString(), "-D", "-f", "-S", "-b", "127.0.0.1", "-p", String.valueOf(implicitPort)), env);
      } catch (RuntimeException e) {
        plain.close();
        throw e;
      }
      InnServer server = new InnServer(plain, tls, startTlsPort, implicitPort);
      try {
        plain.awaitPort(startTlsPort, START_TIMEOUT);
        tls.awaitPort(implicitPort, START_TIMEOUT);
      } catch (AssertionError e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare INN in " + dir, e);
    }
  }

  /** Writes the private configuration, state and overview; returns the inn.conf to name in {@code INNCONF}. */
  private static Path prepare(Path dir, HeldCertificate cert) throws IOException {
    Files.createDirectories(dir);
    for (String sub : STATE_PATHS.values()) {
      if (!sub.equals("etc/filter")) {
        Files.createDirectories(dir.resolve(sub));
      }
    }
    Path certFile = cert.writeCertificatePem(dir.resolve("etc/inn-cert.pem"));
    Path keyFile = cert.writePrivateKeyPem(dir.resolve("etc/inn-key.pem"));
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(SYSTEM_INN_CONF, StandardCharsets.UTF_8)) {
      Matcher m = KEY_LINE.matcher(line);
      String key = m.matches() ? m.group(1) : "";
      if (STATE_PATHS.containsKey(key)) {
        lines.add(key + ": " + dir.resolve(STATE_PATHS.get(key)));
      } else if (!OWN_KEYS.contains(key)) {
        lines.add(line);
      }
    }
    lines.add("pathhost: news.tlsprobe.invalid");
    lines.add("domain: tlsprobe.invalid");
    lines.add("nnrpdloadlimit: 0");
    lines.add("tlscertfile: " + certFile);
    lines.add("tlskeyfile: " + keyFile);
    Path conf = dir.resolve("etc/inn.conf");
    Files.write(conf, lines, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("etc/readers.conf"), """
        auth "loopback" {
            hosts: "127.0.0.1, localhost"
            default: "<loopback>"
        }
        access "loopback" {
            users: "<loopback>"
            newsgroups: "*"
            access: R
        }
        """, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("etc/storage.conf"), "method tradspool {\n    newsgroups: *\n    class: 0\n}\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("db/active"), "local.test 0000000000 0000000001 y\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("db/newsgroups"), "local.test\tA group for tlsprobe's tests.\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("db/active.times"), "", StandardCharsets.UTF_8);
    ProcessResult chown = Interop.run(Duration.ofSeconds(20), "chown", "-R", "news:news", dir.toString());
    if (!chown.succeeded()) {
      throw new IOException("cannot give " + dir + " to the news user: " + chown);
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path up = dir.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
      if (!Files.getPosixFilePermissions(up).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IOException("nnrpd runs as the news user and cannot reach " + dir + ": " + up + " is mode "
            + PosixFilePermissions.toString(Files.getPosixFilePermissions(up))
            + "; give start() a directory whose parents others may search (a @TempDir itself, not a subdirectory)");
      }
    }
    overview(dir, conf);
    return conf;
  }

  /** {@code tdx-util -F} audits the tradindexed overview and creates its {@code group.index}. */
  private static void overview(Path dir, Path conf) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(TDX_UTIL.toString(), "-F").directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("tdx-util.log").toFile());
    builder.environment().put("INNCONF", conf.toString());
    Process process = builder.start();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("tdx-util -F did not finish within 20 s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while tdx-util -F ran", e);
    }
    if (!Files.exists(dir.resolve("spool/overview/group.index"))) {
      throw new IOException("tdx-util -F made no group.index: "
          + Files.readString(dir.resolve("tdx-util.log"), StandardCharsets.UTF_8));
    }
  }

  /** The NNTP port with {@code STARTTLS}. */
  public int startTlsPort() {
    return startTlsPort;
  }

  /** The NNTPS port: TLS from the first byte. */
  public int implicitPort() {
    return implicitPort;
  }

  /** Stops both daemons. */
  @Override
  public void close() {
    try {
      startTls.close();
    } finally {
      implicit.close();
    }
  }

  @Override
  public String toString() {
    return "InnServer[STARTTLS 127.0.0.1:" + startTlsPort + ", implicit 127.0.0.1:" + implicitPort + "]";
  }
}
