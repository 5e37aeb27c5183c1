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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prosody 0.12 (Debian package {@code prosody}) on loopback: {@code prosody --config FILE -F} (foreground) with a
 * private configuration in the scratch directory: {@code interfaces = {"127.0.0.1"}}, client-to-server and
 * server-to-server ports with STARTTLS, their direct-TLS twins ({@code c2s_direct_tls_ports},
 * {@code s2s_direct_tls_ports}, new in 0.12), no HTTP or component ports, data, pid file and certificate directory
 * in the scratch directory, logging to the console (the daemon log), and one {@code VirtualHost "localhost"} with the
 * given certificate. Clients must encrypt ({@code c2s_require_encryption}: {@code <starttls>} carries
 * {@code <required/>} and no SASL mechanism is offered before TLS); servers need not ({@code s2s_require_encryption =
 * false}).
 *
 * <p>The {@code prosody} binary (unlike {@code prosodyctl}) does not switch to the prosody user, so it runs as the
 * test's user; {@code run_as_root = true} keeps it quiet about it. {@link #startWithoutTls(Path)} leaves out the
 * {@code tls} module and the certificate: the features then list no {@code <starttls/>} and there are no direct-TLS
 * ports. XMPP needs the stream's {@code to} to name a served domain: connect with the domain {@value #DOMAIN}.
 *
 * <pre>{@code
 * try (ProsodyServer xmpp = ProsodyServer.start(tempDir, TestCertificates.localhost())) {
 *   OpensslClientView.connect(xmpp.c2sPort(), "-starttls", "xmpp", "-xmpphost", ProsodyServer.DOMAIN);
 * }
 * }</pre>
 */
public final class ProsodyServer implements AutoCloseable {
  /** The only VirtualHost. */
  public static final String DOMAIN = "localhost";
  /** How long the server's start gets. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final ScratchDaemon daemon;
  private final int c2sPort;
  private final int s2sPort;
  private final int c2sDirectTlsPort;
  private final int s2sDirectTlsPort;

  private ProsodyServer(ScratchDaemon daemon, int c2sPort, int s2sPort, int c2sDirectTlsPort, int s2sDirectTlsPort) {
    this.daemon = daemon;
    this.c2sPort = c2sPort;
    this.s2sPort = s2sPort;
    this.c2sDirectTlsPort = c2sDirectTlsPort;
    this.s2sDirectTlsPort = s2sDirectTlsPort;
  }

  /** Starts prosody with STARTTLS and direct TLS on {@code cert}; skips the calling test without prosody. */
  public static ProsodyServer start(Path dir, HeldCertificate cert) {
    return launch(dir, requireNonNull(cert, "cert"));
  }

  /** Starts prosody without the {@code tls} module: its stream features do not offer STARTTLS. */
  public static ProsodyServer startWithoutTls(Path dir) {
    return launch(dir, null);
  }

  private static ProsodyServer launch(Path dir, @Nullable HeldCertificate cert) {
    Path prosody = Interop.requireCommand("prosody");
    Path home = dir.toAbsolutePath();
    int c2s = Interop.freeLoopbackPort();
    int s2s = Interop.freeLoopbackPort();
    int c2sTls = cert == null ? -1 : Interop.freeLoopbackPort();
    int s2sTls = cert == null ? -1 : Interop.freeLoopbackPort();
    Path config = home.resolve("prosody.cfg.lua");
    try {
      Files.createDirectories(home.resolve("data"));
      Files.createDirectories(home.resolve("certs"));
      String ssl = "";
      if (cert != null) {
        Path certificate = cert.writeCertificatePem(home.resolve("certs").resolve("localhost.crt"));
        Path key = cert.writePrivateKeyPem(home.resolve("certs").resolve("localhost.key"));
        ssl = "ssl = { certificate = " + lua(certificate) + "; key = " + lua(key) + " }\n";
      }
      String text = "-- written by ProsodyServer for one test class\n"
          + "pidfile = " + lua(home.resolve("prosody.pid")) + "\n"
          + "data_path = " + lua(home.resolve("data")) + "\n"
          + "certificates = " + lua(home.resolve("certs")) + "\n"
          + "run_as_root = true\n"
          + "log = { { levels = { min = \"info\" }, to = \"console\" } }\n"
          + "interfaces = { \"127.0.0.1\" }\n"
          + "local_interfaces = { \"127.0.0.1\" }\n"
          + "c2s_ports = { " + c2s + " }\n"
          + "s2s_ports = { " + s2s + " }\n"
          + (cert == null ? "c2s_direct_tls_ports = { }\ns2s_direct_tls_ports = { }\n"
              : "c2s_direct_tls_ports = { " + c2sTls + " }\ns2s_direct_tls_ports = { " + s2sTls + " }\n")
          + "http_ports = { }\nhttps_ports = { }\ncomponent_ports = { }\n"
          + "plugin_paths = { }\n"
          + "modules_enabled = { " + (cert == null ? "" : "\"tls\", ") + "\"saslauth\", \"disco\", \"ping\","
          + " \"dialback\" }\n"
          + "modules_disabled = { }\n"
          + "authentication = \"internal_hashed\"\n"
          + "storage = \"internal\"\n"
          + "c2s_require_encryption = " + (cert != null) + "\n"
          + "s2s_require_encryption = false\n"
          + "s2s_secure_auth = false\n"
          + ssl
          + "VirtualHost \"" + DOMAIN + "\"\n"
          + (ssl.isEmpty() ? "" : "  " + ssl);
      Files.writeString(config, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare prosody's files in " + home, e);
    }
    ScratchDaemon daemon = ScratchDaemon.start("prosody", home,
        List.of(prosody.toString(), "--config", config.toString(), "-F"), Map.of());
    try {
      daemon.awaitPort(c2s, START_TIMEOUT);
      daemon.awaitPort(s2s, START_TIMEOUT);
      if (cert != null) {
        daemon.awaitPort(c2sTls, START_TIMEOUT);
        daemon.awaitPort(s2sTls, START_TIMEOUT);
      }
    } catch (AssertionError e) {
      daemon.close();
      throw e;
    }
    return new ProsodyServer(daemon, c2s, s2s, c2sTls, s2sTls);
  }

  private static String lua(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The client-to-server port (STARTTLS, {@code jabber:client}). */
  public int c2sPort() {
    return c2sPort;
  }

  /** The server-to-server port (STARTTLS, {@code jabber:server}). */
  public int s2sPort() {
    return s2sPort;
  }

  /**
   * The client-to-server direct-TLS port (XEP-0368).
   *
   * @throws IllegalStateException on a server started without TLS
   */
  public int c2sDirectTlsPort() {
    if (c2sDirectTlsPort < 0) {
      throw new IllegalStateException("started without TLS: no direct-TLS port");
    }
    return c2sDirectTlsPort;
  }

  /**
   * The server-to-server direct-TLS port.
   *
   * @throws IllegalStateException on a server started without TLS
   */
  public int s2sDirectTlsPort() {
    if (s2sDirectTlsPort < 0) {
      throw new IllegalStateException("started without TLS: no direct-TLS port");
    }
    return s2sDirectTlsPort;
  }

  /** The server's output, for failure messages. */
  public String logTail() {
    return daemon.logTail();
  }

  /** Stops prosody (SIGTERM; killed after {@link ScratchDaemon#STOP_GRACE}). */
  @Override
  public void close() {
    daemon.close();
  }

  @Override
  public String toString() {
    return "ProsodyServer[" + DOMAIN + ", c2s 127.0.0.1:" + c2sPort + ", s2s 127.0.0.1:" + s2sPort + ", " + daemon
        + "]";
  }
}
