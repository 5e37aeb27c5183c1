package io.tlsprobe.server;

/**
 * How a capture server's STARTTLS front answers the upgrade, to see what a client does when a man in the middle
 * interferes with it. Only for a plain-text protocol served with STARTTLS ({@link
 * TlsCaptureServer.Builder#protocol(io.tlsprobe.starttls.ServiceProtocol)}), never with implicit TLS.
 *
 * <pre>{@code
 * try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP)
 *     .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
 *   // point the mail client at server.port(); a client that requires TLS must give up,
 *   // one that merely "enables" it sends its mail (and password) in clear
 *   assertThat(server.awaitConnection(Duration.ofSeconds(5))).plainTextPhase().sentNoCredentialsBeforeTls();
 * }
 * }</pre>
 */
public enum StartTlsBehaviour {
  /** Advertise the upgrade and perform it: the normal, honest server. */
  UPGRADE,
  /**
   * STARTTLS stripping: the upgrade is left out of the capabilities (EHLO, CAPABILITY, CAPA, FEAT), and the command,
   * if the client sends it anyway, is refused as unknown. A client that requires TLS must stop here.
   */
  NOT_ADVERTISED,
  /**
   * The upgrade is advertised, but the command is refused with a temporary failure ({@code 454 4.7.0}, {@code NO},
   * {@code -ERR}, {@code 431}, PostgreSQL's {@code N}). A client that requires TLS must stop here.
   */
  REFUSED,
  /**
   * Response injection (the STARTTLS buffering flaw studied in "Why TLS is better without STARTTLS", USENIX Security
   * 2021): the upgrade is performed, but an extra plain-text response follows the go-ahead in the same TCP segment, as
   * a man in the middle could add it. A sound client discards what it buffered before TLS (or fails the handshake on
   * it); a vulnerable one takes it as the first answer inside TLS. The verdict is the report's
   * {@code plainTextPhase().injection()}.
   */
  INJECT_RESPONSE
}
