package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.Render.INDENT;
import static io.tlsprobe.assertj.error.Render.NL;
import static io.tlsprobe.assertj.error.Render.connection;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.Line;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The plain-text context of STARTTLS messages: the transcript, cut to a size a CI log can hold (the first and last
 * {@value #HEAD_LINES} lines, each at most {@value #MAX_CHARS} characters), then the connection.
 *
 * <pre>{@code
 * Transcripts.context(phase, report);
 * // Transcript (starttls:smtp, 7 lines):
 * //   S: 220 front.test ESMTP
 * //   C: EHLO tlsprobe.invalid
 * //   …
 * // Connection: 127.0.0.1:2525 (starttls:smtp): established, TLSv1.3, …
 * }</pre>
 */
final class Transcripts {
  /** Lines shown from each end of a long transcript. */
  static final int HEAD_LINES = 12;
  /** The longest line shown; longer ones end with {@code …}. */
  static final int MAX_CHARS = 160;

  private Transcripts() {}

  /**
   * The phase's transcript and the connection's summary (or, without a report, the phase's own summary), each
   * starting on a new line.
   */
  static String context(PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    return context(phase, "", report);
  }

  /** As {@link #context(PlainTextPhase, TlsConnectionReport)}, with {@code note} added to the heading. */
  static String context(PlainTextPhase phase, String note, @Nullable TlsConnectionReport report) {
    String heading = "Transcript (starttls:" + phase.dialect() + ", " + count(phase.transcript().size()) + note + ")";
    return NL + block(heading, phase.transcript(), phase.truncated()) + closing(phase, report);
  }

  /** The injection check's transcript, then the connection (or the phase). */
  static String injectionContext(InjectionCheck check, PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    String heading = "Injection check transcript (" + check.injectedCommand() + " pipelined with the upgrade command, "
        + count(check.transcript().size()) + ")";
    return NL + block(heading, check.transcript(), false) + closing(phase, report);
  }

  private static String closing(PlainTextPhase phase, @Nullable TlsConnectionReport report) {
    return report == null ? NL + "Plain-text phase: " + phase : connection(report);
  }

  private static String block(String heading, List<Line> lines, boolean truncated) {
    if (lines.isEmpty()) {
      return heading + ": empty";
    }
    StringBuilder sb = new StringBuilder(heading).append(':');
    if (lines.size() <= 2 * HEAD_LINES) {
      append(sb, lines);
    } else {
      append(sb, lines.subList(0, HEAD_LINES));
      sb.append(NL).append(INDENT).append("… ").append(count(lines.size() - 2 * HEAD_LINES)).append(" omitted …");
      append(sb, lines.subList(lines.size() - HEAD_LINES, lines.size()));
    }
    if (truncated) {
      sb.append(NL).append(INDENT).append("… (transcript truncated at ").append(PlainTextPhase.MAX_LINES)
          .append(" lines)");
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, List<Line> lines) {
    for (Line line : lines) {
      sb.append(NL).append(INDENT).append(cut(line.toString()));
    }
  }

  /** {@code text}, cut to {@link #MAX_CHARS} characters. */
  static String cut(String text) {
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "…";
  }

  /** The items one per line, indented, each cut to {@link #MAX_CHARS}. */
  static String listing(List<String> items) {
    return items.stream().map(i -> INDENT + cut(i)).collect(Collectors.joining(NL));
  }

  private static String count(int lines) {
    return lines + (lines == 1 ? " line" : " lines");
  }
}
