package io.tlsprobe.wire;

/**
 * The message an extension block belongs to; several extensions have a different shape in each (key_share is a
 * list in a ClientHello, one entry in a ServerHello and a bare group in a HelloRetryRequest). See
 * <a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2">RFC 8446 section 4.2</a>.
 *
 * <pre>{@code
 * Extensions.decode(ExtensionTypes.KEY_SHARE, Bytes.ofHex("001d"), ExtensionContext.HELLO_RETRY_REQUEST, 0);
 * }</pre>
 */
public enum ExtensionContext {
  /** In a ClientHello. */
  CLIENT_HELLO("ClientHello"),
  /** In a ServerHello (TLS 1.3 or earlier). */
  SERVER_HELLO("ServerHello"),
  /** In a HelloRetryRequest (a ServerHello with the special random). */
  HELLO_RETRY_REQUEST("HelloRetryRequest"),
  /** In TLS 1.3 EncryptedExtensions. */
  ENCRYPTED_EXTENSIONS("EncryptedExtensions"),
  /** In a TLS 1.3 CertificateEntry. */
  CERTIFICATE("Certificate"),
  /** In a TLS 1.3 CertificateRequest. */
  CERTIFICATE_REQUEST("CertificateRequest"),
  /** In a TLS 1.3 NewSessionTicket. */
  NEW_SESSION_TICKET("NewSessionTicket");

  private final String messageName;

  ExtensionContext(String messageName) {
    this.messageName = messageName;
  }

  /** The message name used in decode error fields, e.g. {@code "ClientHello"}. */
  public String messageName() {
    return messageName;
  }

  /** Whether this is the client's side (a ClientHello). */
  public boolean isClient() {
    return this == CLIENT_HELLO;
  }
}
