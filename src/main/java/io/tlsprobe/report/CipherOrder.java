package io.tlsprobe.report;

/**
 * Whose preference decides the cipher suite in one protocol version: the server's own order, or the client's. A
 * server that enforces its order (OpenSSL's {@code -serverpref}, nginx's {@code ssl_prefer_server_ciphers on}) picks
 * the same suite whichever order the client lists them in (<a
 * href="https://www.rfc-editor.org/rfc/rfc9325#section-4.2">RFC 9325 section 4.2</a> advises it).
 *
 * <pre>{@code
 * profile.protocol(TlsProtocol.TLSv1_2).map(ProtocolSupport::cipherOrder); // Optional[SERVER]
 * }</pre>
 */
public enum CipherOrder {
  /** The server picked the same suite from two accepted suites listed in both orders. */
  SERVER,
  /** The server picked the first of two accepted suites, whichever came first. */
  CLIENT,
  /** Not known: fewer than two suites were accepted, or the server did not answer the test. */
  UNDETERMINED
}
