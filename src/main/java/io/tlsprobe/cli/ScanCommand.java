package io.tlsprobe.cli;

import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.report.ScanJson;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.scan.ScanOptions;
import io.tlsprobe.scan.TlsScans;
import io.tlsprobe.starttls.StartTls;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsprobe scan HOST:PORT [options]}: everything a server accepts ({@link TlsScans#scan(ScanOptions)}), as the
 * table of {@link ServerProfile#render()} for people or as JSON (schema {@value ScanJson#SCHEMA}, {@link ScanJson}).
 *
 * <pre>
 * scan localhost:8443
 * scan mail.test:587 --starttls smtp --max-parallel 2 --timeout 3s --json
 * scan localhost:8443 --trust-store ca.p12
 * </pre>
 *
 * <p>Exit 0 when the scan reached the server, complete or partial (a partial scan says why on standard error and in
 * the JSON's {@code partial_reason}); 3 when no TLS answer came at all (no connection, or nothing accepted and the
 * scan partial); 2 for bad usage. With {@code --policy NAME} the profile is also held to that {@link TlsPolicy}: the
 * table ends with the verdict and each violation, the JSON gains {@code "policy"}, and the exit is 1 when a rule is
 * broken.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scan a TLS server: every protocol version (SSL 2.0 to TLS 1.3) and every cipher suite of the IANA registry it"
          + " accepts, whether it enforces its own order, the key-exchange groups and the DHE prime size, found with"
          + " hand-made ClientHellos read only up to the server's answer; and the certificate chain per key type"
          + " with its verdict against the trust store.",
      "Prints a table, or with --json one object (schema tlsprobe.scan/1)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:scanned: the server answered (and, with --policy, complies); a partial scan (it stopped answering midway, a"
          + " timeout ran out) also exits 0, says why on standard error and has \"complete\": false in the JSON",
      "1:with --policy: the server breaks the policy (each violation is listed)",
      "2:bad usage or input (one line on standard error)",
      "3:unreachable: no connection could be opened, or no TLS answer came at all"
    })
final class ScanCommand implements Callable<Integer> {
  @Spec private @Nullable CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "HOST:PORT",
      converter = HostPort.Converter.class,
      description = "The server: host:port, [ipv6]:port, or a host alone (port 443).")
  private @Nullable HostPort target;

  @Option(
      names = "--starttls",
      paramLabel = "DIALECT",
      converter = ServiceOptions.DialectConverter.class,
      description = "Speak this protocol in clear first and upgrade to TLS on every connection: smtp, lmtp, ftp, imap,"
          + " pop3, nntp, ldap, xmpp, xmpp-server, postgres, mysql, sieve; or none (default: none).")
  private StartTls startTls = StartTls.NONE;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Timeouts.Converter.class,
      description = "Bound per connection on the connect and on the server's answer: 5s, 500ms, 2m or PT5S"
          + " (default: connect 5s, answer 10s; the whole scan is bounded by 2m).")
  private @Nullable Duration timeout;

  @Option(
      names = "--max-parallel",
      paramLabel = "N",
      description = "The most connections open at once, 1-" + ScanOptions.MAX_PARALLEL_LIMIT + " (default: "
          + ScanOptions.DEFAULT_MAX_PARALLEL + ").")
  private int maxParallel = ScanOptions.DEFAULT_MAX_PARALLEL;

  @ArgGroup(exclusive = false, multiplicity = "0..1")
  private ProbeCommand.@Nullable TrustStore trustStore;

  @Option(names = "--json", description = "Print the profile as JSON (schema tlsprobe.scan/1) instead of a table.")
  private boolean json;

  @Option(
      names = "--policy",
      paramLabel = "NAME",
      converter = PolicyVerdict.Converter.class,
      description = "Hold the server to a published policy and exit 1 on any violation: mozilla-modern,"
          + " mozilla-intermediate (Mozilla 6.0), mozilla-5.7-modern, mozilla-5.7-intermediate, mozilla-5.7-old,"
          + " nist-800-52r2, bsi-tr-02102-2.")
  private @Nullable TlsPolicy policy;

  @Override
  public Integer call() {
    CommandSpec commandSpec = Objects.requireNonNull(spec, "spec");
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    ScanOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      err.println("tlsprobe: " + e.getMessage() + " (see 'tlsprobe scan --help')");
      return Main.BAD_INPUT;
    }
    ServerProfile profile = TlsScans.scan(options);
    TlsPolicy held = policy;
    @Nullable PolicyVerdict verdict = held == null ? null : PolicyVerdict.of(held, profile);
    if (json) {
      ScanJson.write(profile, verdict == null ? null : verdict.json(), out);
      out.println();
    } else {
      out.println(profile.render());
      if (verdict != null) {
        out.println(verdict.render());
      }
    }
    out.flush();
    if (unreachable(profile)) {
      err.println("tlsprobe: " + Objects.requireNonNull(target, "target") + " unreachable: "
          + profile.partialReason().orElse("no TLS answer"));
      return Main.UNREACHABLE;
    }
    profile.partialReason().ifPresent(r -> err.println("tlsprobe: partial scan: " + r));
    return verdict == null || verdict.compliant() ? Main.OK : Main.POLICY_VIOLATED;
  }

  /** No connection opened, or nothing accepted and the scan could not finish: nothing answered in TLS. */
  static boolean unreachable(ServerProfile profile) {
    return profile.connections() == 0 || (profile.acceptedProtocols().isEmpty() && !profile.isComplete());
  }

  /**
   * The scan options the command line asks for.
   *
   * @throws IllegalArgumentException naming the option whose value is out of range
   */
  ScanOptions options() {
    HostPort where = Objects.requireNonNull(target, "target");
    if (maxParallel < 1 || maxParallel > ScanOptions.MAX_PARALLEL_LIMIT) {
      throw new IllegalArgumentException("--max-parallel " + maxParallel + " is not in 1-"
          + ScanOptions.MAX_PARALLEL_LIMIT);
    }
    ScanOptions.Builder builder = ScanOptions.builder(where.host(), where.port()).startTls(startTls)
        .maxParallel(maxParallel);
    ProbeCommand.TrustStore trust = trustStore;
    if (trust != null && trust.file != null) {
      builder.trustStore(trust.file, trust.type, trust.password);
    }
    Duration t = timeout;
    if (t != null) {
      builder.connectTimeout(t).handshakeTimeout(t);
    }
    return builder.build();
  }
}
