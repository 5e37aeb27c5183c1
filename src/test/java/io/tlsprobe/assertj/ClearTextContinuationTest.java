package io.tlsprobe.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import org.junit.jupiter.api.Test;

/** What a client sent in clear once it knew TLS was unavailable. */
class ClearTextContinuationTest {

  /** A POP3 session whose STLS was refused, up to the refusal. */
  static PlainTextPhase.Builder pop3Refused() {
    return PlainTextPhase.builder("pop3")
        .line(Direction.SERVER, false, "+OK ready")
        .line(Direction.CLIENT, false, "CAPA")
        .line(Direction.SERVER, false, "+OK")
        .line(Direction.SERVER, false, "STLS")
        .line(Direction.SERVER, false, ".")
        .line(Direction.CLIENT, false, "STLS")
        .line(Direction.SERVER, false, "-ERR [SYS/TEMP] TLS is not available now");
  }

  @Test
  void listsTheLinesAfterTheRefusalWithCredentialsMasked() {
    PlainTextPhase phase = pop3Refused()
        .line(Direction.CLIENT, false, "USER alice").line(Direction.SERVER, false, "+OK")
        .line(Direction.CLIENT, false, "PASS secret").line(Direction.SERVER, false, "+OK")
        .line(Direction.CLIENT, false, "STAT").line(Direction.SERVER, false, "+OK 2 640")
        .line(Direction.CLIENT, false, "QUIT").build();

    assertThat(ClearTextContinuation.find(phase))
        .containsExactly("C: USER *** (a user name)", "C: PASS *** (a password)", "C: STAT");
  }

  @Test
  void findsNothingWhenTheClientOnlyQuitAfterTheRefusal() {
    PlainTextPhase phase = pop3Refused().line(Direction.CLIENT, false, "QUIT").build();

    assertThat(ClearTextContinuation.find(phase)).isEmpty();
  }

  @Test
  void countsEveryLineWhenTheUpgradeWasStrippedAndNeverAsked() {
    PlainTextPhase phase = PlainTextPhase.builder("smtp")
        .line(Direction.SERVER, false, "220 front")
        .line(Direction.CLIENT, false, "EHLO client")
        .line(Direction.SERVER, false, "250 AUTH PLAIN")
        .line(Direction.CLIENT, false, "MAIL FROM:<alice@example.org>")
        .line(Direction.CLIENT, false, "QUIT").build();

    assertThat(ClearTextContinuation.find(phase)).containsExactly("C: MAIL FROM:<alice@example.org>");
  }

  @Test
  void readsImapVerbsAfterTheirTagAndIgnoresWhatCameBeforeTheRefusedUpgrade() {
    PlainTextPhase stopped = PlainTextPhase.builder("imap")
        .line(Direction.SERVER, false, "* OK ready")
        .line(Direction.CLIENT, false, "A0 ID NIL")
        .line(Direction.CLIENT, false, "A1 CAPABILITY")
        .line(Direction.CLIENT, false, "A2 STARTTLS")
        .line(Direction.SERVER, false, "A2 NO no TLS")
        .line(Direction.CLIENT, false, "A3 LOGOUT").build();
    PlainTextPhase continued = PlainTextPhase.builder("imap")
        .line(Direction.SERVER, false, "* OK ready")
        .line(Direction.CLIENT, false, "A0 LOGIN alice secret").build();

    assertThat(ClearTextContinuation.find(stopped)).isEmpty();
    assertThat(ClearTextContinuation.find(continued)).containsExactly("C: A0 LOGIN *** (a user name and password)");
  }

  @Test
  void findsNothingInAnUpgradedPhase() {
    PlainTextPhase phase = pop3Refused().upgraded(true).line(Direction.CLIENT, false, "NOOP").build();

    assertThat(ClearTextContinuation.find(phase)).isEmpty();
  }

  @Test
  void showsAtMostTenLinesTheLastCountingTheRest() {
    PlainTextPhase.Builder builder = pop3Refused();
    for (int i = 1; i <= 15; i++) {
      builder.line(Direction.CLIENT, false, "RETR " + i);
    }

    assertThat(ClearTextContinuation.find(builder.build())).hasSize(10)
        .startsWith("C: RETR 1").endsWith("C: RETR 9", "… and 6 more lines");
  }
}
