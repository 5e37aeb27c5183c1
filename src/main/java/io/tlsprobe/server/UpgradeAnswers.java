package io.tlsprobe.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How one protocol answers its upgrade command (SMTP's {@code STARTTLS}, POP3's {@code STLS}, FTP's {@code AUTH TLS},
 * …) under each {@link StartTlsBehaviour}; {@link #answer(FrontSession)} sends the answer the session's behaviour
 * calls for and starts TLS when it is a go-ahead. The fronts differ only in these words.
 *
 * <pre>{@code
 * new UpgradeAnswers("503 5.5.1 Error: TLS already active", "502 5.5.2 Error: command not recognized",
 *     "454 4.7.0 TLS not available due to temporary reason", List.of("220 2.0.0 Ready to start TLS"),
 *     List.of("250 injected.tlsprobe.invalid"), "STARTTLS was not advertised (stripped) and …",
 *     "the client's STARTTLS was refused (454 4.7.0)").answer(session);
 * }</pre>
 *
 * @param alreadyActive the answer inside TLS already
 * @param unknown the answer under {@link StartTlsBehaviour#NOT_ADVERTISED}: the command is unknown
 * @param refused the answer under {@link StartTlsBehaviour#REFUSED}: a temporary failure
 * @param goAhead the go-ahead lines
 * @param injected the lines sent after the go-ahead, in the same write, under {@link
 *     StartTlsBehaviour#INJECT_RESPONSE}
 * @param strippedReason the report's reason when the client's command was refused as unknown
 * @param refusedReason the report's reason when the client's command was refused
 */
record UpgradeAnswers(String alreadyActive, String unknown, String refused, List<String> goAhead,
    List<String> injected, String strippedReason, String refusedReason) {

  UpgradeAnswers {
    requireNonNull(alreadyActive, "alreadyActive");
    requireNonNull(unknown, "unknown");
    requireNonNull(refused, "refused");
    goAhead = List.copyOf(goAhead);
    injected = List.copyOf(injected);
    requireNonNull(strippedReason, "strippedReason");
    requireNonNull(refusedReason, "refusedReason");
  }

  /** The injected lines as one text, as a verdict quotes them ({@code \r\n} between lines). */
  String injectedText() {
    return String.join("\\r\\n", injected);
  }

  /**
   * Answers the client's upgrade command as {@code session}'s behaviour says. True when a handshake was attempted
   * ({@link FrontSession#overTls()} then says whether it completed; under {@code INJECT_RESPONSE} a failed one is
   * judged); false when the command was answered without TLS (refused, unknown, or TLS already active).
   */
  boolean answer(FrontSession session) throws IOException {
    if (session.overTls()) {
      session.send(alreadyActive);
      return false;
    }
    switch (session.behaviour()) {
      case NOT_ADVERTISED -> {
        session.startTlsRefused();
        session.send(unknown);
        session.endReason(strippedReason);
        return false;
      }
      case REFUSED -> {
        session.startTlsRefused();
        session.send(refused);
        session.endReason(refusedReason);
        return false;
      }
      case INJECT_RESPONSE -> {
        List<String> lines = new ArrayList<>(goAhead);
        lines.addAll(injected);
        session.send(lines.toArray(String[]::new));
      }
      case UPGRADE -> session.send(goAhead.toArray(String[]::new));
    }
    if (!session.startTls() && session.behaviour() == StartTlsBehaviour.INJECT_RESPONSE) {
      ResponseInjection.handshakeFailed(session, injectedText());
    }
    return true;
  }
}
