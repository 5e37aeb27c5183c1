package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.EncryptedExtensions;
import io.tlsprobe.wire.HandshakeMessage;
import io.tlsprobe.wire.KeyShareEntry;
import io.tlsprobe.wire.KeyShareExtension;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import io.tlsprobe.wire.TlsRecord;
import io.tlsprobe.wire.WireReader;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Reads a TLS 1.3 server's first flight past the ServerHello without finishing the handshake: from the scan's own
 * key shares ({@link KeyShares}) and the server's, the handshake traffic keys ({@link Tls13KeySchedule}), then the
 * encrypted records opened (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-5.2">RFC 8446 section 5.2</a>)
 * and their handshake messages read: EncryptedExtensions (section 4.3.1), an optional CertificateRequest, Certificate
 * (section 4.4.2) with its per-entry extensions, CertificateVerify (read, not verified) and Finished. Nothing is sent
 * after the ClientHello. Only a ServerHello is read on: a HelloRetryRequest changes the transcript (section 4.4.1) and
 * would need a second hello, so it is reported as unread, as are the CCM suites (no JDK cipher) and groups other
 * than x25519 and secp256r1.
 *
 * <p>As a {@link Predicate} it tells the {@link Connector} when enough has been read: the EncryptedExtensions (for
 * {@link Until#ENCRYPTED_EXTENSIONS}) or the Certificate, or an answer that will not get further.
 *
 * <pre>{@code
 * Tls13FirstFlight.Reading r = Tls13FirstFlight.ask(connector, helloRecords, shares, Until.CERTIFICATE);
 * r.certificate().map(CertificateMessage::certificates); // the chain, leaf first
 * }</pre>
 */
final class Tls13FirstFlight implements Predicate<byte[]> {
  /** CompressedCertificate (RFC 8879 section 4): never asked for by the scan. */
  private static final int COMPRESSED_CERTIFICATE = 25;

  /** How far the reading goes. */
  enum Until {
    /** Up to the EncryptedExtensions: ALPN, heartbeat. */
    ENCRYPTED_EXTENSIONS,
    /** Up to the Certificate: the chain and its entries' extensions (OCSP stapling). */
    CERTIFICATE
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
   */
  record Reading(Answer answer, Optional<EncryptedExtensions> extensions, Optional<CertificateMessage> certificate,
      Optional<String> unread, boolean impossible) {
    Reading {
      requireNonNull(answer, "answer");
      requireNonNull(extensions, "extensions");
      requireNonNull(certificate, "certificate");
      requireNonNull(unread, "unread");
    }
  }

  private final byte[] clientHello;
  private final KeyShares shares;
  private final Until until;
  /** The ServerHello whose keys are cached, and the traffic secret they came from (both null before). */
  private byte @Nullable [] keyedHello;
  private byte @Nullable [] trafficSecret;

  /** A reader of the answer to {@code helloRecords} (the ClientHello as sent, in records). */
  Tls13FirstFlight(byte[] helloRecords, KeyShares shares, Until until) {
    this.clientHello = handshakeBytes(requireNonNull(helloRecords, "helloRecords"));
    this.shares = requireNonNull(shares, "shares");
    this.until = requireNonNull(until, "until");
  }

  /** One connection: the hello written and its answer read as far as {@code until}. */
  static Reading ask(Connector connector, byte[] helloRecords, KeyShares shares, Until until) {
    Tls13FirstFlight flight = new Tls13FirstFlight(helloRecords, shares, until);
    Reply reply = connector.converse(helloRecords, flight);
    return flight.read(Answer.of(reply), reply.bytes());
  }

  /** Whether {@code soFar} is as far as this reading goes, or as far as it can go. */
  @Override
  public boolean test(byte[] soFar) {
    try {
      Step s = new Step(soFar);
      s.run();
      return s.done || s.stop != null;
    } catch (TlsDecodeException e) {
      return true;
    }
  }

  /** The reading of {@code bytes}, the answer {@code answer} read as TLS. */
  Reading read(Answer answer, byte[] bytes) {
    if (answer.kind() != Answer.Kind.HELLO) {
      return new Reading(answer, Optional.empty(), Optional.empty(), Optional.of(answer.detail()),
          answer.kind() == Answer.Kind.REFUSED); // refused: a JSSE handshake, with other groups, may be answered
    }
    Step s = new Step(bytes);
    try {
      s.run();
    } catch (TlsDecodeException e) {
      s.stop = "the server's TLS 1.3 flight is malformed: " + e.getMessage();
    }
    String unread = s.done ? null : s.stop != null ? s.stop
        : "the answer ended " + (s.ee == null ? "before the EncryptedExtensions" : "before the Certificate")
            + " (" + bytes.length + " bytes read" + (answer.detail().isEmpty() ? "" : ", " + answer.detail()) + ")";
    return new Reading(answer, Optional.ofNullable(s.ee), Optional.ofNullable(s.certificate),
        Optional.ofNullable(unread), s.impossible);
  }

  /** One pass over the bytes read so far. */
  private final class Step {
    private final byte[] in;
    private final ByteArrayOutputStream clear = new ByteArrayOutputStream();
    private final ByteArrayOutputStream protectedHandshake = new ByteArrayOutputStream();
    private int parsed;
    private Tls13KeySchedule.@Nullable Opener opener;
    private @Nullable EncryptedExtensions ee;
    private @Nullable CertificateMessage certificate;
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
      while (!done && stop == null && in.length - pos >= TlsRecord.HEADER_LENGTH) {
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
      if (trafficSecret == null || !Arrays.equals(keyedHello, helloBytes)) {
        byte[] secret;
        try {
          secret = shares.sharedSecret(share.get().group(), share.get().keyExchange());
        } catch (IllegalArgumentException e) {
          impossible = !KeyShares.computes(share.get().group());
          stop = e.getMessage();
          return;
        }
        Tls13KeySchedule s = schedule.get();
        trafficSecret = s.serverHandshakeTrafficSecret(s.handshakeSecret(secret), s.hash(clientHello, helloBytes));
        keyedHello = helloBytes;
      }
      opener = schedule.get().opener(trafficSecret);
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
      if (innerType == TlsRecord.ALERT) {
        stop = "an encrypted alert" + (end == 3 ? " " + AlertDescription.of(inner[1] & 0xff).name() : "")
            + " after the ServerHello";
        return;
      }
      if (innerType != TlsRecord.HANDSHAKE) {
        throw WireReader.errorAt("TLSInnerPlaintext.type", at, "content type " + innerType
            + " in the server's first flight");
      }
      protectedHandshake.write(inner, 0, end - 1);
      messages();
    }

    /** The handshake messages decrypted so far, each read once whole. */
    private void messages() {
      byte[] all = protectedHandshake.toByteArray();
      while (!done && stop == null && all.length - parsed >= 4) {
        int type = all[parsed] & 0xff;
        int length = ((all[parsed + 1] & 0xff) << 16) | ((all[parsed + 2] & 0xff) << 8) | (all[parsed + 3] & 0xff);
        if (length > TlsDecoder.MAX_HANDSHAKE_MESSAGE) {
          throw WireReader.errorAt("handshake.length", parsed + 1, "length " + length + " exceeds the limit "
              + TlsDecoder.MAX_HANDSHAKE_MESSAGE + " (offset into the decrypted handshake messages)");
        }
        if (all.length - parsed - 4 < length) {
          return;
        }
        byte[] body = Arrays.copyOfRange(all, parsed + 4, parsed + 4 + length);
        int at = parsed;
        parsed += 4 + length;
        message(type, body, at);
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
          done = true;
        }
        case HandshakeMessage.CERTIFICATE_REQUEST, HandshakeMessage.CERTIFICATE_VERIFY -> { }
        case COMPRESSED_CERTIFICATE -> stop = "a CompressedCertificate, which the scan never asks for (RFC 8879)";
        case HandshakeMessage.FINISHED -> stop = "Finished without a Certificate (a PSK handshake?)";
        default -> throw WireReader.errorAt("handshake.msg_type", at, "message type " + type
            + " in the server's first flight");
      }
    }
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
