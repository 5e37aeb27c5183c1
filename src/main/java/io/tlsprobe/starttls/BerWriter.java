package io.tlsprobe.starttls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the little BER (ITU-T X.690 §8, as restricted by RFC 4511 §5.1) that LDAP's StartTLS and root-DSE requests
 * need: definite lengths only, lengths in the shortest form, primitive INTEGER/ENUMERATED/BOOLEAN/OCTET STRING and
 * constructed values built from their already encoded contents.
 *
 * <pre>
 * // ExtendedRequest ::= [APPLICATION 23] SEQUENCE { requestName [0] LDAPOID, requestValue [1] OCTET STRING OPTIONAL }
 * byte[] op = BerWriter.tlv(0x77, BerWriter.octets(0x80, "1.3.6.1.4.1.1466.20037"));
 * </pre>
 */
final class BerWriter {
  /** The largest length this writer encodes: far more than any request we send. */
  static final int MAX_LENGTH = 0xFFFF;

  private BerWriter() {}

  /** {@code tag}, the length of {@code contents} (each part in order), then the contents. */
  static byte[] tlv(int tag, byte[]... contents) {
    if (tag < 0 || tag > 0xFF || (tag & 0x1F) == 0x1F) {
      throw new IllegalArgumentException("only single-byte tags are written, was 0x" + Integer.toHexString(tag));
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] part : contents) {
      body.writeBytes(part);
    }
    int length = body.size();
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("content of " + length + " bytes is longer than " + MAX_LENGTH);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 4);
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else if (length <= 0xFF) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xFF);
    }
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** An INTEGER or ENUMERATED (by {@code tag}) in the fewest two's-complement bytes (X.690 §8.3). */
  static byte[] integer(int tag, long value) {
    int bytes = 1;
    while (bytes < 8 && (value < -(1L << (8 * bytes - 1)) || value >= (1L << (8 * bytes - 1)))) {
      bytes++;
    }
    byte[] content = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      content[i] = (byte) (value >> (8 * (bytes - 1 - i)));
    }
    return tlv(tag, content);
  }

  /** A BOOLEAN: {@code 0xFF} for true, {@code 0x00} for false (X.690 §11.1, DER's choice). */
  static byte[] bool(boolean value) {
    return tlv(Ber.BOOLEAN, new byte[] {(byte) (value ? 0xFF : 0x00)});
  }

  /** An OCTET STRING (or an implicitly tagged one, by {@code tag}) holding {@code text} in UTF-8. */
  static byte[] octets(int tag, String text) {
    return tlv(tag, text.getBytes(StandardCharsets.UTF_8));
  }
}
