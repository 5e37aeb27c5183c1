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

/**
 * A private nginx (Debian package {@code nginx-light} or {@code nginx}) serving HTTPS on 127.0.0.1 and a free port
 * with the TLS directives a test chooses, and its certificates, configuration, pid file, logs and temporary paths in
 * the scratch directory; the system's nginx and {@code /etc/nginx} are not touched. The master stays in the
 * foreground ({@code daemon off;}) with one worker; as root the worker runs as root too ({@code user root;}), so it
 * can read the scratch directory. Each request is answered {@code 200 ok}.
 *
 * <pre>{@code
 * try (NginxServer nginx = NginxServer.start(dir, List.of(rsa, ecdsa), """
 *     ssl_protocols TLSv1.2 TLSv1.3;
 *     ssl_prefer_server_ciphers off;
 *     """)) {
 *   TlsScans.scan(ScanOptions.builder("127.0.0.1", nginx.port()).build());
 * }
 * }</pre>
 */
public final class NginxServer implements AutoCloseable {
  /** How long nginx gets to accept on its port. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final ScratchDaemon daemon;
  private final int port;
  private final String tls;

  private NginxServer(ScratchDaemon daemon, int port, String tls) {
    this.daemon = daemon;
    this.port = port;
    this.tls = tls;
  }

  /**
   * Starts nginx presenting each of {@code certificates} (one per key type, e.g. an RSA and an ECDSA one) with the
   * {@code ssl_*} directives {@code tls} (written as they are inside the {@code server} block), and waits until it
   * accepts; skips the calling test without nginx (fails under {@code TLSPROBE_INTEROP=required}).
   *
   * @throws AssertionError with nginx's log when it does not start (for example, a directive it rejects)
   */
  public static NginxServer start(Path dir, List<HeldCertificate> certificates, String tls) {
    requireNonNull(tls, "tls");
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("nginx needs at least one certificate");
    }
    Path nginx = Interop.requireCommand("nginx");
    Path home = dir.toAbsolutePath();
    try {
      Files.createDirectories(home.resolve("logs"));
      int port = Interop.freeLoopbackPort();
      StringBuilder certs = new StringBuilder();
      for (int i = 0; i < certificates.size(); i++) {
        HeldCertificate c = certificates.get(i);
        certs.append("    ssl_certificate ").append(c.writeCertificatePem(home.resolve("cert" + i + ".pem")))
            .append(";\n    ssl_certificate_key ").append(c.writePrivateKeyPem(home.resolve("key" + i + ".pem")))
            .append(";\n");
      }
      Path conf = home.resolve("nginx.conf");
      Files.writeString(conf, config(home, port, certs.toString(), tls), StandardCharsets.UTF_8);
      ScratchDaemon daemon = ScratchDaemon.start("nginx", home,
          List.of(nginx.toString(), "-p", home + "/", "-c", conf.toString(), "-e", home.resolve("logs/error.log")
              .toString()), Map.of());
      NginxServer server = new NginxServer(daemon, port, tls);
      try {
        daemon.awaitPort(port, START_TIMEOUT);
      } catch (AssertionError e) {
        server.close();
        throw new AssertionError(e.getMessage() + "\n" + server.errorLog(), e);
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare nginx in " + home, e);
    }
  }

  private static String config(Path home, int port, String certificates, String tls) {
    String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
    return user
        + "daemon off;\n"
        + "master_process on;\n"
        + "worker_processes 1;\n"
        + "pid " + home.resolve("nginx.pid") + ";\n"
        + "error_log " + home.resolve("logs/error.log") + " info;\n"
        + "events { worker_connections 512; }\n"
        + "http {\n"
        + "  access_log off;\n"
        + "  client_body_temp_path " + home.resolve("body") + ";\n"
        + "  proxy_temp_path " + home.resolve("proxy") + ";\n"
        + "  fastcgi_temp_path " + home.resolve("fastcgi") + ";\n"
        + "  uwsgi_temp_path " + home.resolve("uwsgi") + ";\n"
        + "  scgi_temp_path " + home.resolve("scgi") + ";\n"
        + "  server {\n"
        + "    listen 127.0.0.1:" + port + " ssl;\n"
        + "    server_name localhost;\n"
        + certificates
        + tls.indent(4)
        + "    location / { return 200 \"ok\\n\"; }\n"
        + "  }\n"
        + "}\n";
  }

  /** The HTTPS port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** nginx's error log (with {@code info} lines: each handshake it failed), for failure messages. */
  public String errorLog() {
    try {
      List<String> lines = Files.readAllLines(daemon.dir().resolve("logs/error.log"), StandardCharsets.UTF_8);
      return "--- nginx error.log (last lines) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no error.log: " + e + ")\n" + daemon.logTail();
    }
  }

  /** Stops the master and its worker. */
  @Override
  public void close() {
    daemon.close();
  }

  @Override
  public String toString() {
    return "NginxServer[127.0.0.1:" + port + ", " + tls.strip().replace('\n', ' ') + "]";
  }
}
