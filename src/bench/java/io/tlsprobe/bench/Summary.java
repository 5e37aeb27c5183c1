package io.tlsprobe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one run of {@code src/bench/run.sh} into the Markdown tables of BENCHMARKS.md: the JMH results
 * ({@code -rf json}) of {@link ProbeLatencyBenchmark} with the probe's ratio to each bare JSSE variant, and, for the
 * openssl servers, the probe next to {@code openssl s_client} (a process per handshake) and {@code openssl s_time}
 * (handshakes in one process), read from the tab-separated file the script writes
 * ({@code protocol, tool, mean ms, sd ms, median ms, count}); and, when given, the first-handshake figures of
 * {@link ColdStartBenchmark}.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.tlsprobe.bench.Summary \
 *     --openssl target/bench/openssl.tsv --cold target/bench/cold.json target/bench/jmh-*.json
 * }</pre>
 */
public final class Summary {
  private static final String PREFIX = ProbeLatencyBenchmark.class.getName() + ".";

  private Summary() {}

  /**
   * A JMH score.
   *
   * @param score the mean, ms/op
   * @param error the 99.9% confidence half-width, ms/op (NaN when JMH gave none)
   */
  record Score(double score, double error) {
    String render() {
      return Double.isNaN(error) ? fmt(score) : fmt(score) + " ± " + fmt(error);
    }
  }

  /**
   * One openssl line of the script's file.
   *
   * @param mean mean ms per handshake
   * @param sd standard deviation, ms (NaN for s_time)
   * @param median median, ms (NaN for s_time)
   * @param count runs or connections
   */
  record Tool(double mean, double sd, double median, long count) {}

  public static void main(String[] args) throws IOException {
    Path openssl = null;
    Path cold = null;
    List<Path> jmhFiles = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--openssl" -> openssl = Path.of(args[++i]);
        case "--cold" -> cold = Path.of(args[++i]);
        default -> jmhFiles.add(Path.of(args[i]));
      }
    }
    if (jmhFiles.isEmpty()) {
      throw new IllegalArgumentException("usage: Summary [--openssl OPENSSL_TSV] [--cold COLD_JSON] JMH_JSON…");
    }
    Map<String, Score> jmh = new LinkedHashMap<>();
    for (Path file : jmhFiles) {
      jmh.putAll(readJmh(file));
    }
    Map<String, Tool> tools = openssl == null ? Map.of() : readTools(openssl);
    System.out.print(render(jmh, tools));
    if (cold != null && Files.exists(cold)) {
      System.out.print(renderColdStart(readColdStart(cold)));
    }
  }

  static String renderColdStart(Map<String, Score> cold) {
    Score probe = cold.get("firstProbe");
    Score bare = cold.get("firstBareJsseHandshake");
    return "\nThe first handshake of a fresh JVM (JMH SingleShotTime, 5 forks, openssl s_server TLSv1.3, ms)\n\n"
        + "| first probe | first bare JSSE handshake (fresh context) | probe / bare |\n"
        + "|---:|---:|---:|\n"
        + "| " + render(probe) + " | " + render(bare) + " | " + ratio(probe, bare) + " |\n";
  }

  static Map<String, Score> readColdStart(Path file) {
    Map<String, Score> scores = new LinkedHashMap<>();
    String prefix = ColdStartBenchmark.class.getName() + ".";
    for (JsonNode run : JsonMapper.builder().build().readTree(file)) {
      String name = run.path("benchmark").asString("");
      if (name.startsWith(prefix)) {
        JsonNode metric = run.path("primaryMetric");
        scores.put(name.substring(prefix.length()),
            new Score(metric.path("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN)));
      }
    }
    return scores;
  }

  static String render(Map<String, Score> jmh, Map<String, Tool> tools) {
    StringBuilder out = new StringBuilder();
    out.append("In-JVM, after warm-up (JMH, average ms/op ± 99.9% CI half-width)\n\n");
    out.append("| server | protocol | probe | bare JSSE, fresh context | bare JSSE, shared context"
        + " | probe / bare fresh | probe / bare shared |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (String server : List.of("jsse", "openssl")) {
      for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
        Score probe = jmh.get(key("probe", server, protocol));
        Score fresh = jmh.get(key("bareJsseFreshContext", server, protocol));
        Score shared = jmh.get(key("bareJsseSharedContext", server, protocol));
        if (probe == null && fresh == null && shared == null) {
          continue;
        }
        out.append("| ").append(server.equals("jsse") ? "in-process JSSE" : "openssl s_server").append(" | ")
            .append(protocol).append(" | ").append(render(probe)).append(" | ").append(render(fresh)).append(" | ")
            .append(render(shared)).append(" | ").append(ratio(probe, fresh)).append(" | ")
            .append(ratio(probe, shared)).append(" |\n");
      }
    }
    out.append("\nThe same openssl s_server: the probe (JMH, in-JVM) next to openssl's own clients\n\n");
    out.append("| protocol | probe ms/op | s_client ms (mean ± sd, median; process start-up included) | runs"
        + " | probe / s_client mean | s_time ms per handshake (connections/s) | probe / s_time |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
      Score probe = jmh.get(key("probe", "openssl", protocol));
      Tool client = tools.get(protocol + "/s_client");
      Tool time = tools.get(protocol + "/s_time");
      if (probe == null && client == null && time == null) {
        continue;
      }
      out.append("| ").append(protocol).append(" | ").append(render(probe)).append(" | ")
          .append(client == null ? "–" : fmt(client.mean()) + " ± " + fmt(client.sd()) + ", " + fmt(client.median()))
          .append(" | ").append(client == null ? "–" : Long.toString(client.count())).append(" | ")
          .append(probe == null || client == null ? "–" : fmt2(probe.score() / client.mean())).append(" | ")
          .append(time == null ? "–" : fmt(time.mean()) + " (" + String.format(Locale.ROOT, "%.0f",
              1000 / time.mean()) + ")")
          .append(" | ").append(probe == null || time == null ? "–" : fmt2(probe.score() / time.mean()))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String key(String method, String server, String protocol) {
    return method + "/" + server + "/" + protocol;
  }

  private static String render(@org.jspecify.annotations.Nullable Score s) {
    return s == null ? "–" : s.render();
  }

  /** a / b, with the error from the two relative errors in quadrature. */
  static String ratio(@org.jspecify.annotations.Nullable Score a, @org.jspecify.annotations.Nullable Score b) {
    if (a == null || b == null) {
      return "–";
    }
    double r = a.score() / b.score();
    if (Double.isNaN(a.error()) || Double.isNaN(b.error())) {
      return fmt2(r);
    }
    double rel = Math.hypot(a.error() / a.score(), b.error() / b.score());
    return fmt2(r) + " ± " + fmt2(r * rel);
  }

  static Map<String, Score> readJmh(Path file) {
    Map<String, Score> scores = new LinkedHashMap<>();
    JsonNode root = JsonMapper.builder().build().readTree(file);
    for (JsonNode run : root) {
      String name = run.path("benchmark").asString("");
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      JsonNode params = run.path("params");
      JsonNode metric = run.path("primaryMetric");
      double error = metric.path("scoreError").asDouble(Double.NaN);
      scores.put(key(name.substring(PREFIX.length()), params.path("server").asString(""),
          params.path("protocol").asString("")), new Score(metric.path("score").asDouble(), error));
    }
    return scores;
  }

  static Map<String, Tool> readTools(Path file) throws IOException {
    Map<String, Tool> tools = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return tools;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (f.length < 6 || line.startsWith("#")) {
        continue;
      }
      tools.put(f[0] + "/" + f[1], new Tool(number(f[2]), number(f[3]), number(f[4]), (long) number(f[5])));
    }
    return tools;
  }

  private static double number(String s) {
    return Optional.of(s.strip()).filter(t -> !t.isEmpty() && !t.equals("-")).map(Double::parseDouble)
        .orElse(Double.NaN);
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
