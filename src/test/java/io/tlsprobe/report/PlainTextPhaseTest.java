package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTextPhaseTest {

  @Test
  void keepsLinesInOrderAndSeparatesThoseInClearFromThoseInsideTls() {
    PlainTextPhase phase = PlainTextPhase.builder("smtp")
        .line(Direction.SERVER, false, "220 mail.test ESMTP")
        .line(Direction.CLIENT, false, "EHLO tlsprobe.invalid")
        .line(Direction.CLIENT, true, "EHLO tlsprobe.invalid")
        .build();

    assertThat(phase.plainTextLines()).extracting(PlainTextPhase.Line::toString)
        .containsExactly("S: 220 mail.test ESMTP", "C: EHLO tlsprobe.invalid");
    assertThat(phase.transcriptText())
        .isEqualTo("S: 220 mail.test ESMTP\nC: EHLO tlsprobe.invalid\nC (tls): EHLO tlsprobe.invalid\n");
  }

  @Test
  void dropsLinesPastTheLimitAndSaysSo() {
    PlainTextPhase.Builder builder = PlainTextPhase.builder("imap");
    for (int i = 0; i < PlainTextPhase.MAX_LINES + 5; i++) {
      builder.line(Direction.SERVER, false, "* line " + i);
    }
    PlainTextPhase phase = builder.build();

    assertThat(phase.transcript()).hasSize(PlainTextPhase.MAX_LINES);
    assertThat(phase.truncated()).isTrue();
    assertThat(phase.transcriptText()).endsWith("… (transcript truncated at 256 lines)\n");
  }

  @Test
  void cutsOverlongLinesWithAnEllipsis() {
    PlainTextPhase.Line line = new PlainTextPhase.Line(Direction.SERVER, false, "x".repeat(5000));

    assertThat(line.text()).hasSize(PlainTextPhase.MAX_LINE_CHARS).endsWith("…");
  }

  @Test
  void summarisesWhatMattersInOneLine() {
    PlainTextPhase phase = PlainTextPhase.builder("smtp").startTlsAdvertised(true)
        .plainTextAuthenticationOffered(true).authenticationEvidence("AUTH PLAIN LOGIN in the EHLO reply before TLS")
        .upgraded(true)
        .injection(new InjectionCheck(InjectionVerdict.NOT_VULNERABLE, "NOOP", "discarded", List.of()))
        .build();

    assertThat(phase.toString()).isEqualTo("starttls:smtp, upgraded, STARTTLS advertised, authentication offered"
        + " before TLS (AUTH PLAIN LOGIN in the EHLO reply before TLS), injection NOT_VULNERABLE");
  }

  @Test
  void survivesARoundTripThroughItsBuilder() {
    PlainTextPhase phase = PlainTextPhase.builder("pop3").greeting("+OK ready")
        .capabilitiesBefore(List.of("STLS", "USER")).capabilitiesAfter(List.of("USER"))
        .startTlsAdvertised(true).plainTextAuthenticationOffered(false).upgraded(true)
        .line(Direction.SERVER, false, "+OK ready").build();

    assertThat(phase.toBuilder().build()).isEqualTo(phase);
  }

  @Test
  void rejectsNullsWithTheFieldsName() {
    assertThatThrownBy(() -> new PlainTextPhase.Line(null, false, "x")).hasMessage("direction");
    assertThatThrownBy(() -> PlainTextPhase.builder(null)).hasMessage("dialect");
  }
}
