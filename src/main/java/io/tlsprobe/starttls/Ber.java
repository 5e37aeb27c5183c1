package io.tlsprobe.starttls;

/**
 * The BER tags LDAP uses (RFC 4511 §5.1: definite lengths only, no constructed strings) and the failure of a reader
 * that met bytes which are not such BER. See {@link BerReader} and {@link BerWriter}.
 */
final class Ber {
  /** UNIVERSAL 1, primitive. */
  static final int BOOLEAN = 0x01;
  /** UNIVERSAL 2, primitive. */
  static final int INTEGER = 0x02;
  /** UNIVERSAL 4, primitive. */
  static final int OCTET_STRING = 0x04;
  /** UNIVERSAL 10, primitive. */
  static final int ENUMERATED = 0x0A;
  /** UNIVERSAL 16, constructed. */
  static final int SEQUENCE = 0x30;
  /** UNIVERSAL 17, constructed. */
  static final int SET = 0x31;

  private Ber() {}

  /** {@code 0x30}: the tag as X.690 writes it, for messages. */
  static String hex(int tag) {
    return String.format("0x%02x", tag);
  }

  /** Bytes that are not the BER expected; the message ends with {@code at offset N} (from the message's first byte). */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    MalformedException(String what, int offset) {
      super(what + " at offset " + offset);
      this.offset = offset;
    }

    /** Where in the message the bad bytes start. */
    int offset() {
      return offset;
    }
  }
}
