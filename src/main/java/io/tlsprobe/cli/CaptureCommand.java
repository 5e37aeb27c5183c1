package io.tlsprobe.cli;

import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.ReportJson;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.StartTlsBehaviour;
import io.tlsprobe.server.TlsCaptureServer;
import io.tlsprobe.starttls.ServiceProtocol;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlsprobe capture [options]}: runs a {@link TlsCaptureServer} on 127.0.0.1 and prints each client's report
 * as it arrives, seen from the server ({@link ReportView#captured}): who connected, what it offered, what was agreed,
 * or how it ended the handshake. The local howsmyssl for any program: point curl, a JDBC driver or a browser at it.
 *
 * <pre>
 * $ java -jar target/tlsprobe-cli.jar capture --trust-out ca.pem --count 1 --json &amp;
 * tlsprobe: listening on https://localhost:40123/ (127.0.0.1:40123), certificate scenario valid; trust ca.pem, e.g.
 *     curl --cacert ca.pem https://localhost:40123/; stops after 1 connection
 * $ curl --cacert ca.pem https://localhost:40123/
 * {"schema":"tlsprobe.report/1","outcome":"established","endpoint":{…},"protocol":"TLSv1.3",…}
 * </pre>
 *
 * <p>With {@code --json} standard output holds only JSON Lines, one {@code tlsprobe.report/1} object per client;
 * the banner and the closing summary go to standard error in both modes.
 */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a TLS server on 127.0.0.1 and print what each client offers and agrees, as it connects: its address and"
          + " SNI, the versions, cipher suites, groups, signature schemes, extensions and ALPN it offers, its JA3"
          + " and JA4, and the protocol, cipher suite and group agreed, or how it ended the handshake (rejected with"
          + " an alert, closed, not TLS).",
      "By default the server speaks HTTPS and answers one HTTP/1.1 request after the handshake, so a client"
          + " finishes its job; --starttls serves a plain-text protocol instead. Its certificate comes"
          + " from a CA generated for this run; --trust-out writes that CA for the client (curl --cacert FILE),"
          + " and --scenario presents a bad certificate instead (expired, wrong-host, …) to see whether the client"
          + " refuses it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped: after --count connections, at the end of --duration, or on SIGINT/SIGTERM",
      "2:bad usage (one line on standard error), or --trust-out cannot be written",
      "3:the server cannot listen (the port is in use or not allowed)"
    })
final class CaptureCommand implements Callable<Integer> {
  /** How often the loop looks for a stop request while waiting for clients. */
  private static final Duration POLL = Duration.ofMillis(200);

  @Spec private @Nullable CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      converter = CaptureOptions.PortConverter.class,
      description = "The port to listen on, on 127.0.0.1 (default: 0, a free port chosen by the system).")
  private int port;

  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      converter = CaptureOptions.ScenarioConverter.class,
      description = "The certificate the server presents: valid, expired, not-yet-valid, self-signed,"
          + " untrusted-root, wrong-host, no-san, rsa-1024, sha1-signature, missing-intermediate,"
          + " client-certificate-required (default: valid). The client is always meant to trust the run's CA"
          + " (--trust-out).")
  private CertificateScenario scenario = CertificateScenario.VALID;

  @Option(
      names = "--starttls",
      paramLabel = "PROTOCOL",
      converter = ServiceOptions.ServiceConverter.class,
      description = "Serve PROTOCOL instead of HTTPS, in clear with a STARTTLS upgrade, recording every plain-text"
          + " line: e.g. smtp, submission (a protocol the capture server has no front for is refused, listing"
          + " those it serves); with"
          + " --implicit-tls, inside TLS from the first byte (smtps) instead.")
  private @Nullable ServiceProtocol startTls;

  @Option(
      names = "--implicit-tls",
      description = "With --starttls PROTOCOL: serve it inside TLS from the first byte (SMTPS, IMAPS, …) instead of"
          + " upgrading.")
  private boolean implicitTls;

  @Option(
      names = "--starttls-behaviour",
      paramLabel = "BEHAVIOUR",
      converter = CaptureOptions.BehaviourConverter.class,
      description = "How the STARTTLS upgrade is answered, to see what the client does: upgrade, not-advertised"
          + " (stripped), refused, inject-response (default: upgrade).")
  private StartTlsBehaviour behaviour = StartTlsBehaviour.UPGRADE;

  @Option(
      names = "--count",
      paramLabel = "K",
      converter = CaptureOptions.CountConverter.class,
      description = "Stop after K connections, once their reports are printed and the clients have finished"
          + " (default: run until SIGINT/SIGTERM or --duration).")
  private @Nullable Integer count;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = Timeouts.Converter.class,
      description = "Stop after this long: 30s, 5m, PT1H (default: no limit).")
  private @Nullable Duration duration;

  @Option(
      names = "--trust-out",
      paramLabel = "FILE",
      description = "Write the CA certificate a client must trust, as PEM, before listening (curl --cacert FILE,"
          + " openssl s_client -CAfile FILE); the file is kept (default: a temporary file, named in the banner and"
          + " deleted on exit).")
  private @Nullable Path trustOut;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Timeouts.Converter.class,
      description = "How long a client has for its handshake, and may stay silent after it (default: 10s).")
  private @Nullable Duration timeout;

  @Option(names = "--json", description = "Print each report as one line of JSON (schema tlsprobe.report/1; its"
      + " client_hello as decode --json prints it) instead of text.")
  private boolean json;

  @Option(names = {"-v", "--verbose"}, description = "Show each STARTTLS transcript in full (default: only when it is"
      + " at most 24 lines).")
  private boolean verbose;

  private final boolean stopOnSignal;

  CaptureCommand(boolean stopOnSignal) {
    this.stopOnSignal = stopOnSignal;
  }

  @Override
  public Integer call() {
    CommandSpec commandSpec = Objects.requireNonNull(spec, "spec");
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    TlsCaptureServer.Builder builder = TlsCaptureServer.builder().port(port).identity(scenario.identity());
    Duration bound = timeout;
    if (bound != null) {
      builder.handshakeTimeout(bound).idleTimeout(bound);
    }
    TlsCaptureServer built;
    try {
      built = protocol(builder).build();
    } catch (IllegalArgumentException e) {
      String message = oneLine(e.getMessage());
      ServiceProtocol asked = startTls;
      err.println("tlsprobe: " + (asked == null || message.startsWith("--") ? "" : "--starttls " + asked.cliName()
          + ": ") + message);
      return Main.BAD_INPUT;
    }
    try (SignalStop stop = stopOnSignal ? SignalStop.install() : SignalStop.none()) {
      String ending;
      try {
        Path trust;
        try {
          trust = trustOut != null ? built.clientTrust().writePem(trustOut) : built.clientTrust().pemFile();
        } catch (UncheckedIOException e) {
          err.println("tlsprobe: --trust-out " + trustOut + ": cannot write: " + describe(e));
          return Main.BAD_INPUT;
        }
        try {
          built.start();
        } catch (UncheckedIOException e) {
          err.println("tlsprobe: " + oneLine(e.getMessage()));
          return Main.CANNOT_LISTEN;
        }
        err.println(banner(built, trust));
        err.flush();
        ending = serve(built, stop, out);
      } finally {
        boolean interrupted = Thread.interrupted(); // cleared, so that close() waits for the server's threads
        built.close();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      err.println("tlsprobe: " + ending + "; server closed");
      err.flush();
      out.flush();
      return Main.OK;
    }
  }

  /**
   * Applies {@code --starttls}, {@code --implicit-tls} and {@code --starttls-behaviour}.
   *
   * @throws IllegalArgumentException when they do not fit together (the builder names protocols without a front)
   */
  private TlsCaptureServer.Builder protocol(TlsCaptureServer.Builder builder) {
    ServiceProtocol protocol = startTls;
    if (protocol == null) {
      if (implicitTls) {
        throw new IllegalArgumentException("--implicit-tls needs --starttls PROTOCOL, the protocol to serve inside"
            + " TLS (HTTPS, served without --starttls, always is)");
      }
      if (behaviour != StartTlsBehaviour.UPGRADE) {
        throw new IllegalArgumentException("--starttls-behaviour " + CaptureOptions.behaviourName(behaviour) + " needs --starttls"
            + " PROTOCOL: HTTPS has no upgrade to interfere with");
      }
      return builder;
    }
    if (protocol == ServiceProtocol.HTTPS) {
      throw new IllegalArgumentException("--starttls https: HTTPS has no STARTTLS upgrade; it is what capture"
          + " serves without --starttls");
    }
    if (implicitTls && behaviour != StartTlsBehaviour.UPGRADE) {
      throw new IllegalArgumentException("--starttls-behaviour " + CaptureOptions.behaviourName(behaviour) + " needs a STARTTLS"
          + " upgrade: drop --implicit-tls");
    }
    return builder.protocol(protocol).implicitTls(implicitTls).startTlsBehaviour(behaviour);
  }

  /** Prints reports until a stop, then lets the last clients finish when the count was reached; says why it ended. */
  private String serve(TlsCaptureServer server, SignalStop stop, PrintWriter out) {
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    Map<Outcome.Kind, Integer> kinds = new EnumMap<>(Outcome.Kind.class);
    int seen = 0;
    String why;
    while (true) {
      if (count != null && seen >= count) {
        awaitClientsDone(server, stop);
        why = "after " + plural(seen, "connection") + " (--count " + count + ")";
        break;
      }
      if (stop.requested() || Thread.currentThread().isInterrupted()) {
        why = stop.requested() ? "stopped by a signal" : "interrupted";
        break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        why = "after --duration " + Timeouts.format(Objects.requireNonNull(duration));
        break;
      }
      Optional<TlsConnectionReport> next = next(server, Duration.ofNanos(Math.min(left, POLL.toNanos())));
      if (next.isPresent()) {
        seen++;
        kinds.merge(next.get().outcome().kind(), 1, Integer::sum);
        print(next.get(), seen, out);
      }
    }
    String tally = kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().jsonName())
        .collect(Collectors.joining(", "));
    return "captured " + plural(seen, "connection") + (tally.isEmpty() ? "" : " (" + tally + ")") + ", " + why;
  }

  private void print(TlsConnectionReport report, int number, PrintWriter out) {
    if (json) {
      out.println(ReportJson.toJsonLine(report));
    } else {
      out.println("connection " + number + ":");
      new TextOut(out).write(ReportView.captured(report, Instant.now(), verbose), 1);
      out.println();
    }
    out.flush();
  }

  /** The next report, or empty after {@code wait} (or when interrupted: the flag stays set for the loop). */
  private static Optional<TlsConnectionReport> next(TlsCaptureServer server, Duration wait) {
    try {
      return Optional.of(server.awaitConnection(wait));
    } catch (IllegalStateException none) {
      return Optional.empty();
    }
  }

  /** Waits (up to the idle timeout) for connections still open, so the last clients get their answers. */
  private void awaitClientsDone(TlsCaptureServer server, SignalStop stop) {
    long end = System.nanoTime() + (timeout != null ? timeout : Duration.ofSeconds(10)).toNanos();
    while (server.openConnections() > 0 && System.nanoTime() < end && !stop.requested()) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String banner(TlsCaptureServer server, Path trust) {
    boolean https = server.protocol() == ServiceProtocol.HTTPS;
    String where = https ? server.url("/").toString() : server.uri().toString();
    String how = https ? "" : server.implicitTls() ? ", " + server.protocol().cliName() + " inside TLS"
        : ", " + server.protocol().cliName() + " with STARTTLS"
            + (server.startTlsBehaviour() == StartTlsBehaviour.UPGRADE ? ""
                : " answered " + CaptureOptions.behaviourName(server.startTlsBehaviour()));
    String example = https ? "curl --cacert " + trust + " " + where
        : "openssl s_client" + (server.implicitTls() ? "" : " -starttls " + server.protocol().startTls().cliName())
            + " -connect 127.0.0.1:" + server.port() + " -CAfile " + trust;
    String file = trustOut != null ? trust.toString() : trust + " (deleted on exit; --trust-out FILE keeps one)";
    String verdict = scenario.correctClientAccepts() ? "a correct client accepts it" : "a correct client rejects it";
    return "tlsprobe: listening on " + where + " (127.0.0.1:" + server.port() + how + "), certificate scenario "
        + CaptureOptions.scenarioName(scenario) + " (" + verdict + ")"
        + (server.identity().needsClientCertificate() ? ", client certificate required" : "")
        + "; trust " + file + ", e.g. " + example + "; "
        + (count != null ? "stops after " + plural(count, "connection") : "Ctrl-C stops");
  }



  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String describe(UncheckedIOException e) {
    Throwable cause = e.getCause();
    String message = cause == null ? e.getMessage() : cause.toString();
    return oneLine(message);
  }

  private static String oneLine(@Nullable String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
