package io.tlsprobe.cli;

import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.ServiceDiscovery;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.ReportJson;
import io.tlsprobe.report.TlsConnectionReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsprobe probe [HOST:PORT] [options]}: one handshake with a server, and the report of what it negotiated,
 * as text for people or as JSON (schema {@code tlsprobe.report/1}). With {@code --starttls DIALECT} (or
 * {@code --protocol SERVICE}) it speaks the service's plain-text protocol first and upgrades; the report then carries
 * the plain-text phase. With {@code --protocol SERVICE --discover} it tries implicit TLS and the STARTTLS upgrade side
 * by side ({@link ServiceOptions}).
 *
 * <p>Without HOST:PORT (or as {@code tlsprobe demo}) it starts an embedded TLS server ({@link DemoServer}) with a
 * certificate generated on the spot, probes that, and stops it: the command shows what it does on a machine with
 * nothing else.
 */
@Command(
    name = "probe",
    aliases = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Probe a TLS server: one handshake, and the report of what it negotiated (protocol, cipher suite with its"
          + " strength, compression, key-exchange group, ALPN, extensions, JA3/JA4, certificates leaf first, and"
          + " the verdict on the chain).",
      "Without HOST:PORT (or as 'demo'), probes an embedded TLS server started on 127.0.0.1 with a certificate"
          + " issued by a CA generated just now, which the probe trusts.",
      "With --starttls DIALECT (or --protocol SERVICE), speaks the service's plain-text protocol first, upgrades to"
          + " TLS, and reports the plain-text phase too: greeting, capabilities before and after TLS, whether the"
          + " upgrade was advertised, whether authentication was offered before TLS, and the STARTTLS"
          + " command-injection check. With --protocol SERVICE --discover, tries the implicit-TLS port and the"
          + " STARTTLS upgrade side by side and prints a report for each."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:established: the handshake completed (whatever the certificate verdict); with --discover, at least one"
          + " of implicit TLS and STARTTLS did",
      "1:with --policy: established, but what was negotiated breaks the policy (each violation is listed)",
      "2:bad usage or input (one line on standard error)",
      "3:not established: rejected by the peer, aborted locally, a transport error (refused, timeout, reset,"
          + " not TLS), or the STARTTLS upgrade failed (not advertised, refused, an answer that is not the protocol,"
          + " silence); with --discover, neither way did"
    })
final class ProbeCommand implements Callable<Integer> {
  @Spec private @Nullable CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "HOST:PORT",
      converter = HostPort.Converter.class,
      description = "The server: host:port, [ipv6]:port, or a host alone (port 443, or the --protocol's well-known"
          + " port). None: the embedded demo server.")
  private @Nullable HostPort target;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private @Nullable ServerName serverName;

  @Option(
      names = "--alpn",
      split = ",",
      paramLabel = "PROTOCOL",
      description = "ALPN protocols to offer, in preference order: h2,http/1.1 (default: none).")
  private List<String> alpn = new ArrayList<>();

  @ArgGroup(exclusive = false, multiplicity = "0..1")
  private @Nullable TrustStore trustStore;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Timeouts.Converter.class,
      description = "Bound on connect, handshake and the whole probe: 5s, 500ms, 2m or PT5S"
          + " (default: connect 5s, handshake 10s, whole probe 15s).")
  private @Nullable Duration timeout;

  @Option(
      names = "--protocols",
      split = ",",
      paramLabel = "VERSION",
      description = "Protocol versions to offer, by JSSE name: TLSv1.2,TLSv1.3 (default: the JVM's enabled ones).")
  private List<String> protocols = new ArrayList<>();

  @Option(
      names = "--ciphers",
      split = ",",
      paramLabel = "SUITE",
      description = "Cipher suites to offer, by IANA name: TLS_AES_128_GCM_SHA256,… (default: the JVM's enabled"
          + " ones).")
  private List<String> ciphers = new ArrayList<>();

  @Mixin private ServiceOptions service = new ServiceOptions();

  @Option(names = "--json", description = "Print the report as JSON (schema tlsprobe.report/1; with --discover"
      + " tlsprobe.discover/1) instead of text.")
  private boolean json;

  @Option(
      names = "--policy",
      paramLabel = "NAME",
      converter = PolicyVerdict.Converter.class,
      description = "Hold what the handshake negotiated (version, suite, group, DHE prime, compression, certificate"
          + " key) to a published policy and exit 1 on any violation: the names of 'scan --policy'. Not with"
          + " --discover.")
  private @Nullable TlsPolicy policy;

  @Option(names = {"-v", "--verbose"}, description = "Show the whole plain-text transcript of a STARTTLS probe and of"
      + " its injection check (default: the transcript only when it is at most 24 lines).")
  private boolean verbose;

  /** {@code --sni NAME} or {@code --no-sni}, not both. */
  static final class ServerName {
    @Option(
        names = "--sni",
        paramLabel = "NAME",
        description = "The SNI host name to send (default: HOST when it is a name with a dot, none for an IP).")
    private @Nullable String name;

    @Option(names = "--no-sni", description = "Send no server_name extension.")
    private boolean none;
  }

  /** {@code --trust-store FILE} and its type and password. */
  static final class TrustStore {
    @Option(
        names = "--trust-store",
        paramLabel = "FILE",
        required = true,
        description = "Trust store the certificate verdict is computed against (default: the JDK's; the handshake"
            + " itself accepts any chain).")
    @Nullable Path file;

    @Option(
        names = "--trust-store-type",
        paramLabel = "TYPE",
        defaultValue = "PKCS12",
        description = "Its type: PKCS12 or JKS (default: ${DEFAULT-VALUE}).")
    String type = "PKCS12";

    @Option(
        names = "--trust-store-password",
        paramLabel = "PASSWORD",
        description = "Its password (default: none; a PKCS12 store of certificates needs none).")
    char @Nullable [] password;
  }

  @Override
  public Integer call() {
    CommandSpec commandSpec = Objects.requireNonNull(spec, "spec");
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    TlsConnectionReport report;
    try {
      HostPort where = target;
      if (where == null) {
        String option = service.needsTarget();
        if (option != null) {
          throw new IllegalArgumentException(option + " needs HOST[:PORT]: the embedded demo server speaks TLS from"
              + " the first byte");
        }
        report = probeDemo(err);
      } else if (service.discover) {
        if (policy != null) {
          throw new IllegalArgumentException("--policy does not apply to --discover");
        }
        return discover(where, out);
      } else {
        ServiceOptions.Plan plan = service.plan(where);
        report = TlsProbes.probe(options(where.host(), plan.port(), null).toBuilder()
            .startTls(plan.startTls()).build());
      }
    } catch (IllegalArgumentException e) {
      err.println("tlsprobe: " + oneLine(e.getMessage()));
      return Main.BAD_INPUT;
    } catch (UncheckedIOException e) {
      err.println("tlsprobe: " + oneLine(e.getMessage()) + ": " + describe(e.getCause()));
      return Main.BAD_INPUT;
    }
    TlsPolicy held = policy;
    @Nullable PolicyVerdict verdict = held == null ? null : PolicyVerdict.of(held, report);
    if (json) {
      ReportJson.write(report, verdict == null ? null : verdict.json(), out);
      out.println();
    } else {
      new TextOut(out).write(ReportView.of(report, Instant.now(), verbose), 0);
      if (verdict != null) {
        out.println(verdict.render());
      }
    }
    out.flush();
    if (!report.outcome().isEstablished()) {
      return Main.NOT_ESTABLISHED;
    }
    return verdict == null || verdict.compliant() ? Main.OK : Main.POLICY_VIOLATED;
  }

  /** {@code --discover}: both ways, both reports; established when either way is. */
  private int discover(HostPort where, PrintWriter out) {
    ServiceOptions.Discovery plan = service.discovery(where);
    ProbeOptions options = options(where.host(), plan.startTlsPort() > 0 ? plan.startTlsPort() : plan.implicitPort(),
        null);
    ServiceDiscovery found = TlsProbes.discover(options, plan.protocol(), plan.startTlsPort(), plan.implicitPort());
    if (json) {
      DiscoveryOut.writeJson(found, out);
      out.println();
    } else {
      new TextOut(out).write(DiscoveryOut.view(found, Instant.now(), verbose), 0);
    }
    out.flush();
    return found.offersImplicitTls() || found.offersStartTls() ? Main.OK : Main.NOT_ESTABLISHED;
  }

  private TlsConnectionReport probeDemo(PrintWriter err) {
    try (DemoServer demo = DemoServer.start()) {
      err.println("tlsprobe: no HOST:PORT given: probing an embedded demo server on " + demo.host() + ":" + demo.port()
          + " (certificate for localhost and " + demo.host() + " from a CA generated just now, which this probe"
          + " trusts); pass HOST:PORT to probe your own server");
      err.flush();
      return TlsProbes.probe(options(demo.host(), demo.port(), demo.trustStore()));
    }
  }

  /** The probe options the command line asks for; {@code defaultTrust} applies unless --trust-store is given. */
  ProbeOptions options(String host, int port, @Nullable KeyStore defaultTrust) {
    ProbeOptions.Builder builder = ProbeOptions.builder(host, port);
    ServerName sni = serverName;
    if (sni != null && sni.none) {
      builder.noServerName();
    } else if (sni != null && sni.name != null) {
      builder.serverName(sni.name);
    }
    builder.alpn(alpn);
    if (!protocols.isEmpty()) {
      builder.protocols(protocols);
    }
    if (!ciphers.isEmpty()) {
      builder.cipherSuites(ciphers);
    }
    TrustStore trust = trustStore;
    if (trust != null && trust.file != null) {
      builder.trustStore(trust.file, trust.type, trust.password);
    } else if (defaultTrust != null) {
      builder.trustStore(defaultTrust);
    }
    Duration bound = timeout;
    if (bound != null) {
      builder.timeout(bound);
    }
    builder.startTlsInjectionCheck(!service.noInjectionCheck);
    return builder.build();
  }

  private static String describe(@Nullable Throwable cause) {
    if (cause instanceof NoSuchFileException) {
      return "no such file";
    }
    return cause == null ? "unknown error" : oneLine(cause.getMessage() == null ? cause.toString() : cause.getMessage());
  }

  private static String oneLine(@Nullable String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
