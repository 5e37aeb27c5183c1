package io.tlsprobe.assertj.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptsTest {
  private static final String NL = System.lineSeparator();

  @Test
  void showsTheFirstAndLastLinesOfALongTranscript() {
    // given 30 lines
    PlainTextPhase.Builder builder = PlainTextPhase.builder("imap");
    for (int i = 1; i <= 30; i++) {
      builder.line(Direction.SERVER, false, "* line " + i);
    }

    // when
    String context = Transcripts.context(builder.build(), null);

    // then twelve from each end, and how many were left out between
    List<String> lines = List.of(context.split(NL));
    assertThat(lines).hasSize(1 + 1 + 12 + 1 + 12 + 1);
    assertThat(lines.get(1)).isEqualTo("Transcript (starttls:imap, 30 lines):");
    assertThat(lines.get(2)).isEqualTo("  S: * line 1");
    assertThat(lines.get(13)).isEqualTo("  S: * line 12");
    assertThat(lines.get(14)).isEqualTo("  … 6 lines omitted …");
    assertThat(lines.get(15)).isEqualTo("  S: * line 19");
    assertThat(lines.get(26)).isEqualTo("  S: * line 30");
  }

  @Test
  void keepsTwentyFourLinesWhole() {
    PlainTextPhase.Builder builder = PlainTextPhase.builder("imap");
    for (int i = 1; i <= 24; i++) {
      builder.line(Direction.SERVER, false, "* line " + i);
    }

    assertThat(Transcripts.context(builder.build(), null)).doesNotContain("omitted").contains("* line 13");
  }

  @Test
  void cutsLongLines() {
    String line = "x".repeat(300);
    PlainTextPhase phase = PlainTextPhase.builder("smtp").line(Direction.SERVER, false, line).build();

    String shown = Transcripts.context(phase, null).split(NL)[2];

    assertThat(shown).hasSize(2 + Transcripts.MAX_CHARS).endsWith("x…").startsWith("  S: xxx");
  }
}
