package io.tlsprobe.scan;

import io.tlsprobe.wire.TlsRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The part of the TLS 1.3 key schedule that opens a server's first flight: from the (EC)DHE shared secret and the
 * transcript hash of ClientHello and ServerHello to the server's handshake traffic key and IV (<a
 * href="https://www.rfc-editor.org/rfc/rfc8446#section-7.1">RFC 8446 section 7.1</a>, without a PSK), and the AEAD
 * that opens its records (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-5.2">section 5.2</a>, nonces of <a
 * href="https://www.rfc-editor.org/rfc/rfc8446#section-5.3">section 5.3</a>). HKDF (RFC 5869) is written out on
 * {@code javax.crypto.Mac}; the AEADs are the JDK's AES/GCM and ChaCha20-Poly1305. The CCM suites have no JDK cipher:
 * {@link #of} answers empty for them.
 *
 * <pre>{@code
 * Tls13KeySchedule s = Tls13KeySchedule.of(0x1301).orElseThrow(); // TLS_AES_128_GCM_SHA256
 * Tls13KeySchedule.Opener server = s.serverHandshake(sharedSecret, s.hash(clientHello, serverHello));
 * byte[] inner = server.open(recordHeader, ciphertext); // TLSInnerPlaintext, the first record's
 * }</pre>
 */
final class Tls13KeySchedule {
  /** The AEAD tag of every TLS 1.3 suite the JDK has: 16 bytes. */
  static final int TAG_LENGTH = 16;

  private final String mac;
  private final String digest;
  private final int hashLength;
  private final int keyLength;
  private final boolean chacha;

  private Tls13KeySchedule(String mac, String digest, int hashLength, int keyLength, boolean chacha) {
    this.mac = mac;
    this.digest = digest;
    this.hashLength = hashLength;
    this.keyLength = keyLength;
    this.chacha = chacha;
  }

  /**
   * The schedule of TLS 1.3 suite {@code suite} (RFC 8446 appendix B.4): TLS_AES_128_GCM_SHA256,
   * TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256; empty for the CCM suites (no JDK cipher) and others.
   */
  static Optional<Tls13KeySchedule> of(int suite) {
    return switch (suite) {
      case 0x1301 -> Optional.of(new Tls13KeySchedule("HmacSHA256", "SHA-256", 32, 16, false));
      case 0x1302 -> Optional.of(new Tls13KeySchedule("HmacSHA384", "SHA-384", 48, 32, false));
      case 0x1303 -> Optional.of(new Tls13KeySchedule("HmacSHA256", "SHA-256", 32, 32, true));
      default -> Optional.empty();
    };
  }

  /** The TLS 1.3 suites whose records the scan can open. */
  static boolean opens(int suite) {
    return of(suite).isPresent();
  }

  /** Transcript-Hash (RFC 8446 section 4.4.1) of the handshake messages, headers included, in order. */
  byte[] hash(byte[]... messages) {
    try {
      MessageDigest d = MessageDigest.getInstance(digest);
      for (byte[] m : messages) {
        d.update(m);
      }
      return d.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + digest, e);
    }
  }

  /**
   * The handshake secret: {@code HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE)}, with the early
   * secret {@code HKDF-Extract(0, 0)} of a handshake without PSK (RFC 8446 section 7.1).
   */
  byte[] handshakeSecret(byte[] sharedSecret) {
    byte[] zeros = new byte[hashLength];
    byte[] early = extract(zeros, zeros);
    return extract(deriveSecret(early, "derived", hash()), sharedSecret);
  }

  /** {@code server_handshake_traffic_secret = Derive-Secret(Handshake Secret, "s hs traffic", CH..SH)}. */
  byte[] serverHandshakeTrafficSecret(byte[] handshakeSecret, byte[] helloHash) {
    return deriveSecret(handshakeSecret, "s hs traffic", helloHash);
  }

  /** {@code client_handshake_traffic_secret = Derive-Secret(Handshake Secret, "c hs traffic", CH..SH)}. */
  byte[] clientHandshakeTrafficSecret(byte[] handshakeSecret, byte[] helloHash) {
    return deriveSecret(handshakeSecret, "c hs traffic", helloHash);
  }

  /** {@code Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0)} (section 7.1). */
  byte[] masterSecret(byte[] handshakeSecret) {
    return extract(deriveSecret(handshakeSecret, "derived", hash()), new byte[hashLength]);
  }

  /**
   * {@code [sender]_application_traffic_secret_0 = Derive-Secret(Master Secret, "[c|s] ap traffic", CH..server
   * Finished)}.
   */
  byte[] applicationTrafficSecret(byte[] masterSecret, boolean server, byte[] finishedHash) {
    return deriveSecret(masterSecret, server ? "s ap traffic" : "c ap traffic", finishedHash);
  }

  /**
   * A Finished message's {@code verify_data = HMAC(finished_key, Transcript-Hash(...))}, with {@code finished_key =
   * HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)} of the sender's handshake traffic secret (section 4.4.4).
   */
  byte[] verifyData(byte[] handshakeTrafficSecret, byte[] transcriptHash) {
    return hmac(expandLabel(handshakeTrafficSecret, "finished", new byte[0], hashLength), transcriptHash);
  }

  /** The opener of the server's handshake records, from the shared secret and the hash of ClientHello..ServerHello. */
  Opener serverHandshake(byte[] sharedSecret, byte[] helloHash) {
    return opener(serverHandshakeTrafficSecret(handshakeSecret(sharedSecret), helloHash));
  }

  /** The traffic key and IV of {@code trafficSecret} (RFC 8446 section 7.3), ready to open records. */
  Opener opener(byte[] trafficSecret) {
    return new Opener(expandLabel(trafficSecret, "key", new byte[0], keyLength),
        expandLabel(trafficSecret, "iv", new byte[0], 12), chacha, Cipher.DECRYPT_MODE);
  }

  /** The traffic key and IV of {@code trafficSecret}, ready to protect the records we send. */
  Opener sealer(byte[] trafficSecret) {
    return new Opener(expandLabel(trafficSecret, "key", new byte[0], keyLength),
        expandLabel(trafficSecret, "iv", new byte[0], 12), chacha, Cipher.ENCRYPT_MODE);
  }

  /** {@code Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Hash, Hash.length)}. */
  private byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
    return expandLabel(secret, label, transcriptHash, hashLength);
  }

  /** HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM) (RFC 5869 section 2.2). */
  byte[] extract(byte[] salt, byte[] ikm) {
    return hmac(salt, ikm);
  }

  private byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac m = Mac.getInstance(mac);
      m.init(new SecretKeySpec(key, mac));
      return m.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + mac, e);
    }
  }

  /*
   * struct {
   *     uint16 length = Length;
   *     opaque label<7..255> = "tls13 " + Label;
   *     opaque context<0..255> = Context;
   * } HkdfLabel;
   */
  /** HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 section 7.1) over HKDF-Expand (RFC 5869 2.3). */
  byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
    byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.write(length >>> 8);
    info.write(length);
    info.write(full.length);
    info.writeBytes(full);
    info.write(context.length);
    info.writeBytes(context);
    try {
      Mac m = Mac.getInstance(mac);
      m.init(new SecretKeySpec(secret, mac));
      byte[] out = new byte[length];
      byte[] t = new byte[0];
      for (int done = 0, i = 1; done < length; i++) {
        m.update(t);
        m.update(info.toByteArray());
        m.update((byte) i);
        t = m.doFinal();
        System.arraycopy(t, 0, out, done, Math.min(t.length, length - done));
        done += t.length;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + mac, e);
    }
  }

  /**
   * Opens (or, made by {@link #sealer}, protects) one direction's records in order: a traffic key, its IV and the
   * record sequence number.
   */
  static final class Opener {
    private final byte[] key;
    private final byte[] iv;
    private final boolean chacha;
    private final int mode;
    private long sequence;

    private Opener(byte[] key, byte[] iv, boolean chacha, int mode) {
      this.key = key;
      this.iv = iv;
      this.chacha = chacha;
      this.mode = mode;
    }

    /** The traffic key, for tests against published traces. */
    byte[] key() {
      return key.clone();
    }

    /** The IV, for tests against published traces. */
    byte[] iv() {
      return iv.clone();
    }

    /**
     * The TLSInnerPlaintext of the next record: {@code header} (its 5 bytes, the additional data) and the
     * {@code ciphertext} after them.
     *
     * @throws GeneralSecurityException when the record does not authenticate (javax.crypto.AEADBadTagException)
     */
    byte[] open(byte[] header, byte[] ciphertext) throws GeneralSecurityException {
      if (mode != Cipher.DECRYPT_MODE) {
        throw new IllegalStateException("a sealer does not open");
      }
      return crypt(header, ciphertext);
    }

    /*
     * struct {
     *     opaque content[TLSPlaintext.length];
     *     ContentType type;
     *     uint8 zeros[length_of_padding];
     * } TLSInnerPlaintext;
     */
    /** The next protected record (header included) carrying {@code content} of {@code type}, without padding. */
    byte[] seal(int type, byte[] content) {
      if (mode != Cipher.ENCRYPT_MODE) {
        throw new IllegalStateException("an opener does not seal");
      }
      byte[] inner = Arrays.copyOf(content, content.length + 1);
      inner[content.length] = (byte) type;
      int length = inner.length + TAG_LENGTH;
      byte[] header = {TlsRecord.APPLICATION_DATA, 3, 3, (byte) (length >>> 8), (byte) length};
      try {
        byte[] sealed = crypt(header, inner);
        byte[] record = Arrays.copyOf(header, header.length + sealed.length);
        System.arraycopy(sealed, 0, record, header.length, sealed.length);
        return record;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK's " + (chacha ? "ChaCha20-Poly1305" : "AES/GCM") + " failed", e);
      }
    }

    private byte[] crypt(byte[] header, byte[] input) throws GeneralSecurityException {
      byte[] nonce = iv.clone(); // per-record nonce: the IV xor the 64-bit sequence number, left-padded (5.3)
      long seq = sequence++;
      for (int i = 0; i < 8; i++) {
        nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
      }
      Cipher cipher;
      if (chacha) {
        cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      } else {
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
      }
      cipher.updateAAD(header);
      return cipher.doFinal(input);
    }

    @Override
    public String toString() {
      return "Opener[" + (chacha ? "ChaCha20-Poly1305" : "AES-" + key.length * 8 + "-GCM") + ", sequence "
          + sequence + "]";
    }
  }

  @Override
  public String toString() {
    return "Tls13KeySchedule[" + digest + ", key " + keyLength + " bytes" + (chacha ? ", ChaCha20" : "") + "]";
  }

}
