package io.tlsprobe.server;

import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Judges a client under {@link StartTlsBehaviour#INJECT_RESPONSE}: the front sent its go-ahead with an extra response
 * in the same segment, and the client has sent its first command inside TLS. A sound client waits for the answer;
 * one that took the injected response as that answer sends its next command at once. The front holds its answer for
 * {@link #WAIT} to see which.
 */
final class ResponseInjection {
  /** How long the answer to the first command inside TLS is held back. */
  static final Duration WAIT = Duration.ofMillis(400);

  private ResponseInjection() {}

  /**
   * Records the verdict on {@code session} and returns it.
   *
   * @param injected the injected response, as sent
   * @param firstCommand the client's first line inside TLS; null when it sent none (closed or timed out)
   */
  static InjectionVerdict judge(FrontSession session, String injected, @Nullable String firstCommand)
      throws IOException {
    InjectionCheck check;
    if (firstCommand == null) {
      check = new InjectionCheck(InjectionVerdict.INCONCLUSIVE, injected,
          "the client sent no command inside TLS, so its use of the injected response could not be seen", List.of());
    } else if (session.sendsMoreWithin(WAIT)) {
      check = new InjectionCheck(InjectionVerdict.VULNERABLE, injected, "the client sent another command within "
          + WAIT.toMillis() + " ms after \"" + firstCommand + "\", before its answer was sent: it took the response "
          + "injected in clear before TLS as that answer", List.of());
    } else {
      check = new InjectionCheck(InjectionVerdict.NOT_VULNERABLE, injected, "the client waited for the answer to \""
          + firstCommand + "\" inside TLS: it discarded the response injected in clear before TLS", List.of());
    }
    session.injection(check);
    return check.verdict();
  }

  /** The verdict when the upgrade's handshake did not complete: the client never acted on the injected response. */
  static void handshakeFailed(FrontSession session, String injected) {
    session.injection(new InjectionCheck(InjectionVerdict.NOT_VULNERABLE, injected, "the TLS handshake did not "
        + "complete (see the outcome); a client that reads the injected bytes as TLS fails there, never acting on "
        + "them", List.of()));
  }
}
