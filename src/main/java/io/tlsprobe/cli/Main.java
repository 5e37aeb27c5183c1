package io.tlsprobe.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code java -jar tlsprobe-cli.jar <command> …}.
 *
 * <pre>
 * $ java -jar target/tlsprobe-cli.jar probe
 * $ java -jar target/tlsprobe-cli.jar probe --json example.test:443
 * $ java -jar target/tlsprobe-cli.jar probe mail.test:587 --starttls smtp
 * $ java -jar target/tlsprobe-cli.jar probe mail.test --protocol imap --discover
 * $ java -jar target/tlsprobe-cli.jar scan localhost:8443 --json
 * $ java -jar target/tlsprobe-cli.jar decode capture.hex
 * $ java -jar target/tlsprobe-cli.jar decode --json - &lt; capture.bin
 * $ java -jar target/tlsprobe-cli.jar capture --count 1 --trust-out ca.pem --json
 * </pre>
 *
 * <p>Exit codes: 0 success, 2 bad input or usage (a one-line error on standard error, never a stack trace), 3 a
 * probe whose handshake was not established, a scan that reached no TLS server, or a capture server that cannot
 * listen.
 */
@Command(
    name = "tlsprobe",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Prove that TLS is strong: decode, probe, capture and scan.")
public final class Main {
  /**
   * The commands, in the order the help lists them. Registered by {@link #run}: only the one named first on the command
   * line when there is one, so that a scan does not pay for building the other commands' models (picocli reflects
   * over every registered command at start). The names come from each command's {@code @Command}.
   */
  private static final List<Class<?>> COMMANDS = List.of(ProbeCommand.class, ScanCommand.class, CaptureCommand.class,
      DecodeCommand.class, CommandLine.HelpCommand.class);

  /** Exit code for success. */
  public static final int OK = 0;
  /** Exit code of {@code scan --policy} when the server breaks the policy. */
  public static final int POLICY_VIOLATED = 1;
  /** Exit code for bad input or bad usage. */
  public static final int BAD_INPUT = 2;
  /** Exit code of {@code probe} when the handshake was not established. */
  public static final int NOT_ESTABLISHED = 3;
  /** Exit code of {@code scan} when no TLS answer came (no connection, or nothing accepted and the scan partial). */
  public static final int UNREACHABLE = 3;
  /** Exit code of {@code capture} when its server cannot listen (the port is in use or not allowed). */
  public static final int CANNOT_LISTEN = 3;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err, System.in, true));
  }

  /**
   * Runs the command line with the given streams and returns the exit code; for tests and embedding. A command that
   * runs until stopped ({@code capture} without {@code --count}) stops when the calling thread is interrupted.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, java.io.InputStream stdin) {
    return run(args, out, err, stdin, false);
  }

  /**
   * {@link #run(String[], PrintWriter, PrintWriter, java.io.InputStream)}; with {@code stopOnSignal}, as the program
   * itself, a long-running command also stops cleanly on SIGINT or SIGTERM (a JVM shutdown hook) and the JVM then
   * exits 0.
   */
  static int run(String[] args, PrintWriter out, PrintWriter err, java.io.InputStream stdin, boolean stopOnSignal) {
    CommandLine cli = new CommandLine(new Main(), new Factory(stdin, stopOnSignal));
    for (Class<?> command : commandsFor(args)) {
      cli.addSubcommand(command);
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
    cli.setParameterExceptionHandler((e, arguments) -> {
      CommandLine where = e.getCommandLine();
      String message = (e.getMessage() == null ? e.toString() : e.getMessage()).replaceFirst("^Error: ", "");
      where.getErr().println("tlsprobe: " + message.replaceAll("\\s*\\R\\s*", " ").strip()
          + " (see '" + where.getCommandSpec().qualifiedName() + " --help')");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("tlsprobe: " + e);
      return BAD_INPUT;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The command named by {@code args[0]} alone, or all of them when the first argument names none (no argument, an
   * option such as {@code --help}, {@code help}, or a typo, whose message lists the commands).
   */
  static List<Class<?>> commandsFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> command : COMMANDS) {
        Command annotation = command.getAnnotation(Command.class);
        if (command != CommandLine.HelpCommand.class
            && (annotation.name().equals(args[0]) || List.of(annotation.aliases()).contains(args[0]))) {
          return List.of(command);
        }
      }
    }
    return COMMANDS;
  }

  /** Gives commands the standard input chosen by the caller. */
  private static final class Factory implements CommandLine.IFactory {
    private final java.io.InputStream stdin;
    private final boolean stopOnSignal;

    Factory(java.io.InputStream stdin, boolean stopOnSignal) {
      this.stdin = stdin;
      this.stopOnSignal = stopOnSignal;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == DecodeCommand.class) {
        return type.cast(new DecodeCommand(stdin));
      }
      if (type == CaptureCommand.class) {
        return type.cast(new CaptureCommand(stopOnSignal));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"tlsprobe " + (version == null ? "development" : version)};
    }
  }
}
