package io.tlsprobe.bench;

import io.tlsprobe.bench.Summary.Score;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the JMH results ({@code -rf json}) of {@link CaptureLatencyBenchmark} and {@link CaptureStartBenchmark} into
 * the Markdown tables of BENCHMARKS.md's "Capture server" section, with the ratios.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.tlsprobe.bench.CaptureSummary \
 *     target/bench/capture-latency.json target/bench/capture-start.json
 * }</pre>
 */
public final class CaptureSummary {
  private CaptureSummary() {}

  public static void main(String[] args) {
    Map<String, Score> scores = new LinkedHashMap<>();
    for (String file : args) {
      scores.putAll(read(Path.of(file)));
    }
    StringBuilder out = new StringBuilder();
    out.append("Per connection, after warm-up (JMH, average ms/op ± 99.9% CI half-width)\n\n")
        .append("| protocol | capture server | plain JSSE SSLServerSocket | capture / plain |\n")
        .append("|---|---:|---:|---:|\n");
    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
      Score capture = scores.get("CaptureLatencyBenchmark.captureServer/" + protocol);
      Score plain = scores.get("CaptureLatencyBenchmark.plainJsseServer/" + protocol);
      if (capture != null || plain != null) {
        out.append("| ").append(protocol).append(" | ").append(render(capture)).append(" | ").append(render(plain))
            .append(" | ").append(Summary.ratio(capture, plain)).append(" |\n");
      }
    }
    Score first = scores.get("CaptureStartBenchmark.firstStart/");
    Score identity = scores.get("CaptureStartBenchmark.firstIdentity/");
    Score later = scores.get("CaptureStartBenchmark.laterStart/");
    out.append("\nServer start, builder().build().start() + close() (JMH, ms)\n\n")
        .append("| first start in a fresh JVM (5 forks) | of which VALID.identity() alone, fresh JVM (5 forks)"
            + " | later start (average) | first / later |\n")
        .append("|---:|---:|---:|---:|\n")
        .append("| ").append(render(first)).append(" | ").append(render(identity)).append(" | ")
        .append(render(later)).append(" | ").append(Summary.ratio(first, later)).append(" |\n");
    System.out.print(out);
  }

  /** Scores keyed {@code Class.method/protocol} (protocol empty when the benchmark has none). */
  static Map<String, Score> read(Path file) {
    Map<String, Score> scores = new LinkedHashMap<>();
    String prefix = CaptureSummary.class.getPackageName() + ".";
    for (JsonNode run : JsonMapper.builder().build().readTree(file)) {
      String name = run.path("benchmark").asString("");
      if (!name.startsWith(prefix)) {
        continue;
      }
      JsonNode metric = run.path("primaryMetric");
      scores.put(name.substring(prefix.length()) + "/" + run.path("params").path("protocol").asString(""),
          new Score(metric.path("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN)));
    }
    return scores;
  }

  private static String render(@Nullable Score score) {
    return score == null ? "–" : score.render();
  }
}
