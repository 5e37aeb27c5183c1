package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The entry point registers only the command named first (picocli builds a model of every registered command at
 * start, which a scan should not pay for), yet the help, the help command, aliases and typos see every command.
 */
class MainTest {
  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), InputStream.nullInputStream());
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void registersOnlyTheCommandNamedFirst() {
    assertThat(Main.commandsFor(new String[] {"scan", "localhost:8443", "--json"}))
        .containsExactly(ScanCommand.class);
    assertThat(Main.commandsFor(new String[] {"decode", "-"})).containsExactly(DecodeCommand.class);
  }

  @Test
  void findsACommandByItsAlias() {
    assertThat(Main.commandsFor(new String[] {"demo"})).containsExactly(ProbeCommand.class);
  }

  @Test
  void registersEveryCommandWhenTheFirstArgumentNamesNone() {
    for (String[] args : new String[][] {{}, {"--help"}, {"help", "scan"}, {"scna"}, {"--version"}}) {
      assertThat(Main.commandsFor(args)).as(String.join(" ", args)).containsExactly(ProbeCommand.class,
          ScanCommand.class, CaptureCommand.class, DecodeCommand.class, CommandLine.HelpCommand.class);
    }
  }

  @Test
  void helpListsEveryCommand() {
    // when
    Run run = run("--help");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("probe", "scan", "capture", "decode", "help");
  }

  @Test
  void helpCommandDescribesTheCommandItIsGiven() {
    // when
    Run run = run("help", "scan");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: tlsprobe scan").contains("--max-parallel");
  }

  @Test
  void aMisspelledCommandIsBadUsageNamingIt() {
    // when
    Run run = run("scna", "localhost:8443");

    // then
    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err()).contains("'scna'").contains("see 'tlsprobe --help'");
  }

  @Test
  void aCommandRunAloneKeepsItsQualifiedNameInMessages() {
    // when
    Run run = run("scan", "localhost:8443", "--max-parallel", "0");

    // then
    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err()).contains("see 'tlsprobe scan --help'");
  }
}
