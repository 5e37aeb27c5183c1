package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** How {@code --starttls}, {@code --protocol} and {@code --discover} resolve against the target. */
class ServiceOptionsTest {

  private static ServiceOptions parse(String... args) {
    ServiceOptions options = new ServiceOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @ParameterizedTest(name = "{0} {1} -> port {2}, {3}")
  @CsvSource({
    "'--protocol imap', mail.test, 143, IMAP",
    "'--protocol imap', mail.test:993, 993, NONE",
    "'--protocol imap', mail.test:10143, 10143, IMAP",
    "'--protocol submission', mail.test, 587, SMTP",
    "'--protocol smtp', mail.test:465, 465, NONE",
    "'--protocol https', web.test, 443, NONE",
    "'--protocol postgresql', db.test, 5432, POSTGRES",
    "'--protocol XMPP_SERVER', chat.test, 5269, XMPP_SERVER",
    "'--protocol imap --starttls none', mail.test:10143, 10143, NONE",
    "'--protocol imap --starttls imap', mail.test:993, 993, IMAP",
    "'--starttls smtp', mail.test:2525, 2525, SMTP",
    "'--starttls managesieve', mail.test:4190, 4190, SIEVE",
    "'--starttls smtp', mail.test, 443, SMTP",
    "'', web.test, 443, NONE"
  })
  void choosesThePortAndHowTlsStarts(String args, String target, int port, StartTls mode) {
    ServiceOptions options = parse(args.isBlank() ? new String[0] : args.split(" "));

    ServiceOptions.Plan plan = options.plan(HostPort.parse(target));

    assertThat(plan).isEqualTo(new ServiceOptions.Plan(port, mode));
  }

  @Test
  void unknownDialectIsAUsageErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> parse("--starttls", "smtps"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("unknown STARTTLS dialect 'smtps'")
        .hasMessageContaining(StartTls.names());
  }

  @Test
  void unknownOrUnsetServiceIsAUsageErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> parse("--protocol", "gopher"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("unknown service 'gopher'")
        .hasMessageContaining("smtp|submission|lmtp|ftp|imap|pop3|nntp|ldap|xmpp|xmpp-server|postgres|mysql|sieve|https");
    assertThatThrownBy(() -> parse("--protocol", "none")).isInstanceOf(ParameterException.class);
  }

  @Test
  void discoveryTriesTheProtocolsTwoPortsUnlessTold() {
    assertThat(parse("--protocol", "imap", "--discover").discovery(HostPort.parse("mail.test")))
        .isEqualTo(new ServiceOptions.Discovery(ServiceProtocol.IMAP, 143, 993));
    assertThat(parse("--protocol", "imap", "--discover", "--starttls-port", "10143", "--implicit-port", "0")
        .discovery(HostPort.parse("mail.test")))
        .isEqualTo(new ServiceOptions.Discovery(ServiceProtocol.IMAP, 10143, 0));
    assertThat(parse("--protocol", "lmtp", "--discover").discovery(HostPort.parse("mail.test")))
        .as("LMTP has no implicit-TLS port").isEqualTo(new ServiceOptions.Discovery(ServiceProtocol.LMTP, 24, 0));
    assertThat(parse("--protocol", "https", "--discover").discovery(HostPort.parse("web.test")))
        .isEqualTo(new ServiceOptions.Discovery(ServiceProtocol.HTTPS, 0, 443));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
    "--discover | mail.test | --discover needs --protocol: the service whose ports to try, e.g. --protocol imap",
    "--protocol imap --discover --starttls imap | mail.test | --discover tries imap's own upgrade: drop --starttls",
    "--protocol imap --discover | mail.test:143 | --discover tries imap's ports: give mail.test without a port, and"
        + " choose ports with --starttls-port and --implicit-port",
    "--protocol lmtp --discover --starttls-port 0 | mail.test | --discover has nothing to try: lmtp has its"
        + " STARTTLS port skipped and no implicit-TLS port; name one with --starttls-port or --implicit-port",
    "--protocol https --discover --starttls-port 25 | web.test | --starttls-port 25: https has no STARTTLS upgrade",
    "--protocol imap --discover --implicit-port 70000 | mail.test | --implicit-port 70000 is not a port 1-65535 (or"
        + " 0 to skip)"
  })
  void discoveryOptionsThatDoNotFitTogetherNameTheOption(String args, String target, String message) {
    ServiceOptions options = parse(args.split(" "));

    assertThatThrownBy(() -> options.discovery(HostPort.parse(target)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void discoveryPortsWithoutDiscoverAreAUsageError() {
    ServiceOptions options = parse("--protocol", "imap", "--implicit-port", "993");

    assertThatThrownBy(() -> options.plan(HostPort.parse("mail.test")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--implicit-port applies only with --discover");
  }

  @Test
  void optionsTheDemoServerCannotHonourAreNamed() {
    assertThat(parse().needsTarget()).isNull();
    assertThat(parse("--starttls", "none").needsTarget()).isNull();
    assertThat(parse("--starttls", "smtp").needsTarget()).isEqualTo("--starttls");
    assertThat(parse("--protocol", "imap").needsTarget()).isEqualTo("--protocol");
    assertThat(parse("--protocol", "imap", "--discover").needsTarget()).isEqualTo("--discover");
  }
}
