package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * An SSLv2-compatible ClientHello (<a href="https://www.rfc-editor.org/rfc/rfc5246#appendix-E.2">RFC 5246 appendix
 * E.2</a>), as old clients sent to reach SSLv3/TLS servers through a v2 record:
 *
 * <pre>
 * uint8 V2CipherSpec[3];
 * struct {
 *     uint16 msg_length;         // high bit set: two-byte header
 *     uint8 msg_type;            // 1
 *     Version version;
 *     uint16 cipher_spec_length;
 *     uint16 session_id_length;
 *     uint16 challenge_length;
 *     V2CipherSpec cipher_specs[V2ClientHello.cipher_spec_length];
 *     opaque session_id[V2ClientHello.session_id_length];
 *     opaque challenge[V2ClientHello.challenge_length];
 * } V2ClientHello;
 * </pre>
 *
 * <pre>{@code
 * SslV2ClientHello v2 = (SslV2ClientHello) TlsDecoder.decode(bytes).messages().get(0);
 * v2.toClientHello().cipherSuites(); // the specs whose first byte is 0, as TLS suites
 * }</pre>
 *
 * @param version the highest version the client supports, e.g. {@code 0x0301}
 * @param cipherSpecs 24-bit cipher specs in wire order (TLS suites appear as {@code 0x00XXXX})
 * @param sessionId the session id (empty for a TLS client)
 * @param challenge 16 to 32 bytes, the client's random
 */
public record SslV2ClientHello(int version, List<Integer> cipherSpecs, Bytes sessionId, Bytes challenge)
    implements HandshakeMessage {
  /** The shortest challenge (RFC 5246 appendix E.2). */
  public static final int MIN_CHALLENGE = 16;
  /** The longest challenge (RFC 5246 appendix E.2). */
  public static final int MAX_CHALLENGE = 32;

  public SslV2ClientHello {
    cipherSpecs = Codec.copyCodes(cipherSpecs, 0xffffff, "cipher spec");
    requireNonNull(sessionId, "sessionId");
    requireNonNull(challenge, "challenge");
  }

  @Override
  public int type() {
    return CLIENT_HELLO;
  }

  /** The message after {@code msg_type}: version, the three lengths and the three fields. */
  @Override
  public byte[] encodeBody() {
    WireWriter w = new WireWriter()
        .u16(version)
        .u16(cipherSpecs.size() * 3)
        .u16(sessionId.length())
        .u16(challenge.length());
    cipherSpecs.forEach(w::u24);
    return w.bytes(sessionId).bytes(challenge).toByteArray();
  }

  /** The SSLv2 bytes as on the wire: two-byte header with the high bit set, msg_type, body. */
  public byte[] encodeRecord() {
    byte[] body = encodeBody();
    int length = body.length + 1;
    if (length > 0x7fff) {
      throw new IllegalArgumentException("SSLv2 message of " + length + " bytes exceeds 32767");
    }
    return new WireWriter().u16(0x8000 | length).u8(CLIENT_HELLO).bytes(body).toByteArray();
  }

  /** The same as {@link #encodeRecord()}: this message has no TLS handshake framing. */
  @Override
  public byte[] encode() {
    return encodeRecord();
  }

  /**
   * The equivalent TLS ClientHello (RFC 5246 appendix E.2): cipher specs whose first byte is zero become cipher
   * suites, the challenge right-aligned in a zero-padded 32-byte random, compression null, no extensions block.
   */
  public ClientHello toClientHello() {
    List<Integer> suites = cipherSpecs.stream().filter(s -> s >>> 16 == 0).toList();
    byte[] random = new byte[HelloCodec.RANDOM_LENGTH];
    byte[] c = challenge.toArray();
    int n = Math.min(c.length, random.length);
    System.arraycopy(c, c.length - n, random, random.length - n, n);
    return new ClientHello(version, Bytes.of(random), sessionId, suites, List.of(0), List.of(), false);
  }

  /** Whether {@code bytes} starting at {@code at} look like an SSLv2 ClientHello header. */
  static boolean looksLikeV2(byte[] bytes, int at) {
    return bytes.length - at >= 3 && (bytes[at] & 0x80) != 0 && bytes[at + 2] == CLIENT_HELLO;
  }

  /**
   * Whether {@code bytes} is too short to tell but could be the start of an SSLv2 ClientHello header (1 or 2 bytes,
   * the first with the high bit set), so that a stream reader waits for more instead of rejecting it.
   */
  static boolean mayBeV2HeaderPrefix(byte[] bytes) {
    return bytes.length > 0 && bytes.length < 3 && (bytes[0] & 0x80) != 0;
  }

  /** The whole length (header included) of the v2 message at {@code r}, without moving. */
  static int totalLength(byte[] bytes, int at) {
    return 2 + (((bytes[at] & 0x7f) << 8) | (bytes[at + 1] & 0xff));
  }

  /** Decodes one v2 hello from {@code r}, which must hold all of it. */
  static SslV2ClientHello decode(WireReader r) {
    int at = r.offset();
    int msgLength = r.u16("SSLv2ClientHello.msg_length") & 0x7fff;
    WireReader m = r.sub(msgLength, "SSLv2ClientHello.msg_length");
    m.u8("SSLv2ClientHello.msg_type");
    int version = m.u16("SSLv2ClientHello.version");
    int specAt = m.offset();
    int specLength = m.u16("SSLv2ClientHello.cipher_spec_length");
    int sidAt = m.offset();
    int sidLength = m.u16("SSLv2ClientHello.session_id_length");
    int chAt = m.offset();
    int chLength = m.u16("SSLv2ClientHello.challenge_length");
    if (specLength == 0 || specLength % 3 != 0) {
      throw WireReader.errorAt("SSLv2ClientHello.cipher_spec_length", specAt,
          "length " + specLength + " is not a positive multiple of 3");
    }
    if (sidLength > HelloCodec.MAX_SESSION_ID) {
      throw WireReader.errorAt("SSLv2ClientHello.session_id_length", sidAt,
          "length " + sidLength + " exceeds " + HelloCodec.MAX_SESSION_ID);
    }
    if (chLength < MIN_CHALLENGE || chLength > MAX_CHALLENGE) {
      throw WireReader.errorAt("SSLv2ClientHello.challenge_length", chAt,
          "length " + chLength + " is outside " + MIN_CHALLENGE + ".." + MAX_CHALLENGE);
    }
    if (m.remaining() != specLength + sidLength + chLength) {
      throw WireReader.errorAt("SSLv2ClientHello.msg_length", at, "length " + msgLength
          + " does not match the field lengths (" + (9 + specLength + sidLength + chLength) + ")");
    }
    List<Integer> specs = new ArrayList<>(specLength / 3);
    for (int i = 0; i < specLength / 3; i++) {
      specs.add(m.u24("SSLv2ClientHello.cipher_specs"));
    }
    Bytes sessionId = m.bytes(sidLength, "SSLv2ClientHello.session_id");
    Bytes challenge = m.bytes(chLength, "SSLv2ClientHello.challenge");
    return new SslV2ClientHello(version, specs, sessionId, challenge);
  }
}
