package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * encrypted_client_hello (<a href="https://datatracker.ietf.org/doc/draft-ietf-tls-esni/">draft-ietf-tls-esni</a>
 * section 5) as a client sends it: the outer form with the HPKE cipher suite, config id, encapsulated key and
 * encrypted payload, or the inner marker. (Server forms, retry configs and confirmation, stay a
 * {@link RawExtension}.)
 *
 * <pre>{@code
 * EncryptedClientHelloExtension.inner().encodeData(); // 01
 * }</pre>
 *
 * @param echType 0 outer, 1 inner
 * @param kdfId HPKE KDF id (outer only, else 0)
 * @param aeadId HPKE AEAD id (outer only, else 0)
 * @param configId the ECHConfig id (outer only, else 0)
 * @param enc the encapsulated key (outer only, else empty)
 * @param payload the encrypted inner hello (outer only, else empty)
 */
public record EncryptedClientHelloExtension(int echType, int kdfId, int aeadId, int configId, Bytes enc,
    Bytes payload) implements Extension {
  /** {@code ECHClientHelloType} outer. */
  public static final int OUTER = 0;
  /** {@code ECHClientHelloType} inner. */
  public static final int INNER = 1;

  public EncryptedClientHelloExtension {
    requireNonNull(enc, "enc");
    requireNonNull(payload, "payload");
    if (echType != OUTER && echType != INNER) {
      throw new IllegalArgumentException("ECH type " + echType + " is neither outer (0) nor inner (1)");
    }
    if (echType == INNER && (kdfId != 0 || aeadId != 0 || configId != 0 || !enc.isEmpty() || !payload.isEmpty())) {
      throw new IllegalArgumentException("the inner marker carries no fields");
    }
  }

  /** The inner marker. */
  public static EncryptedClientHelloExtension inner() {
    return new EncryptedClientHelloExtension(INNER, 0, 0, 0, Bytes.empty(), Bytes.empty());
  }

  /** Whether this is the inner marker. */
  public boolean isInner() {
    return echType == INNER;
  }

  @Override
  public int type() {
    return ExtensionTypes.ENCRYPTED_CLIENT_HELLO;
  }

  @Override
  public byte[] encodeData() {
    WireWriter w = new WireWriter().u8(echType);
    if (echType == OUTER) {
      w.u16(kdfId).u16(aeadId).u8(configId).opaque16(enc).opaque16(payload);
    }
    return w.toByteArray();
  }

  /*
   * enum { outer(0), inner(1) } ECHClientHelloType;
   * struct {
   *    ECHClientHelloType type;
   *    select (ECHClientHello.type) {
   *        case outer:
   *            HpkeSymmetricCipherSuite cipher_suite;   // uint16 kdf_id; uint16 aead_id;
   *            uint8 config_id;
   *            opaque enc<0..2^16-1>;
   *            opaque payload<1..2^16-1>;
   *        case inner:
   *            Empty;
   *    };
   * } ECHClientHello;
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    if (!context.isClient()) {
      return null;
    }
    int type = r.u8(field + ".type");
    if (type == INNER) {
      return inner();
    }
    if (type != OUTER) {
      return null;
    }
    int kdf = r.u16(field + ".cipher_suite.kdf_id");
    int aead = r.u16(field + ".cipher_suite.aead_id");
    int configId = r.u8(field + ".config_id");
    Bytes enc = r.block16(field + ".enc", 0).rest();
    Bytes payload = r.block16(field + ".payload", 1).rest();
    return new EncryptedClientHelloExtension(OUTER, kdf, aead, configId, enc, payload);
  }
}
