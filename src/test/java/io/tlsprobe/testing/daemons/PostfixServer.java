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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A private postfix instance on loopback for STARTTLS tests: its own {@code main.cf} and {@code master.cf}, queue,
 * data and log in one scratch directory, an SMTP listener that offers STARTTLS on {@link #startTlsPort()} and one
 * that speaks TLS from the first byte ({@code smtpd_tls_wrappermode}, port 465 style) on {@link #implicitTlsPort()}.
 * Every transport is {@code discard}, so nothing ever leaves. The system's {@code /etc/postfix} is never read for
 * settings or changed.
 *
 * <pre>{@code
 * try (PostfixServer postfix = PostfixServer.start(dir, TestCertificates.localhost())) {
 *   OpensslClientView.connect(postfix.startTlsPort(), "-starttls", "smtp");
 * }
 * PostfixServer.builder().securityLevel("none").start(dir, cert);               // no STARTTLS advertised
 * PostfixServer.builder().authentication(Authentication.BEFORE_TLS).start(dir, cert); // AUTH PLAIN LOGIN in clear
 * PostfixServer.builder().set("smtpd_tls_protocols", ">=TLSv1.2").start(dir, cert);
 * }</pre>
 *
 * <p>Postfix runs as root and drops to the {@code postfix} user, which must reach the queue: the scratch directory
 * and its ancestors inside the temporary directory get {@code o+x}. Postfix writes nothing to standard error without
 * a terminal; {@link #logTail()} (its {@code maillog_file}) explains a failure.
 */
public final class PostfixServer implements AutoCloseable {
  /** The host name postfix greets with. */
  public static final String HOST_NAME = "mail.tlsprobe.test";
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  /** Whether SMTP AUTH (Cyrus SASL, PLAIN and LOGIN over an empty sasldb) is offered, and when. */
  public enum Authentication {
    /** No SASL: EHLO never lists AUTH. */
    NONE,
    /** AUTH listed in clear and inside TLS ({@code smtpd_tls_auth_only = no}). */
    BEFORE_TLS,
    /** AUTH listed only inside TLS ({@code smtpd_tls_auth_only = yes}). */
    TLS_ONLY
  }

  private final ScratchDaemon daemon;
  private final Path dir;
  private final int startTlsPort;
  private final int implicitTlsPort;

  private PostfixServer(ScratchDaemon daemon, Path dir, int startTlsPort, int implicitTlsPort) {
    this.daemon = daemon;
    this.dir = dir;
    this.startTlsPort = startTlsPort;
    this.implicitTlsPort = implicitTlsPort;
  }

  /** Postfix with {@code smtpd_tls_security_level = may} and no SASL, Debian's defaults otherwise. */
  public static PostfixServer start(Path dir, HeldCertificate certificate) {
    return builder().start(dir, certificate);
  }

  /** A builder; defaults: security level {@code may}, {@link Authentication#NONE}, no extra settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The SMTP port (plain text, STARTTLS when the security level allows it). */
  public int startTlsPort() {
    return startTlsPort;
  }

  /** The SMTP port with TLS from the first byte ({@code smtpd_tls_wrappermode = yes}). */
  public int implicitTlsPort() {
    return implicitTlsPort;
  }

  /** The scratch directory (config in {@code conf/}, queue in {@code queue/}, log in {@code maillog}). */
  public Path dir() {
    return dir;
  }

  /** The last lines of postfix's log, for failure messages. */
  public String logTail() {
    return tail(dir.resolve("maillog"));
  }

  /** {@code postfix -c CONF stop}, then the master's process tree is killed if it is still there. */
  @Override
  public void close() {
    daemon.close();
  }

  @Override
  public String toString() {
    return "PostfixServer[starttls 127.0.0.1:" + startTlsPort + ", implicit 127.0.0.1:" + implicitTlsPort + ", "
        + dir + "]";
  }

  /** Settings of one instance; {@link #start} writes them and starts postfix. */
  public static final class Builder {
    private String securityLevel = "may";
    private Authentication authentication = Authentication.NONE;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /** {@code smtpd_tls_security_level}: {@code none} (no STARTTLS), {@code may} (default), {@code encrypt}. */
    public Builder securityLevel(String level) {
      this.securityLevel = requireNonNull(level, "level");
      return this;
    }

    /** Whether and when AUTH is offered; default {@link Authentication#NONE}. */
    public Builder authentication(Authentication authentication) {
      this.authentication = requireNonNull(authentication, "authentication");
      return this;
    }

    /** Any other {@code main.cf} parameter ({@code smtpd_tls_protocols}, {@code smtpd_tls_ciphers}, …). */
    public Builder set(String parameter, String value) {
      settings.put(requireNonNull(parameter, "parameter"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Writes the configuration into {@code dir} and starts postfix with it; returns once both ports accept.
     *
     * @throws AssertionError with postfix's log when it does not start
     */
    public PostfixServer start(Path dir, HeldCertificate certificate) {
      Path postfix = Interop.requireCommand("postfix");
      if (!"root".equals(System.getProperty("user.name"))) {
        String why = "postfix starts as root (its master drops to the postfix user); this JVM runs as "
            + System.getProperty("user.name");
        if (Interop.isRequired()) {
          throw new AssertionError(why + "; " + Interop.MODE_VARIABLE + "=" + Interop.REQUIRED);
        }
        org.junit.jupiter.api.Assumptions.abort(why + "; skipped");
      }
      Interop.requireFile(Path.of("/usr/share/postfix/master.cf.dist"));
      Path root = dir.toAbsolutePath();
      Path conf = root.resolve("conf");
      int startTlsPort = Interop.freeLoopbackPort();
      int implicitTlsPort = Interop.freeLoopbackPort();
      try {
        prepare(root, conf, certificate, startTlsPort, implicitTlsPort);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write postfix's configuration in " + root, e);
      }
      ScratchDaemon daemon = ScratchDaemon.start("postfix", root,
          List.of(postfix.toString(), "-c", conf.toString(), "start"), Map.of());
      try {
        if (!daemon.process().waitFor(START_LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
            || daemon.process().exitValue() != 0) {
          throw new AssertionError("postfix -c " + conf + " start failed\n" + daemon.logTail() + "\n"
              + tail(root.resolve("maillog")));
        }
        String pid = Files.readString(root.resolve("queue/pid/master.pid"), StandardCharsets.US_ASCII).trim();
        daemon.stopWith(List.of(postfix.toString(), "-c", conf.toString(), "stop")).alsoKill(Long.parseLong(pid));
        daemon.awaitPort(startTlsPort, Duration.ofSeconds(20));
        daemon.awaitPort(implicitTlsPort, Duration.ofSeconds(20));
        return new PostfixServer(daemon, root, startTlsPort, implicitTlsPort);
      } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
        daemon.close();
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (e instanceof AssertionError a) {
          throw a;
        }
        throw new AssertionError("postfix did not start: " + e + "\n" + tail(root.resolve("maillog")), e);
      }
    }

    private void prepare(Path root, Path conf, HeldCertificate certificate, int startTlsPort, int implicitTlsPort)
        throws IOException {
      Files.createDirectories(conf);
      Path queue = Files.createDirectories(root.resolve("queue"));
      Path data = Files.createDirectories(root.resolve("data"));
      ScratchDaemon.letOthersTraverse(root, "postfix");
      UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
      PosixFileAttributeView dataOwner = Files.getFileAttributeView(data, PosixFileAttributeView.class);
      dataOwner.setOwner(users.lookupPrincipalByName("postfix"));
      dataOwner.setGroup(users.lookupPrincipalByGroupName("postfix"));
      Path cert = certificate.writeCertificatePem(conf.resolve("cert.pem"));
      Path key = certificate.writePrivateKeyPem(conf.resolve("key.pem"));
      Files.setPosixFilePermissions(key, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      Map<String, String> main = new LinkedHashMap<>();
      main.put("compatibility_level", "3.6");
      main.put("queue_directory", queue.toString());
      main.put("data_directory", data.toString());
      main.put("maillog_file", root.resolve("maillog").toString());
      main.put("maillog_file_prefixes", root.toString());
      main.put("mail_owner", "postfix");
      main.put("myhostname", HOST_NAME);
      main.put("mydomain", "tlsprobe.test");
      main.put("myorigin", "$myhostname");
      main.put("mydestination", "");
      main.put("relay_domains", "");
      main.put("mynetworks", "127.0.0.0/8");
      main.put("inet_interfaces", "127.0.0.1");
      main.put("inet_protocols", "ipv4");
      main.put("alias_maps", "");
      main.put("alias_database", "");
      main.put("local_recipient_maps", "");
      for (String transport : List.of("default", "local", "relay", "virtual")) {
        main.put(transport + "_transport", "discard");
      }
      main.put("biff", "no");
      main.put("smtpd_tls_security_level", securityLevel);
      main.put("smtpd_tls_cert_file", cert.toString());
      main.put("smtpd_tls_key_file", key.toString());
      main.put("smtpd_tls_loglevel", "1");
      if (authentication != Authentication.NONE) {
        Path sasl = Files.createDirectories(conf.resolve("sasl"));
        Files.writeString(sasl.resolve("smtpd.conf"), "pwcheck_method: auxprop\nauxprop_plugin: sasldb\n"
            + "sasldb_path: " + root.resolve("sasldb2") + "\nmech_list: PLAIN LOGIN\n", StandardCharsets.US_ASCII);
        main.put("smtpd_sasl_auth_enable", "yes");
        main.put("cyrus_sasl_config_path", sasl.toString());
        main.put("smtpd_tls_auth_only", authentication == Authentication.TLS_ONLY ? "yes" : "no");
      }
      main.putAll(settings);
      StringBuilder mainCf = new StringBuilder("# written by the tlsprobe test PostfixServer\n");
      main.forEach((k, v) -> mainCf.append(k).append(" = ").append(v).append('\n'));
      Files.writeString(conf.resolve("main.cf"), mainCf, StandardCharsets.US_ASCII);
      Files.writeString(conf.resolve("master.cf"), masterCf(startTlsPort, implicitTlsPort), StandardCharsets.US_ASCII);
    }
  }

  /**
   * Debian's {@code master.cf.dist} with every service out of its chroot, without the {@code smtp inet} listener and
   * the pipe services for other software, plus our two loopback listeners.
   */
  static String masterCf(int startTlsPort, int implicitTlsPort) throws IOException {
    List<String> out = new ArrayList<>();
    boolean skippingPipe = false;
    for (String line : Files.readAllLines(Path.of("/usr/share/postfix/master.cf.dist"), StandardCharsets.US_ASCII)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        if (!skippingPipe) {
          out.add(line);
        }
        continue;
      }
      String[] f = line.trim().split("\\s+");
      skippingPipe = f.length >= 8 && f[7].equals("pipe") || f[0].equals("smtp") && f[1].equals("inet");
      if (skippingPipe) {
        continue;
      }
      if (f.length >= 8 && f[4].equals("y")) {
        f[4] = "n";
      }
      out.add(String.join(" ", f));
    }
    out.add("127.0.0.1:" + startTlsPort + " inet n - n - - smtpd");
    out.add("127.0.0.1:" + implicitTlsPort + " inet n - n - - smtpd -o smtpd_tls_wrappermode=yes"
        + " -o smtpd_tls_security_level=encrypt");
    return String.join("\n", out) + "\n";
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
