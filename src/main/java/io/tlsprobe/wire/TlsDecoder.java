package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The codec's entry point: reads a byte stream of TLS records (one direction of a connection) into records,
 * handshake messages and alerts. A handshake message may span records and a record may hold several messages.
 * After a ChangeCipherSpec the stream is encrypted: later records are kept as records only. (In TLS 1.3 a
 * ChangeCipherSpec is only for middleboxes, so after a HelloRetryRequest, or a ServerHello selecting TLS 1.3, or a
 * ClientHello offering it, a following ClientHello or ServerHello is still read.) An SSLv2-compatible ClientHello at
 * the start is recognised (RFC 5246 appendix E.2).
 *
 * <p>Every length is checked against what is there and against the named limits below before anything is
 * allocated; malformed input gives a {@link TlsDecodeException} naming the field and the offset into the input, and
 * nothing else is thrown, whatever the bytes.
 *
 * <pre>{@code
 * Decoded d = TlsDecoder.decode(HexFormat.of().parseHex("16030100..."));
 * ClientHello hello = d.clientHello().orElseThrow();
 *
 * Decoded soFar = TlsDecoder.decodePartial(buffer); // stream use: never fails for truncation
 * if (soFar.clientHello().isEmpty()) { readMore(); }
 * }</pre>
 */
public final class TlsDecoder {
  /** The largest handshake message accepted: 2^18 bytes (certificate chains rarely exceed 2^16). */
  public static final int MAX_HANDSHAKE_MESSAGE = 1 << 18;
  /** The most records one input may hold. */
  public static final int MAX_RECORDS = 1 << 16;
  /** The most handshake messages one input may hold. */
  public static final int MAX_MESSAGES = 1 << 12;
  /** The most alerts one input may hold. */
  public static final int MAX_ALERTS = 1 << 12;
  /** The largest input accepted: 2^26 bytes. */
  public static final int MAX_INPUT = 1 << 26;

  private static final int TLS13 = 0x0304;

  private TlsDecoder() {}

  /**
   * Decodes a complete byte stream.
   *
   * @throws TlsDecodeException for malformed bytes, and for an incomplete final record ({@code record.fragment}
   *     or {@code record.header}) or handshake message ({@code handshake.body})
   */
  public static Decoded decode(byte[] bytes) {
    return new Run(requireNonNull(bytes, "bytes"), true).run();
  }

  /**
   * Decodes what is complete so far, for stream use: an incomplete final record is left in
   * {@link Decoded#trailing()} and an incomplete handshake message is not reported; {@link Decoded#consumed()}
   * counts the bytes of complete records. Throws only for malformed bytes.
   */
  public static Decoded decodePartial(byte[] bytes) {
    return new Run(requireNonNull(bytes, "bytes"), false).run();
  }

  /**
   * {@link #decodePartial} that keeps what came before malformed bytes: when the whole input does not decode, the
   * longest run of whole records from the start that does is decoded instead (nothing, when the first record is
   * malformed). For a transcript that may end in garbage, such as a client's hello followed by bytes that are not
   * TLS. Never throws for malformed bytes; {@link #decodePartial} says what was wrong with them.
   *
   * <pre>{@code
   * Decoded d = TlsDecoder.decodeLongestPrefix(concat(helloRecord, "GET /".getBytes(US_ASCII)));
   * d.clientHello();  // present; d.consumed() == helloRecord.length
   * }</pre>
   */
  public static Decoded decodeLongestPrefix(byte[] bytes) {
    try {
      return decodePartial(bytes);
    } catch (TlsDecodeException e) {
      List<Integer> ends = new ArrayList<>();
      int at = 0;
      while (at + TlsRecord.HEADER_LENGTH <= bytes.length && ends.size() < MAX_RECORDS) {
        at += TlsRecord.HEADER_LENGTH + (((bytes[at + 3] & 0xff) << 8) | (bytes[at + 4] & 0xff));
        if (at > bytes.length) {
          break;
        }
        ends.add(at);
      }
      // Records are read in order, so once a prefix fails every longer one does: search for the last that decodes.
      Decoded best = decodePartial(new byte[0]);
      int low = 0;
      int high = ends.size() - 1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        try {
          best = decodePartial(Arrays.copyOf(bytes, ends.get(middle)));
          low = middle + 1;
        } catch (TlsDecodeException longer) {
          high = middle - 1;
        }
      }
      return best;
    }
  }

  /*
   * struct {
   *     HandshakeType msg_type;    // handshake type
   *     uint24 length;             // remaining bytes in message
   *     select (Handshake.msg_type) { ... } body;
   * } Handshake;
   */
  /** Decodes one bare handshake message (type, uint24 length, body), with nothing after it. */
  public static HandshakeMessage decodeHandshake(byte[] message) {
    WireReader r = new WireReader(requireNonNull(message, "message"));
    int type = r.u8("handshake.msg_type");
    int lengthAt = r.offset();
    int length = r.u24("handshake.length");
    checkMessageLength(length, lengthAt);
    WireReader body = r.sub(length, "handshake.body");
    r.expectEnd("handshake");
    return decodeBody(type, body);
  }

  private static void checkMessageLength(int length, int at) {
    if (length > MAX_HANDSHAKE_MESSAGE) {
      throw WireReader.errorAt("handshake.length", at,
          "length " + length + " exceeds the limit " + MAX_HANDSHAKE_MESSAGE);
    }
  }

  static HandshakeMessage decodeBody(int type, WireReader body) {
    return switch (type) {
      case HandshakeMessage.CLIENT_HELLO -> HelloCodec.decodeClientHello(body);
      case HandshakeMessage.SERVER_HELLO -> HelloCodec.decodeServerHello(body);
      case HandshakeMessage.CERTIFICATE -> CertificateMessage.decode(body);
      case HandshakeMessage.SERVER_KEY_EXCHANGE -> new ServerKeyExchange(body.rest());
      case HandshakeMessage.SERVER_HELLO_DONE -> ServerHelloDone.decode(body);
      case HandshakeMessage.CERTIFICATE_STATUS -> CertificateStatus.decode(body);
      default -> new UnknownHandshake(type, body.rest());
    };
  }

  /** One decoding pass over an input. */
  private static final class Run {
    private final byte[] in;
    private final boolean strict;
    private final List<TlsRecord> records = new ArrayList<>();
    private final List<HandshakeMessage> messages = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final HandshakeReassembly pending = new HandshakeReassembly();
    private boolean encrypted;
    private boolean tentative;
    private int pos;

    Run(byte[] in, boolean strict) {
      this.in = in;
      this.strict = strict;
    }

    Decoded run() {
      if (in.length > MAX_INPUT) {
        throw WireReader.errorAt("input", MAX_INPUT, "input of " + in.length + " bytes exceeds " + MAX_INPUT);
      }
      if (SslV2ClientHello.mayBeV2HeaderPrefix(in)) {
        // one or two bytes, the first with the high bit set: only an SSLv2 hello starts so, no TLS record
        if (strict) {
          throw WireReader.errorAt("SSLv2ClientHello.msg_length", 0,
              "header is incomplete: " + in.length + " of 3 bytes present");
        }
        return result();
      }
      if (SslV2ClientHello.looksLikeV2(in, 0)) {
        int total = SslV2ClientHello.totalLength(in, 0);
        if (total > in.length) {
          if (strict) {
            throw WireReader.errorAt("SSLv2ClientHello.msg_length", 0,
                "message of " + total + " bytes is incomplete: " + in.length + " bytes present");
          }
          return result();
        }
        add(SslV2ClientHello.decode(new WireReader(Arrays.copyOf(in, total))));
        pos = total;
      }
      while (pos < in.length) {
        if (!record()) {
          break;
        }
      }
      if (pending.size() > 0 && strict) {
        throw WireReader.errorAt("handshake.body", pending.startOffset(),
            "message is incomplete: " + pending.size() + " of " + pending.expected() + " bytes present");
      }
      return result();
    }

    private Decoded result() {
      return new Decoded(records, messages, alerts, Bytes.of(in, pos, in.length - pos), pos);
    }

    /*
     * enum {
     *     invalid(0), change_cipher_spec(20), alert(21), handshake(22), application_data(23), heartbeat(24), (255)
     * } ContentType;
     * struct {
     *     ContentType type;
     *     ProtocolVersion legacy_record_version;
     *     uint16 length;
     *     opaque fragment[TLSPlaintext.length];
     * } TLSPlaintext;
     */
    /** Reads one record at pos; false when it is incomplete (partial mode). */
    private boolean record() {
      int left = in.length - pos;
      int type = in[pos] & 0xff;
      if (type < TlsRecord.CHANGE_CIPHER_SPEC || type > TlsRecord.HEARTBEAT) {
        throw WireReader.errorAt("record.content_type", pos, "unknown content type " + type + " (not TLS?)");
      }
      if (left >= 2 && (in[pos + 1] & 0xff) != 3) {
        throw WireReader.errorAt("record.version", pos + 1,
            "major version " + (in[pos + 1] & 0xff) + " is not 3");
      }
      if (left < TlsRecord.HEADER_LENGTH) {
        return truncated("record.header", left + " of 5 header bytes present");
      }
      int version = ((in[pos + 1] & 0xff) << 8) | (in[pos + 2] & 0xff);
      int length = ((in[pos + 3] & 0xff) << 8) | (in[pos + 4] & 0xff);
      boolean plaintext = !encrypted && type != TlsRecord.APPLICATION_DATA && type != TlsRecord.HEARTBEAT;
      int max = plaintext ? TlsRecord.MAX_PLAINTEXT : TlsRecord.MAX_CIPHERTEXT;
      if (length > max) {
        throw WireReader.errorAt("record.length", pos + 3, "length " + length + " exceeds " + max);
      }
      if (length == 0 && plaintext) {
        throw WireReader.errorAt("record.length", pos + 3, "empty " + typeName(type) + " record");
      }
      if (left - TlsRecord.HEADER_LENGTH < length) {
        return truncated("record.fragment",
            "length " + length + " exceeds the " + (left - TlsRecord.HEADER_LENGTH) + " bytes left");
      }
      if (records.size() == MAX_RECORDS) {
        throw WireReader.errorAt("record", pos, "more than " + MAX_RECORDS + " records");
      }
      int fragmentAt = pos + TlsRecord.HEADER_LENGTH;
      records.add(new TlsRecord(type, version, Bytes.of(in, fragmentAt, length)));
      if (!encrypted) {
        if (type != TlsRecord.HANDSHAKE && pending.size() > 0) {
          throw WireReader.errorAt("record.content_type", pos,
              typeName(type) + " record inside a fragmented handshake message");
        }
        switch (type) {
          case TlsRecord.HANDSHAKE -> handshake(fragmentAt, length);
          case TlsRecord.CHANGE_CIPHER_SPEC -> changeCipherSpec(fragmentAt, length);
          case TlsRecord.ALERT -> alerts(fragmentAt, length);
          default -> { } // application_data and heartbeat: kept as records
        }
      }
      pos = fragmentAt + length;
      return true;
    }

    private boolean truncated(String field, String problem) {
      if (strict) {
        throw WireReader.errorAt(field, pos, problem);
      }
      return false;
    }

    private void handshake(int at, int length) {
      if (tentative) {
        tentative = false;
        if (!plaintextHelloFollows(at, length)) {
          encrypted = true;
          return;
        }
      }
      pending.append(in, at, length);
      while (pending.size() >= 4) {
        int msgType = pending.byteAt(0);
        int msgLength = (pending.byteAt(1) << 16) | (pending.byteAt(2) << 8) | pending.byteAt(3);
        checkMessageLength(msgLength, pending.offsetOf(1));
        pending.expect(4 + msgLength);
        if (pending.size() < 4 + msgLength) {
          return;
        }
        add(decodeBody(msgType, pending.reader(4, 4 + msgLength)));
        pending.drop(4 + msgLength);
      }
      if (pending.size() > 0) {
        pending.expect(4);
      }
    }

    /**
     * After a TLS 1.3 middlebox ChangeCipherSpec: whether this record holds whole plaintext ClientHello or
     * ServerHello messages (a second hello after a HelloRetryRequest), rather than encrypted bytes.
     */
    private boolean plaintextHelloFollows(int at, int length) {
      WireReader r = new WireReader(Arrays.copyOfRange(in, at, at + length), at);
      try {
        while (r.hasRemaining()) {
          int msgType = r.u8("handshake.msg_type");
          if (msgType != HandshakeMessage.CLIENT_HELLO && msgType != HandshakeMessage.SERVER_HELLO) {
            return false;
          }
          decodeBody(msgType, r.sub(r.u24("handshake.length"), "handshake.body"));
        }
        return true;
      } catch (TlsDecodeException e) {
        return false;
      }
    }

    /*
     * struct {
     *     enum { change_cipher_spec(1), (255) } type;
     * } ChangeCipherSpec;
     */
    private void changeCipherSpec(int at, int length) {
      if (length != 1 || in[at] != 1) {
        throw WireReader.errorAt("record.change_cipher_spec", at, "fragment is not the single byte 01");
      }
      if (tls13Compatible()) {
        tentative = true;
      } else {
        encrypted = true;
      }
    }

    private boolean tls13Compatible() {
      if (messages.isEmpty()) {
        return false;
      }
      HandshakeMessage last = messages.get(messages.size() - 1);
      if (last instanceof ServerHello sh) {
        return sh.isHelloRetryRequest() || sh.selectedVersion() == TLS13;
      }
      return last instanceof ClientHello ch && ch.supportedVersions().contains(TLS13);
    }

    private void alerts(int at, int length) {
      WireReader r = new WireReader(Arrays.copyOfRange(in, at, at + length), at);
      List<Alert> found = new ArrayList<>();
      try {
        while (r.hasRemaining()) {
          found.add(Alert.decode(r));
        }
      } catch (TlsDecodeException e) {
        if (tentative) {
          return; // after a TLS 1.3 middlebox CCS an alert may be a protected one
        }
        throw e;
      }
      if (alerts.size() + found.size() > MAX_ALERTS) {
        throw WireReader.errorAt("record.alert", at, "more than " + MAX_ALERTS + " alerts");
      }
      alerts.addAll(found);
    }

    private void add(HandshakeMessage message) {
      if (messages.size() == MAX_MESSAGES) {
        throw WireReader.errorAt("handshake", pos, "more than " + MAX_MESSAGES + " handshake messages");
      }
      messages.add(message);
    }

    private static String typeName(int type) {
      return switch (type) {
        case TlsRecord.CHANGE_CIPHER_SPEC -> "change_cipher_spec";
        case TlsRecord.ALERT -> "alert";
        case TlsRecord.HANDSHAKE -> "handshake";
        case TlsRecord.APPLICATION_DATA -> "application_data";
        default -> "heartbeat";
      };
    }
  }
}
