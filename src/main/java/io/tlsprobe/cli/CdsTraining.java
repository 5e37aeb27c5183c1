package io.tlsprobe.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run of the CLI's class-data sharing archive: {@code mvn package} runs it once under
 * {@code -XX:ArchiveClassesAtExit=target/tlsprobe-cli.jsa}, so the classes, lambdas and method handles that a real
 * command loads come from the archive when {@code target/tlsprobe} starts. Not a command of the CLI: it runs command
 * lines the way {@link Main#main} does, against {@link DemoServer}s on 127.0.0.1 and a port of the kernel's choosing
 * (nothing outside the JVM), and discards their output.
 *
 * <pre>
 * $ java -XX:ArchiveClassesAtExit=tlsprobe-cli.jsa -cp tlsprobe-cli.jar io.tlsprobe.cli.CdsTraining
 * tlsprobe CDS training: scan 0, scan --json 0, scan TLS 1.3 only --json 0, probe --json 0, --version 0, …
 * </pre>
 *
 * <p>It trains a full scan (table and JSON) of a server with the JDK's default protocol versions, a scan of a server
 * restricted to TLS 1.3 (whose certificate only a completed handshake shows), a probe of the demo server, the version
 * and the help. The process exits 0 when every command exited 0, 1 otherwise; the archive is made either way (the
 * launcher works without one).
 */
final class CdsTraining {
  private static final String SCAN_TIMEOUT = "5s";

  private CdsTraining() {}

  public static void main(String[] args) {
    Map<String, Integer> codes = train();
    StringBuilder line = new StringBuilder("tlsprobe CDS training:");
    codes.forEach((name, code) -> line.append(line.charAt(line.length() - 1) == ':' ? " " : ", ")
        .append(name).append(' ').append(code));
    System.out.println(line);
    System.exit(codes.values().stream().allMatch(code -> code == Main.OK) ? 0 : 1);
  }

  /** Runs every trained command line, in order; returns each one's name and exit code. */
  static Map<String, Integer> train() {
    Map<String, Integer> codes = new LinkedHashMap<>();
    try (DemoServer server = DemoServer.start()) {
      String target = server.host() + ":" + server.port();
      codes.put("scan", run("scan", target, "--timeout", SCAN_TIMEOUT));
      codes.put("scan --json", run("scan", target, "--timeout", SCAN_TIMEOUT, "--json"));
    }
    try (DemoServer server = DemoServer.start(List.of("TLSv1.3"))) {
      codes.put("scan TLS 1.3 only --json",
          run("scan", server.host() + ":" + server.port(), "--timeout", SCAN_TIMEOUT, "--json"));
    }
    codes.put("probe --json", run("probe", "--json"));
    codes.put("--version", run("--version"));
    codes.put("--help", run("--help"));
    codes.put("scan --help", run("scan", "--help"));
    return Collections.unmodifiableMap(codes);
  }

  /** Runs one command line with its output discarded and returns its exit code. */
  private static int run(String... args) {
    PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    return Main.run(args, discard, discard, InputStream.nullInputStream());
  }
}
