package io.tlsprobe.starttls;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One protocol's client side of the upgrade. Implementations are small stateless classes registered in
 * {@link Dialects}; all reading and writing goes through the {@link Conversation}, which records every line and
 * bounds every read.
 */
interface Dialect {
  /**
   * From the greeting to the server's go-ahead: reads the greeting, asks for capabilities (recording
   * {@code capabilitiesBefore}, {@code startTlsAdvertised}, {@code plainTextAuthenticationOffered} and its evidence),
   * sends the upgrade command and reads the answer. Throws {@link Conversation#fail} with a sentence quoting the server
   * when it did not advertise or refused the upgrade. Never sends credentials.
   *
   * @param inject when not null, a command to send in the same write right after the upgrade command (the injection
   *     check); the dialect still reads only the answer to the upgrade command
   */
  void upgrade(Conversation c, @Nullable String inject) throws IOException;

  /** Over TLS, right after the handshake: asks for the capabilities again and records {@code capabilitiesAfter}. */
  default void afterTls(Conversation c) throws IOException {}

  /**
   * The harmless command pipelined after the upgrade command in the injection check ({@code NOOP}, {@code a NOOP},
   * …); null when the protocol has no line commands to inject (binary protocols, XMPP).
   */
  default @Nullable String injectionCommand() {
    return null;
  }

  /**
   * Over TLS in the injection check: sends a command of its own and reads until that command is answered; returns
   * whether the server had answered the injected command first (inside TLS), which means it is vulnerable.
   */
  default boolean answeredInjectedCommand(Conversation c) throws IOException {
    throw new UnsupportedOperationException("no injection check for this dialect");
  }

  /**
   * Whether the server's readiness to take a login in clear can only be learned on a connection of its own (FTP: only
   * the answer to {@code USER} tells, and a refusal may end the session).
   */
  default boolean checksAuthenticationSeparately() {
    return false;
  }

  /**
   * On a plain connection of its own: finds out whether the server would take a login before TLS, never sending a
   * password, and records {@code plainTextAuthenticationOffered} and its evidence.
   */
  default void checkAuthentication(Conversation c) throws IOException {
    throw new UnsupportedOperationException("no separate authentication check for this dialect");
  }
}
