package io.tlsprobe.server;

import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Judges a client under {@link StartTlsBehaviour#INJECT_RESPONSE}: the front sent its go-ahead with an extra response
 * in the same segment, and the client has sent its first command inside TLS. A sound client waits for the answer;
 * one that took the injected response as that answer sends its next command at once. The front holds its answer for
 * {@link #WAIT} to see which.
 *
 * <pre>{@code
 * String line = session.readLine();  // the client's first command inside TLS
 * ResponseInjection.judge(session, injected, line, command -> command.startsWith(predictedTag + " "));
 * }</pre>
 *
 * <p>The injected response must be one that <em>completes</em> the client's first command inside TLS, or a vulnerable
 * client would still wait and look sound. Untagged protocols get it for free: SMTP's {@code 250 …} answers EHLO, POP3's
 * {@code +OK} (followed by a {@code CAPA}-shaped list ending in {@code .}) answers CAPA or any other command. IMAP
 * answers are tagged, so an untagged {@code * CAPABILITY …} alone completes nothing: the IMAP front predicts the tag of
 * the client's next command from its STARTTLS tag (clients number them: Angus Mail's {@code A1} is followed by {@code
 * A2}) and injects a tagged {@code OK} for it. When the first command inside TLS does not carry the predicted tag,
 * the injected answer could not complete it and the verdict is {@code INCONCLUSIVE} (see {@link #judge(FrontSession,
 * String, String, Predicate)}) rather than a false {@code NOT_VULNERABLE}.
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
    return judge(session, injected, firstCommand, command -> true);
  }

  /**
   * As {@link #judge(FrontSession, String, String)}, for an injected response that completes only some commands (an
   * IMAP answer tagged for the predicted next tag): when {@code answers} rejects the client's first command inside TLS,
   * the verdict is {@code INCONCLUSIVE}, since even a vulnerable client would have waited for its real answer.
   *
   * @param answers whether the injected response completes the given first command
   */
  static InjectionVerdict judge(FrontSession session, String injected, @Nullable String firstCommand,
      Predicate<String> answers) throws IOException {
    InjectionCheck check;
    if (firstCommand == null) {
      check = new InjectionCheck(InjectionVerdict.INCONCLUSIVE, injected,
          "the client sent no command inside TLS, so its use of the injected response could not be seen", List.of());
    } else if (!answers.test(firstCommand)) {
      check = new InjectionCheck(InjectionVerdict.INCONCLUSIVE, injected, "the client's first command inside TLS, \""
          + firstCommand + "\", is not one the injected response completes (its tag was not predicted), so its use "
          + "of the injected response could not be seen", List.of());
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
