package io.tlsprobe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Reads the bytes to decode from a file or standard input, as hex text or raw binary.
 *
 * <p>Hex may contain white space, colons and {@code 0x} prefixes (as Wireshark's "copy as hex stream" and tshark's
 * {@code tcp.payload} field produce) and {@code #} comment lines. Anything else is taken as binary.
 */
final class InputBytes {
  /** The most bytes accepted from one input, so a mistaken file cannot exhaust memory. */
  static final int MAX_INPUT_BYTES = 16 * 1024 * 1024;

  /** How the input is read. */
  enum Format {
    AUTO,
    HEX,
    BINARY
  }

  private InputBytes() {}

  static byte[] read(Path file) throws IOException {
    if (Files.size(file) > MAX_INPUT_BYTES) {
      throw new BadInputException("input: " + file + " is larger than " + MAX_INPUT_BYTES + " bytes");
    }
    return Files.readAllBytes(file);
  }

  static byte[] read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new BadInputException("input: standard input is larger than " + MAX_INPUT_BYTES + " bytes");
    }
    return bytes;
  }

  /** The TLS bytes the raw input holds, in the given format. */
  static byte[] toTlsBytes(byte[] raw, Format format) {
    return switch (format) {
      case BINARY -> raw;
      case HEX -> parseHex(raw);
      case AUTO -> looksLikeHex(raw) ? parseHex(raw) : raw;
    };
  }

  static boolean looksLikeHex(byte[] raw) {
    boolean digits = false;
    boolean comment = false;
    for (byte b : raw) {
      char c = (char) (b & 0xff);
      if (comment) {
        comment = c != '\n';
      } else if (c == '#') {
        comment = true;
      } else if (Character.digit(c, 16) >= 0) {
        digits = true;
      } else if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':' || c == 'x' || c == 'X')) {
        return false;
      }
    }
    return digits;
  }

  private static byte[] parseHex(byte[] raw) {
    StringBuilder digits = new StringBuilder(raw.length);
    boolean comment = false;
    for (int i = 0; i < raw.length; i++) {
      char c = (char) (raw[i] & 0xff);
      if (comment) {
        comment = c != '\n';
      } else if (c == '#') {
        comment = true;
      } else if ((c == 'x' || c == 'X') && i > 0 && raw[i - 1] == '0' && endsWithZero(digits)) {
        digits.setLength(digits.length() - 1); // a "0x" prefix
      } else if (Character.digit(c, 16) >= 0) {
        digits.append(c);
      } else if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':')) {
        throw new BadInputException("input: not hex: character '" + c + "' at offset " + i);
      }
    }
    if (digits.length() % 2 != 0) {
      throw new BadInputException("input: odd number of hex digits (" + digits.length() + ")");
    }
    return HexFormat.of().parseHex(digits);
  }

  private static boolean endsWithZero(StringBuilder digits) {
    return digits.length() > 0 && digits.charAt(digits.length() - 1) == '0' && digits.length() % 2 == 1;
  }

  /** An input problem worth one line on standard error and exit code 2. */
  static final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
      super(message);
    }
  }
}
