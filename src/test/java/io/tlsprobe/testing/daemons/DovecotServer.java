package io.tlsprobe.testing.daemons;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ScratchDaemon;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A private dovecot instance on loopback for STARTTLS tests: {@code dovecot -F -c CONF} with its configuration, base
 * and state directories, log and mail in one scratch directory, serving IMAP (STARTTLS) and IMAPS, POP3 (STLS) and
 * POP3S, ManageSieve (STARTTLS) and LMTP (STARTTLS) on free ports of 127.0.0.1. The system's {@code /etc/dovecot} is
 * never read or changed. One user, {@link #USER} with password {@link #PASSWORD}, exists for clients that log in (the
 * probe never does).
 *
 * <pre>{@code
 * try (DovecotServer dovecot = DovecotServer.start(dir, TestCertificates.localhost())) {
 *   OpensslClientView.connect(dovecot.imapPort(), "-starttls", "imap");
 * }
 * DovecotServer.builder().disablePlaintextAuth(false).start(dir, cert);  // authentication offered before TLS
 * DovecotServer.builder().set("ssl_min_protocol", "TLSv1.3").start(dir, cert);
 * }</pre>
 *
 * <p><b>Loopback counts as secure.</b> Dovecot treats a connection whose two ends have the same IP address as secured
 * and then offers plain-text authentication whatever {@code disable_plaintext_auth} says, so on the plain ports of a
 * loopback instance {@code LOGINDISABLED} never appears. The {@code *ProxiedPort} listeners ({@code haproxy = yes},
 * trusted from 127.0.0.1) take a HAProxy PROXY v1 header first ({@link #sendProxyHeader(Socket, int)}) that names a
 * client at {@link #PROXIED_CLIENT}, a documentation address that only ever appears as text in that header; dovecot
 * then applies {@code disable_plaintext_auth} as it would to a remote client.
 *
 * <p>Dovecot runs as root and drops to {@code dovecot} (auth) and {@code dovenull} (login processes), both created by
 * the Debian package; the scratch directory and its ancestors get {@code o+x} so the auth process reaches the
 * passwd-file, and the mail directory belongs to {@code dovecot}, whose uid the test user borrows.
 */
public final class DovecotServer implements AutoCloseable {
  /** The test user. */
  public static final String USER = "probe";
  /** The test user's password. */
  public static final String PASSWORD = "secret";
  /** The client address the PROXY header claims on the proxied ports (RFC 5737 TEST-NET-1, text only). */
  public static final String PROXIED_CLIENT = "192.0.2.10";
  private static final Duration START_LIMIT = Duration.ofSeconds(30);

  private final ScratchDaemon daemon;
  private final Path dir;
  private final Map<String, Integer> ports;

  private DovecotServer(ScratchDaemon daemon, Path dir, Map<String, Integer> ports) {
    this.daemon = daemon;
    this.dir = dir;
    this.ports = Map.copyOf(ports);
  }

  /** Dovecot with {@code disable_plaintext_auth = yes}, Debian's defaults otherwise. */
  public static DovecotServer start(Path dir, HeldCertificate certificate) {
    return builder().start(dir, certificate);
  }

  /** A builder; defaults: {@code disable_plaintext_auth = yes}, no extra settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** IMAP in clear with STARTTLS (143 style). */
  public int imapPort() {
    return ports.get("imap");
  }

  /** IMAP with TLS from the first byte (993 style). */
  public int imapsPort() {
    return ports.get("imaps");
  }

  /** IMAP with STARTTLS behind a PROXY header (see the class comment). */
  public int imapProxiedPort() {
    return ports.get("imapproxied");
  }

  /** POP3 in clear with STLS (110 style). */
  public int pop3Port() {
    return ports.get("pop3");
  }

  /** POP3 with TLS from the first byte (995 style). */
  public int pop3sPort() {
    return ports.get("pop3s");
  }

  /** POP3 with STLS behind a PROXY header (see the class comment). */
  public int pop3ProxiedPort() {
    return ports.get("pop3proxied");
  }

  /** ManageSieve with STARTTLS (4190 style). */
  public int sievePort() {
    return ports.get("sieve");
  }

  /** ManageSieve with STARTTLS behind a PROXY header (see the class comment). */
  public int sieveProxiedPort() {
    return ports.get("sieveproxied");
  }

  /** LMTP over TCP with STARTTLS. */
  public int lmtpPort() {
    return ports.get("lmtp");
  }

  /**
   * Writes the HAProxy PROXY v1 header a {@code *ProxiedPort} expects as the first bytes of a connection: client
   * {@link #PROXIED_CLIENT}, server 127.0.0.1:{@code port}.
   */
  public static void sendProxyHeader(Socket socket, int port) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(("PROXY TCP4 " + PROXIED_CLIENT + " 127.0.0.1 40000 " + port + "\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** The scratch directory ({@code dovecot.conf}, {@code dovecot.log}, {@code base/}, {@code state/}, {@code mail/}). */
  public Path dir() {
    return dir;
  }

  /** The last lines of dovecot's log, for failure messages. */
  public String logTail() {
    return tail(dir.resolve("dovecot.log"));
  }

  /** Stops dovecot (SIGTERM to the master and its children) and waits for it to go. */
  @Override
  public void close() {
    daemon.close();
  }

  @Override
  public String toString() {
    return "DovecotServer[" + ports + ", " + dir + "]";
  }

  /** Settings of one instance; {@link #start} writes them and starts dovecot. */
  public static final class Builder {
    private boolean disablePlaintextAuth = true;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /**
     * {@code disable_plaintext_auth}: {@code true} (default) hides plain-text authentication before TLS from remote
     * clients ({@code LOGINDISABLED}, no POP3 {@code USER}, an empty {@code SASL}); {@code false} offers it.
     */
    public Builder disablePlaintextAuth(boolean disable) {
      this.disablePlaintextAuth = disable;
      return this;
    }

    /** Any other top-level setting ({@code ssl_min_protocol}, {@code ssl_cipher_list}, {@code ssl_dh}, …). */
    public Builder set(String setting, String value) {
      settings.put(requireNonNull(setting, "setting"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Writes the configuration into {@code dir} and starts dovecot with it; returns once every port accepts.
     *
     * @throws AssertionError with dovecot's log when it does not start
     */
    public DovecotServer start(Path dir, HeldCertificate certificate) {
      Path dovecot = Interop.requireCommand("dovecot");
      Interop.requireFile(Path.of("/usr/lib/dovecot/managesieve-login"));
      Interop.requireFile(Path.of("/usr/lib/dovecot/lmtp"));
      Path root = dir.toAbsolutePath();
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (String name : List.of("imap", "imaps", "imapproxied", "pop3", "pop3s", "pop3proxied", "sieve",
          "sieveproxied", "lmtp")) {
        ports.put(name, Interop.freeLoopbackPort());
      }
      Path conf = root.resolve("dovecot.conf");
      try {
        prepare(root, conf, certificate, ports);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write dovecot's configuration in " + root, e);
      }
      ScratchDaemon daemon = ScratchDaemon.start("dovecot", root,
          List.of(dovecot.toString(), "-F", "-c", conf.toString()), Map.of());
      try {
        long end = System.nanoTime() + START_LIMIT.toNanos();
        for (int port : ports.values()) {
          daemon.awaitPort(port, Duration.ofNanos(Math.max(1, end - System.nanoTime())));
        }
        return new DovecotServer(daemon, root, ports);
      } catch (RuntimeException | AssertionError e) {
        daemon.close();
        throw new AssertionError("dovecot did not start: " + e.getMessage() + "\n" + tail(root.resolve("dovecot.log")),
            e);
      }
    }

    private void prepare(Path root, Path conf, HeldCertificate certificate, Map<String, Integer> ports)
        throws IOException {
      Files.createDirectories(root);
      ScratchDaemon.letOthersTraverse(root, "dovecot");
      Path base = Files.createDirectories(root.resolve("base"));
      Path state = Files.createDirectories(root.resolve("state"));
      Path mail = Files.createDirectories(root.resolve("mail"));
      UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
      PosixFileAttributeView mailOwner = Files.getFileAttributeView(mail, PosixFileAttributeView.class);
      mailOwner.setOwner(users.lookupPrincipalByName("dovecot"));
      mailOwner.setGroup(users.lookupPrincipalByGroupName("dovecot"));
      Path cert = certificate.writeCertificatePem(root.resolve("cert.pem"));
      Path key = certificate.writePrivateKeyPem(root.resolve("key.pem"));
      Files.setPosixFilePermissions(key, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      Path passwd = root.resolve("users");
      Files.writeString(passwd, USER + ":{PLAIN}" + PASSWORD + "::::::\n", StandardCharsets.US_ASCII);
      String text = """
          # written by the tlsprobe test DovecotServer
          instance_name = tlsprobe-%1$s
          base_dir = %2$s
          state_dir = %3$s
          log_path = %4$s
          info_log_path = %4$s
          listen = 127.0.0.1
          protocols = imap pop3 sieve lmtp
          ssl = yes
          ssl_cert = <%5$s
          ssl_key = <%6$s
          disable_plaintext_auth = %7$s
          auth_mechanisms = plain login
          haproxy_trusted_networks = 127.0.0.1
          first_valid_uid = 1
          mail_location = maildir:%8$s/%%u
          passdb {
            driver = passwd-file
            args = scheme=PLAIN %9$s
          }
          userdb {
            driver = passwd-file
            args = %9$s
            default_fields = uid=dovecot gid=dovecot home=%8$s/%%u
          }
          service imap-login {
          %10$s%11$s%12$s}
          service pop3-login {
          %13$s%14$s%15$s}
          service managesieve-login {
          %16$s%17$s}
          service lmtp {
          %18$s}
          """.formatted(Long.toHexString(System.nanoTime()), base, state, root.resolve("dovecot.log"), cert, key,
          disablePlaintextAuth ? "yes" : "no", mail, passwd,
          listener("imap", ports, ""), listener("imaps", ports, "ssl = yes"),
          listener("imapproxied", ports, "haproxy = yes"),
          listener("pop3", ports, ""), listener("pop3s", ports, "ssl = yes"),
          listener("pop3proxied", ports, "haproxy = yes"),
          listener("sieve", ports, ""), listener("sieveproxied", ports, "haproxy = yes"),
          listener("lmtp", ports, ""));
      StringBuilder all = new StringBuilder(text);
      settings.forEach((k, v) -> all.append(k).append(" = ").append(v).append('\n'));
      Files.writeString(conf, all, StandardCharsets.US_ASCII);
    }

    private static String listener(String name, Map<String, Integer> ports, String extra) {
      return "  inet_listener " + name + " {\n    address = 127.0.0.1\n    port = " + ports.get(name) + "\n"
          + (extra.isEmpty() ? "" : "    " + extra + "\n") + "  }\n";
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return "--- " + file + " (last lines) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log " + file + ": " + e + ")";
    }
  }
}
