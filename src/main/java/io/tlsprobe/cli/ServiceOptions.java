package io.tlsprobe.cli;

import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of {@code tlsprobe probe} that say how TLS starts and which service is probed: {@code --starttls},
 * {@code --protocol}, {@code --no-injection-check}, {@code --discover} with {@code --starttls-port} and
 * {@code --implicit-port}. Resolves them against the target into a {@link Plan} or a {@link Discovery}.
 *
 * <pre>
 * probe mail.test:587 --starttls smtp        # SMTP STARTTLS on 587
 * probe mail.test --protocol imap            # 143, STARTTLS (IMAP)
 * probe mail.test --protocol imap --discover # 993 implicit TLS and 143 STARTTLS, side by side
 * </pre>
 */
final class ServiceOptions {
  @Option(
      names = "--starttls",
      paramLabel = "DIALECT",
      converter = DialectConverter.class,
      description = "Speak this protocol in clear first and upgrade to TLS: smtp, lmtp, ftp, imap, pop3, nntp, ldap,"
          + " xmpp, xmpp-server, postgres, mysql, sieve; or none for TLS from the first byte (default: none, or what"
          + " --protocol implies for the port).")
  @Nullable StartTls startTls;

  @Option(
      names = "--protocol",
      paramLabel = "SERVICE",
      converter = ServiceConverter.class,
      description = "The service: picks its well-known port when HOST has none (the STARTTLS port, e.g. imap 143),"
          + " and the way TLS starts there (implicit TLS on its implicit port, e.g. imap 993, its STARTTLS dialect"
          + " elsewhere) unless --starttls is given. One of: smtp, submission, lmtp, ftp, imap, pop3, nntp, ldap, xmpp,"
          + " xmpp-server, postgres, mysql, sieve, https.")
  @Nullable ServiceProtocol protocol;

  @Option(
      names = "--no-injection-check",
      description = "Skip the STARTTLS command-injection check (CVE-2011-0411 class), which costs a second"
          + " connection (default: run it for dialects with commands: smtp, lmtp, ftp, imap, pop3, nntp, sieve).")
  boolean noInjectionCheck;

  @Option(
      names = "--discover",
      description = "With --protocol: try both the implicit-TLS port and the STARTTLS upgrade on the classic port,"
          + " and print a report for each (HOST without a port).")
  boolean discover;

  @Option(
      names = "--starttls-port",
      paramLabel = "PORT",
      description = "With --discover: where to try the STARTTLS upgrade instead of the protocol's port; 0 skips it.")
  @Nullable Integer startTlsPort;

  @Option(
      names = "--implicit-port",
      paramLabel = "PORT",
      description = "With --discover: where to try implicit TLS instead of the protocol's port; 0 skips it.")
  @Nullable Integer implicitPort;

  /**
   * Where one probe connects and how TLS starts there.
   *
   * @param port the port: the target's, else the protocol's default
   * @param startTls {@code --starttls}, else the protocol's mode for the port, else direct TLS
   */
  record Plan(int port, StartTls startTls) {}

  /**
   * The ports a discovery tries, 0 for "skip".
   *
   * @param protocol the service
   * @param startTlsPort where to try the upgrade
   * @param implicitPort where to try implicit TLS
   */
  record Discovery(ServiceProtocol protocol, int startTlsPort, int implicitPort) {}

  /** Whether any of these options asks for something the embedded demo server (direct TLS) cannot do. */
  @Nullable String needsTarget() {
    if (discover) {
      return "--discover";
    }
    if (protocol != null) {
      return "--protocol";
    }
    if (startTls != null && startTls.isUpgrade()) {
      return "--starttls";
    }
    return null;
  }

  /**
   * The single probe for {@code target}.
   *
   * @throws IllegalArgumentException naming the option when the options do not fit together
   */
  Plan plan(HostPort target) {
    if (startTlsPort != null || implicitPort != null) {
      throw new IllegalArgumentException((startTlsPort != null ? "--starttls-port" : "--implicit-port")
          + " applies only with --discover");
    }
    ServiceProtocol service = protocol;
    int port = target.portGiven() || service == null ? target.port()
        : service.defaultPort().orElse(HostPort.DEFAULT_PORT);
    StartTls mode = startTls != null ? startTls : service != null ? service.modeFor(port) : StartTls.NONE;
    return new Plan(port, mode);
  }

  /**
   * The discovery for {@code target}.
   *
   * @throws IllegalArgumentException naming the option when the options do not fit together
   */
  Discovery discovery(HostPort target) {
    ServiceProtocol service = protocol;
    if (service == null) {
      throw new IllegalArgumentException("--discover needs --protocol: the service whose ports to try, e.g."
          + " --protocol imap");
    }
    if (startTls != null) {
      throw new IllegalArgumentException("--discover tries " + service.cliName() + "'s own upgrade: drop --starttls");
    }
    if (target.portGiven()) {
      throw new IllegalArgumentException("--discover tries " + service.cliName() + "'s ports: give " + target.host()
          + " without a port, and choose ports with --starttls-port and --implicit-port");
    }
    int upgrade = port("--starttls-port", startTlsPort, service.startTlsPort().orElse(0));
    int implicit = port("--implicit-port", implicitPort, service.implicitTlsPort().orElse(0));
    if (upgrade > 0 && !service.startTls().isUpgrade()) {
      throw new IllegalArgumentException("--starttls-port " + upgrade + ": " + service.cliName()
          + " has no STARTTLS upgrade");
    }
    if (upgrade == 0 && implicit == 0) {
      throw new IllegalArgumentException("--discover has nothing to try: " + service.cliName() + " has "
          + (service.startTlsPort().isEmpty() ? "no STARTTLS port" : "its STARTTLS port skipped") + " and "
          + (service.implicitTlsPort().isEmpty() ? "no implicit-TLS port" : "its implicit-TLS port skipped")
          + "; name one with --starttls-port or --implicit-port");
    }
    return new Discovery(service, upgrade, implicit);
  }

  private static int port(String option, @Nullable Integer given, int fallback) {
    if (given == null) {
      return fallback;
    }
    if (given < 0 || given > 0xffff) {
      throw new IllegalArgumentException(option + " " + given + " is not a port 1-65535 (or 0 to skip)");
    }
    return given;
  }

  /** {@code --starttls NAME} by {@link StartTls#byName(String)}; an unknown name lists the known ones. */
  static final class DialectConverter implements ITypeConverter<StartTls> {
    @Override
    public StartTls convert(String value) {
      return StartTls.byName(value).orElseThrow(() -> new TypeConversionException(
          "unknown STARTTLS dialect '" + value + "': use " + StartTls.names() + " (or none)"));
    }
  }

  /** {@code --protocol NAME} by {@link ServiceProtocol#byName(String)}; an unknown name lists the known ones. */
  static final class ServiceConverter implements ITypeConverter<ServiceProtocol> {
    @Override
    public ServiceProtocol convert(String value) {
      return ServiceProtocol.byName(value).filter(p -> p != ServiceProtocol.NONE)
          .orElseThrow(() -> new TypeConversionException("unknown service '" + value + "': use " + names()));
    }

    static String names() {
      return Arrays.stream(ServiceProtocol.values()).filter(p -> p != ServiceProtocol.NONE)
          .map(ServiceProtocol::cliName).collect(Collectors.joining("|"));
    }
  }
}
