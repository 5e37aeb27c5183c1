package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.EncryptedExtensions;
import io.tlsprobe.wire.HandshakeMessage;
import io.tlsprobe.wire.KeyShareEntry;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.NewSessionTicket;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import io.tlsprobe.wire.TlsRecord;
import io.tlsprobe.wire.UnknownHandshake;
import io.tlsprobe.wire.WireReader;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Reads a TLS 1.3 server's first flight past the ServerHello: from the scan's own key shares ({@link KeyShares}) and
 * the server's, the handshake traffic keys ({@link Tls13KeySchedule}), then the encrypted records opened (<a
 * href="https://www.rfc-editor.org/rfc/rfc8446#section-5.2">RFC 8446 section 5.2</a>) and their handshake messages
 * read: EncryptedExtensions (section 4.3.1), an optional CertificateRequest, Certificate (section 4.4.2) with its
 * per-entry extensions, CertificateVerify (read, not verified) and Finished (verified, section 4.4.4). Up to the
 * Certificate nothing is sent after the ClientHello. For {@link Until#TICKETS} the handshake is finished: after the
 * server's Finished, a ChangeCipherSpec (when the hello's session id asks for middlebox compatibility, appendix D.4),
 * our Finished and a close_notify, then the server's records under its application traffic keys are read for a
 * NewSessionTicket (section 4.6.1). Only a ServerHello is read on: a HelloRetryRequest changes the transcript (section
 * 4.4.1) and would need a second hello, so it is reported as unread, as are the CCM suites (no JDK cipher) and groups
 * other than x25519 and secp256r1.
 *
 * <p>As a {@link Predicate} it tells the {@link Connector} when enough has been read: the EncryptedExtensions (for
 * {@link Until#ENCRYPTED_EXTENSIONS}), the Certificate, the server's Finished (then {@link #followUp} says what to
 * send) and a ticket or the end, or an answer that will not get further.
 *
 * <pre>{@code
 * Tls13FirstFlight.Reading r = Tls13FirstFlight.ask(connector, helloRecords, shares, Until.CERTIFICATE);
 * r.certificate().map(CertificateMessage::certificates); // the chain, leaf first
 * }</pre>
 */
final class Tls13FirstFlight implements Predicate<byte[]> {
  /** CompressedCertificate (RFC 8879 section 4): never asked for by the scan. */
  private static final int COMPRESSED_CERTIFICATE = 25;
  /** KeyUpdate (RFC 8446 section 4.6.3). */
  private static final int KEY_UPDATE = 24;
  /** Where a ClientHello's legacy_session_id length is: after the header (4), version (2) and random (32). */
  private static final int SESSION_ID_LENGTH_OFFSET = 38;
  /** The middlebox-compatibility ChangeCipherSpec record (RFC 8446 appendix D.4), sent after a non-empty session id. */
  private static final byte[] CHANGE_CIPHER_SPEC = {TlsRecord.CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1};
  /** A warning-level close_notify alert (RFC 8446 section 6.1). */
  private static final byte[] CLOSE_NOTIFY = {1, 0};

  /** How far the reading goes. */
  enum Until {
    /** Up to the EncryptedExtensions: ALPN, heartbeat. */
    ENCRYPTED_EXTENSIONS,
    /** Up to the Certificate: the chain and its entries' extensions (OCSP stapling). */
    CERTIFICATE,
    /** The handshake finished, then up to the first NewSessionTicket, or the server's close_notify or close. */
    TICKETS
  }

  /**
   * What the flight showed.
   *
   * @param answer the answer read as TLS up to the ServerHello, as every other question's
   * @param extensions the decrypted EncryptedExtensions, if read
   * @param certificate the decrypted Certificate, if read
   * @param unread why the part asked for was not read; empty when it was
   * @param impossible whether that is because the scan cannot open this answer (a HelloRetryRequest, a CCM suite, a
   *     group without a share of the scan's): another way (a JSSE handshake) may still get it
   * @param ticket the first NewSessionTicket after our Finished ({@link Until#TICKETS})
   * @param noTicket how the server showed it sends none: it ended the connection after our Finished without one
   */
  record Reading(Answer answer, Optional<EncryptedExtensions> extensions, Optional<CertificateMessage> certificate,
      Optional<String> unread, boolean impossible, Optional<NewSessionTicket> ticket, Optional<String> noTicket) {
    Reading {
      requireNonNull(answer, "answer");
      requireNonNull(extensions, "extensions");
      requireNonNull(certificate, "certificate");
      requireNonNull(unread, "unread");
      requireNonNull(ticket, "ticket");
      requireNonNull(noTicket, "noTicket");
    }

    /** A reading that got nothing past the ServerHello, for {@code why}. */
    static Reading unread(Answer answer, String why, boolean impossible) {
      return new Reading(answer, Optional.empty(), Optional.empty(), Optional.of(why), impossible, Optional.empty(),
          Optional.empty());
    }
  }

  private final byte[] clientHello;
  private final KeyShares shares;
  private final Until until;
  /** The ServerHello whose secrets are cached, its handshake secret and the hash of ClientHello..ServerHello. */
  private byte @Nullable [] keyedHello;
  private byte @Nullable [] handshakeSecret;
  private byte @Nullable [] helloHash;
  /** Whether our Finished was sent ({@link #followUp}). */
  private boolean followedUp;

  /** A reader of the answer to {@code helloRecords} (the ClientHello as sent, in records). */
  Tls13FirstFlight(byte[] helloRecords, KeyShares shares, Until until) {
    this.clientHello = handshakeBytes(requireNonNull(helloRecords, "helloRecords"));
    this.shares = requireNonNull(shares, "shares");
    this.until = requireNonNull(until, "until");
  }

  /** One connection: the hello written and its answer read as far as {@code until}. */
  static Reading ask(Connector connector, byte[] helloRecords, KeyShares shares, Until until) {
    Tls13FirstFlight flight = new Tls13FirstFlight(helloRecords, shares, until);
    Reply reply = connector.converse(helloRecords, flight, flight::followUp);
    return flight.read(Answer.of(reply), reply.bytes(), reply.end());
  }

  /** Whether {@code soFar} is as far as this reading goes, or as far as it can go. */
  @Override
  public boolean test(byte[] soFar) {
    try {
      Step s = new Step(soFar);
      s.run();
      return s.done || s.stop != null || s.closeNotify || s.serverFinished && !followedUp;
    } catch (TlsDecodeException e) {
      return true;
    }
  }

  /**
   * What to send once the server's Finished is in ({@link Until#TICKETS}): a ChangeCipherSpec, our Finished and a
   * close_notify; null when there is nothing to send (another reading, already sent, or the answer will go no
   * further).
   */
  byte @Nullable [] followUp(byte[] soFar) {
    if (until != Until.TICKETS || followedUp) {
      return null;
    }
    Step s = new Step(soFar);
    try {
      s.run();
    } catch (TlsDecodeException e) {
      return null;
    }
    if (!s.serverFinished || s.done || s.stop != null || s.closeNotify) {
      return null;
    }
    followedUp = true;
    return s.secondFlight();
  }

  /** The reading of {@code bytes}, the answer {@code answer} read as TLS, read to its end. */
  Reading read(Answer answer, byte[] bytes) {
    return read(answer, bytes, Reply.End.COMPLETE);
  }

  /** The reading of {@code bytes}, the answer {@code answer} read as TLS, whose reading ended as {@code end}. */
  Reading read(Answer answer, byte[] bytes, Reply.End end) {
    if (answer.kind() != Answer.Kind.HELLO) {
      // refused: a JSSE handshake, with other groups, may be answered
      return Reading.unread(answer, answer.detail(), answer.kind() == Answer.Kind.REFUSED);
    }
    Step s = new Step(bytes);
    try {
      s.run();
    } catch (TlsDecodeException e) {
      s.stop = "the server's TLS 1.3 flight is malformed: " + e.getMessage();
    }
    String noTicket = null;
    if (until == Until.TICKETS && followedUp && !s.done && s.stop == null) {
      if (s.closeNotify) {
        noTicket = "the server answered our Finished and close_notify with its close_notify, and no NewSessionTicket"
            + " before it";
      } else if (end == Reply.End.CLOSED) {
        noTicket = "the server closed the connection after our Finished and close_notify without a NewSessionTicket";
      }
    }
    String unread = s.done || noTicket != null ? null : s.stop != null ? s.stop
        : "the answer ended " + (s.ee == null ? "before the EncryptedExtensions" : s.certificate == null
            ? "before the Certificate" : !s.serverFinished ? "before the server's Finished"
            : "after our Finished with neither a NewSessionTicket nor a close") + " (" + bytes.length + " bytes read"
            + (answer.detail().isEmpty() ? "" : ", " + answer.detail()) + ")";
    return new Reading(answer, Optional.ofNullable(s.ee), Optional.ofNullable(s.certificate),
        Optional.ofNullable(unread), s.impossible, Optional.ofNullable(s.ticket), Optional.ofNullable(noTicket));
  }

  /** One pass over the bytes read so far. */
  private final class Step {
    private final byte[] in;
    private final ByteArrayOutputStream clear = new ByteArrayOutputStream();
    /** The decrypted handshake messages up to the server's Finished (under its handshake traffic keys). */
    private final Messages protectedHandshake = new Messages("the decrypted handshake messages");
    /** Every handshake message so far, headers included, in order: the transcript (RFC 8446 section 4.4.1). */
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    /** Handshake messages after the server's Finished (under its application traffic keys). */
    private final Messages postHandshake = new Messages("the messages after the server's Finished");
    private Tls13KeySchedule.@Nullable Opener opener;
    private @Nullable Tls13KeySchedule schedule;
    private @Nullable EncryptedExtensions ee;
    private @Nullable CertificateMessage certificate;
    private boolean certificateRequested;
    /** Whether the server's Finished was read and verified; then {@link #finishedHash} and {@link #master} are set. */
    private boolean serverFinished;
    private byte @Nullable [] finishedHash;
    private byte @Nullable [] master;
    private @Nullable NewSessionTicket ticket;
    private boolean closeNotify;
    private boolean done;
    private boolean impossible;
    private @Nullable String stop;

    Step(byte[] in) {
      this.in = in;
    }

    /*
     * struct {
     *     ContentType opaque_type = application_data; // 23
     *     ProtocolVersion legacy_record_version = 0x0303;
     *     uint16 length;
     *     opaque encrypted_record[TLSCiphertext.length];
     * } TLSCiphertext;
     */
    void run() {
      int pos = 0;
      boolean hello = false;
      while (!done && stop == null && !closeNotify && in.length - pos >= TlsRecord.HEADER_LENGTH) {
        int at = pos;
        int type = in[pos] & 0xff;
        int length = ((in[pos + 3] & 0xff) << 8) | (in[pos + 4] & 0xff);
        if (type < TlsRecord.CHANGE_CIPHER_SPEC || type > TlsRecord.HEARTBEAT) {
          throw WireReader.errorAt("record.content_type", at, "unknown content type " + type + " (not TLS?)");
        }
        if (length > TlsRecord.MAX_CIPHERTEXT) {
          throw WireReader.errorAt("record.length", at + 3, "length " + length + " exceeds "
              + TlsRecord.MAX_CIPHERTEXT);
        }
        if (in.length - pos - TlsRecord.HEADER_LENGTH < length) {
          return; // the rest is still to come
        }
        byte[] header = Arrays.copyOfRange(in, pos, pos + TlsRecord.HEADER_LENGTH);
        byte[] fragment = Arrays.copyOfRange(in, pos + TlsRecord.HEADER_LENGTH, pos + TlsRecord.HEADER_LENGTH + length);
        pos += TlsRecord.HEADER_LENGTH + length;
        if (!hello) {
          hello = beforeKeys(type, fragment, at);
        } else {
          afterKeys(type, header, fragment, at);
        }
      }
    }

    /** A record before the keys change: the ServerHello, in one or more records; true once it is whole. */
    private boolean beforeKeys(int type, byte[] fragment, int at) {
      if (type == TlsRecord.ALERT) {
        stop = "an alert instead of a ServerHello";
        return false;
      }
      if (type != TlsRecord.HANDSHAKE) {
        throw WireReader.errorAt("record.content_type", at, "content type " + type + " before the ServerHello");
      }
      clear.writeBytes(fragment);
      byte[] soFar = clear.toByteArray();
      if (soFar.length < 4) {
        return false;
      }
      if (soFar[0] != HandshakeMessage.SERVER_HELLO) {
        throw WireReader.errorAt("handshake.msg_type", at + TlsRecord.HEADER_LENGTH, "message type "
            + (soFar[0] & 0xff) + " where the ServerHello belongs");
      }
      int length = ((soFar[1] & 0xff) << 16) | ((soFar[2] & 0xff) << 8) | (soFar[3] & 0xff);
      if (soFar.length < 4 + length) {
        return false;
      }
      if (soFar.length > 4 + length) {
        throw WireReader.errorAt("handshake", at, "a message after the ServerHello in the same record, though the"
            + " keys change after it (RFC 8446 section 5.1)");
      }
      keys((ServerHello) TlsDecoder.decodeHandshake(soFar), soFar);
      return true;
    }

    /** The handshake traffic keys of {@code hello}, or why there are none (stop). */
    private void keys(ServerHello hello, byte[] helloBytes) {
      if (hello.isHelloRetryRequest()) {
        impossible = true;
        stop = "a HelloRetryRequest" + hello.keyShareGroup().map(g -> " for " + NamedGroup.of(g).name()).orElse("")
            + ", which changes the transcript (RFC 8446 section 4.4.1); the scan reads only answers to its first hello";
        return;
      }
      if (hello.selectedVersion() != TlsProtocol.TLSv1_3.wireVersion()) {
        stop = "a " + TlsProtocol.describeWireVersion(hello.selectedVersion()) + " ServerHello, not TLS 1.3";
        return;
      }
      Optional<Tls13KeySchedule> schedule = Tls13KeySchedule.of(hello.cipherSuite());
      if (schedule.isEmpty()) {
        impossible = true;
        stop = "the server chose " + CipherSuite.of(hello.cipherSuite()).name() + ", whose AEAD the JDK does not"
            + " have (no CCM cipher)";
        return;
      }
      Optional<KeyShareEntry> share = hello.extension(KeyShareExtension.class).flatMap(KeyShareExtension::serverShare);
      if (share.isEmpty()) {
        impossible = true;
        stop = "a TLS 1.3 ServerHello without a key_share (RFC 8446 section 4.2.8)";
        return;
      }
      Tls13KeySchedule s = schedule.get();
      if (handshakeSecret == null || !Arrays.equals(keyedHello, helloBytes)) {
        byte[] secret;
        try {
          secret = shares.sharedSecret(share.get().group(), share.get().keyExchange());
        } catch (IllegalArgumentException e) {
          impossible = !KeyShares.computes(share.get().group());
          stop = e.getMessage();
          return;
        }
        handshakeSecret = s.handshakeSecret(secret);
        helloHash = s.hash(clientHello, helloBytes);
        keyedHello = helloBytes;
      }
      this.schedule = s;
      transcript.writeBytes(clientHello);
      transcript.writeBytes(helloBytes);
      opener = s.opener(s.serverHandshakeTrafficSecret(secrets(handshakeSecret), secrets(helloHash)));
    }

    /** A record after the ServerHello: a middlebox ChangeCipherSpec, or protected. */
    private void afterKeys(int type, byte[] header, byte[] fragment, int at) {
      if (type == TlsRecord.CHANGE_CIPHER_SPEC) {
        if (fragment.length != 1 || fragment[0] != 1) {
          throw WireReader.errorAt("record.change_cipher_spec", at, "fragment is not the single byte 01");
        }
        return;
      }
      if (type == TlsRecord.ALERT) {
        stop = "an alert in clear after the ServerHello" + (fragment.length == 2
            ? ": " + AlertDescription.of(fragment[1] & 0xff).name() : "");
        return;
      }
      if (type != TlsRecord.APPLICATION_DATA) {
        throw WireReader.errorAt("record.content_type", at, "content type " + type
            + " after the TLS 1.3 ServerHello (only application_data is protected, RFC 8446 section 5.2)");
      }
      byte[] inner;
      try {
        inner = requireNonNull(opener, "opener").open(header, fragment);
      } catch (GeneralSecurityException e) {
        stop = "the record at offset " + at + " does not decrypt with the handshake keys (" + e + ")";
        return;
      }
      /*
       * struct {
       *     opaque content[TLSPlaintext.length];
       *     ContentType type;
       *     uint8 zeros[length_of_padding];
       * } TLSInnerPlaintext;
       */
      int end = inner.length;
      while (end > 0 && inner[end - 1] == 0) {
        end--;
      }
      if (end == 0) {
        throw WireReader.errorAt("TLSInnerPlaintext.type", at, "the decrypted record is all zeros (RFC 8446"
            + " section 5.4)");
      }
      int innerType = inner[end - 1] & 0xff;
      if (serverFinished) {
        afterFinished(innerType, inner, end, at);
        return;
      }
      if (innerType == TlsRecord.ALERT) {
        stop = "an encrypted alert" + (end == 3 ? " " + AlertDescription.of(inner[1] & 0xff).name() : "")
            + " after the ServerHello";
        return;
      }
      if (innerType != TlsRecord.HANDSHAKE) {
        throw WireReader.errorAt("TLSInnerPlaintext.type", at, "content type " + innerType
            + " in the server's first flight");
      }
      protectedHandshake.append(inner, end - 1);
      messages();
    }

    /** The handshake messages decrypted so far, each read once whole. */
    private void messages() {
      for (Message m; !done && stop == null && (m = protectedHandshake.next()) != null; ) {
        if (m.type() == HandshakeMessage.FINISHED && certificate != null) {
          finished(m);
          if (serverFinished && protectedHandshake.pending()) {
            throw WireReader.errorAt("handshake", m.at() + m.whole().length, "a message after the server's Finished"
                + " in the same record, though the keys change after it (RFC 8446 section 5.1)");
          }
        } else {
          message(m.type(), m.body(), m.at());
          transcript.writeBytes(m.whole());
        }
      }
    }

    /** The server's Finished, checked against the transcript; then the application traffic keys. */
    private void finished(Message finished) {
      Tls13KeySchedule s = secrets(schedule);
      byte[] expected = s.verifyData(s.serverHandshakeTrafficSecret(secrets(handshakeSecret), secrets(helloHash)),
          s.hash(transcript.toByteArray()));
      if (!MessageDigest.isEqual(expected, finished.body())) {
        stop = "the server's Finished at offset " + finished.at() + " of the decrypted handshake messages does not"
            + " verify (RFC 8446 section 4.4.4)";
        return;
      }
      transcript.writeBytes(finished.whole());
      if (until != Until.TICKETS) {
        done = true;
        return;
      }
      if (certificateRequested) {
        stop = "the server asks for a client certificate (CertificateRequest), which the scan does not send";
        return;
      }
      finishedHash = s.hash(transcript.toByteArray());
      master = s.masterSecret(secrets(handshakeSecret));
      opener = s.opener(s.applicationTrafficSecret(master, true, finishedHash));
      serverFinished = true;
    }

    /**
     * Our second flight: a ChangeCipherSpec, then Finished under the client handshake traffic keys and close_notify
     * under the client application traffic keys (RFC 8446 sections 4.4.4, 6.1, 7.1).
     */
    byte[] secondFlight() {
      Tls13KeySchedule s = secrets(schedule);
      byte[] clientHandshake = s.clientHandshakeTrafficSecret(secrets(handshakeSecret), secrets(helloHash));
      byte[] finished = new UnknownHandshake(HandshakeMessage.FINISHED,
          Bytes.of(s.verifyData(clientHandshake, secrets(finishedHash)))).encode();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (clientHello[SESSION_ID_LENGTH_OFFSET] != 0) {
        out.writeBytes(CHANGE_CIPHER_SPEC);
      }
      out.writeBytes(s.sealer(clientHandshake).seal(TlsRecord.HANDSHAKE, finished));
      out.writeBytes(s.sealer(s.applicationTrafficSecret(secrets(master), false, secrets(finishedHash)))
          .seal(TlsRecord.ALERT, CLOSE_NOTIFY));
      return out.toByteArray();
    }

    /** A record under the server's application traffic keys: a NewSessionTicket is what is looked for. */
    private void afterFinished(int innerType, byte[] inner, int end, int at) {
      if (innerType == TlsRecord.ALERT) {
        if (end == 3 && inner[0] == 1 && inner[1] == 0) {
          closeNotify = true;
        } else {
          stop = "an encrypted alert" + (end == 3 ? " " + AlertDescription.of(inner[1] & 0xff).name() : "")
              + " after the server's Finished";
        }
        return;
      }
      if (innerType != TlsRecord.HANDSHAKE) {
        stop = "a record of content type " + innerType + " at offset " + at + " before any NewSessionTicket";
        return;
      }
      postHandshake.append(inner, end - 1);
      for (Message m; !done && stop == null && (m = postHandshake.next()) != null; ) {
        if (m.type() == HandshakeMessage.NEW_SESSION_TICKET) {
          ticket = NewSessionTicket.decodeTls13(m.body()); // offsets into the body
          done = true;
        } else if (m.type() == KEY_UPDATE) {
          stop = "a KeyUpdate before any NewSessionTicket (the scan reads no further)";
        } else {
          throw WireReader.errorAt("handshake.msg_type", m.at(), "message type " + m.type() + " after the server's"
              + " Finished (offset into the messages after it)");
        }
      }
    }

    /** One decrypted message, {@code at} bytes into the decrypted handshake messages (the offset errors name). */
    private void message(int type, byte[] body, int at) {
      boolean first = at == 0;
      if (first != (type == HandshakeMessage.ENCRYPTED_EXTENSIONS)) {
        throw WireReader.errorAt("handshake.msg_type", at, "message type " + type + (first ? " first where the"
            + " EncryptedExtensions belongs" : " repeats the EncryptedExtensions") + " (RFC 8446 section 4.3.1)");
      }
      switch (type) {
        case HandshakeMessage.ENCRYPTED_EXTENSIONS -> {
          ee = EncryptedExtensions.decode(body); // offsets into the body
          done = until == Until.ENCRYPTED_EXTENSIONS;
        }
        case HandshakeMessage.CERTIFICATE -> {
          certificate = CertificateMessage.decodeTls13(body);
          done = until == Until.CERTIFICATE;
        }
        case HandshakeMessage.CERTIFICATE_REQUEST -> certificateRequested = true;
        case HandshakeMessage.CERTIFICATE_VERIFY -> { }
        case COMPRESSED_CERTIFICATE -> stop = "a CompressedCertificate, which the scan never asks for (RFC 8879)";
        case HandshakeMessage.FINISHED -> stop = "Finished without a Certificate (a PSK handshake?)";
        default -> throw WireReader.errorAt("handshake.msg_type", at, "message type " + type
            + " in the server's first flight");
      }
    }
  }

  /**
   * One handshake message read whole out of decrypted records.
   *
   * @param type its msg_type
   * @param body its body
   * @param at its offset into the messages of its kind (the offset errors name)
   * @param whole the message with its 4-byte header, as the transcript takes it
   */
  private record Message(int type, byte[] body, int at, byte[] whole) {}

  /** Decrypted handshake bytes gathered record by record and handed out a whole message at a time. */
  private static final class Messages {
    private final String what;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int parsed;

    Messages(String what) {
      this.what = what;
    }

    void append(byte[] inner, int length) {
      bytes.write(inner, 0, length);
    }

    /** Whether bytes are left after the last message handed out. */
    boolean pending() {
      return bytes.size() > parsed;
    }

    /**
     * The next whole message, or null until it has all arrived.
     *
     * @throws TlsDecodeException for a length beyond {@link TlsDecoder#MAX_HANDSHAKE_MESSAGE}
     */
    @Nullable Message next() {
      byte[] all = bytes.toByteArray();
      if (all.length - parsed < 4) {
        return null;
      }
      int length = ((all[parsed + 1] & 0xff) << 16) | ((all[parsed + 2] & 0xff) << 8) | (all[parsed + 3] & 0xff);
      if (length > TlsDecoder.MAX_HANDSHAKE_MESSAGE) {
        throw WireReader.errorAt("handshake.length", parsed + 1, "length " + length + " exceeds the limit "
            + TlsDecoder.MAX_HANDSHAKE_MESSAGE + " (offset into " + what + ")");
      }
      if (all.length - parsed - 4 < length) {
        return null;
      }
      int at = parsed;
      parsed += 4 + length;
      return new Message(all[at] & 0xff, Arrays.copyOfRange(all, at + 4, at + 4 + length), at,
          Arrays.copyOfRange(all, at, at + 4 + length));
    }
  }

  /** A value the step has set by the time it is asked for. */
  private static <T> T secrets(@Nullable T value) {
    return requireNonNull(value, "the key schedule has not got this far");
  }

  /** The handshake bytes of {@code records} (our own hello): their fragments, headers removed. */
  private static byte[] handshakeBytes(byte[] records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos + TlsRecord.HEADER_LENGTH <= records.length) {
      int length = ((records[pos + 3] & 0xff) << 8) | (records[pos + 4] & 0xff);
      if (records[pos] != TlsRecord.HANDSHAKE || pos + TlsRecord.HEADER_LENGTH + length > records.length) {
        throw new IllegalArgumentException("not a ClientHello in handshake records at offset " + pos);
      }
      out.write(records, pos + TlsRecord.HEADER_LENGTH, length);
      pos += TlsRecord.HEADER_LENGTH + length;
    }
    if (pos != records.length) {
      throw new IllegalArgumentException("a partial record at offset " + pos + " of the ClientHello");
    }
    return out.toByteArray();
  }
}
