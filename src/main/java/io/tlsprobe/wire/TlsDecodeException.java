package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * The one exception the codec throws for malformed bytes: it names the field being read and the byte offset (from
 * the start of the input handed to the decoder) where the problem was found.
 *
 * <pre>{@code
 * try {
 *   TlsDecoder.decode(bytes);
 * } catch (TlsDecodeException e) {
 *   System.err.println(e.getMessage()); // "ClientHello.cipher_suites: length 7 is odd at offset 43"
 * }
 * }</pre>
 */
public final class TlsDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final int offset;

  /**
   * @param field the field being decoded, e.g. {@code "ClientHello.cipher_suites"}
   * @param offset the byte offset in the decoded input where the problem is
   * @param problem what is wrong, e.g. {@code "length 7 is odd"}
   */
  public TlsDecodeException(String field, int offset, String problem) {
    super(requireNonNull(field, "field") + ": " + requireNonNull(problem, "problem") + " at offset " + offset);
    this.field = field;
    this.offset = offset;
  }

  /** The field being decoded, e.g. {@code "ClientHello.cipher_suites"}. */
  public String field() {
    return field;
  }

  /** The byte offset from the start of the decoded input. */
  public int offset() {
    return offset;
  }
}
