package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * One TLS record (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-5.1">RFC 8446 section 5.1</a>):
 *
 * <pre>
 * struct {
 *     ContentType type;
 *     ProtocolVersion legacy_record_version;
 *     uint16 length;
 *     opaque fragment[TLSPlaintext.length];
 * } TLSPlaintext;
 * </pre>
 *
 * <pre>{@code
 * byte[] wire = TlsRecord.wrapHandshake(hello.encode(), 0x0301); // ready to write to a socket
 * }</pre>
 *
 * @param contentType the content type, e.g. {@link #HANDSHAKE}
 * @param version {@code legacy_record_version}, e.g. {@code 0x0301}
 * @param fragment the fragment, at most {@link #MAX_CIPHERTEXT} bytes
 */
public record TlsRecord(int contentType, int version, Bytes fragment) {
  /** change_cipher_spec. */
  public static final int CHANGE_CIPHER_SPEC = 20;
  /** alert. */
  public static final int ALERT = 21;
  /** handshake. */
  public static final int HANDSHAKE = 22;
  /** application_data. */
  public static final int APPLICATION_DATA = 23;
  /** heartbeat (RFC 6520). */
  public static final int HEARTBEAT = 24;
  /** The largest plaintext fragment: 2^14 (RFC 8446 section 5.1). */
  public static final int MAX_PLAINTEXT = 16384;
  /** The largest protected fragment: 2^14 + 2048 (RFC 5246 section 6.2.3). */
  public static final int MAX_CIPHERTEXT = 16384 + 2048;
  /** The record header length. */
  public static final int HEADER_LENGTH = 5;

  public TlsRecord {
    requireNonNull(fragment, "fragment");
    if (contentType < 0 || contentType > 0xff) {
      throw new IllegalArgumentException("content type " + contentType + " out of range");
    }
    if (version < 0 || version > 0xffff) {
      throw new IllegalArgumentException("version " + version + " out of range");
    }
    if (fragment.length() > MAX_CIPHERTEXT) {
      throw new IllegalArgumentException("fragment of " + fragment.length() + " bytes exceeds " + MAX_CIPHERTEXT);
    }
  }

  /** Header and fragment. */
  public byte[] encode() {
    return new WireWriter().u8(contentType).u16(version).opaque16(fragment).toByteArray();
  }

  /**
   * Wraps handshake message bytes (one or several, already framed) into handshake records of at most
   * {@link #MAX_PLAINTEXT} bytes each.
   *
   * @param message the handshake bytes, e.g. {@code hello.encode()}
   * @param recordVersion the record version, e.g. {@code 0x0301} as most clients send in the first flight
   */
  public static byte[] wrapHandshake(byte[] message, int recordVersion) {
    requireNonNull(message, "message");
    if (message.length == 0) {
      throw new IllegalArgumentException("no handshake bytes to wrap");
    }
    WireWriter w = new WireWriter();
    for (int at = 0; at < message.length; at += MAX_PLAINTEXT) {
      int length = Math.min(MAX_PLAINTEXT, message.length - at);
      w.bytes(new TlsRecord(HANDSHAKE, recordVersion, Bytes.of(message, at, length)).encode());
    }
    return w.toByteArray();
  }
}
