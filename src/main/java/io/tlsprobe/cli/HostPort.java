package io.tlsprobe.cli;

import static java.util.Objects.requireNonNull;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A probe target as the command line takes it: {@code host:port}, {@code [v6]:port}, or a host alone (port 443).
 *
 * <pre>{@code
 * HostPort.parse("example.test:8443");  // example.test, 8443
 * HostPort.parse("[::1]:443");          // ::1, 443
 * HostPort.parse("::1");                // ::1, 443 (an unbracketed IPv6 literal has no port)
 * HostPort.parse("localhost");          // localhost, 443, portGiven false
 * }</pre>
 *
 * @param host a host name or an IP literal, without brackets
 * @param port the TCP port, 1–65535 ({@link #DEFAULT_PORT} when the text named none)
 * @param portGiven whether the text named the port, so {@code --protocol} may choose it instead
 */
record HostPort(String host, int port, boolean portGiven) {
  /** The port used when the target names none. */
  static final int DEFAULT_PORT = 443;

  HostPort {
    requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 0xffff) {
      throw new IllegalArgumentException("port must be 1-65535: " + port);
    }
  }

  /** A target whose port was written out. */
  HostPort(String host, int port) {
    this(host, port, true);
  }

  /** This host at {@code port}, as if written out. */
  HostPort withPort(int port) {
    return new HostPort(host, port, true);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  static HostPort parse(String text) {
    requireNonNull(text, "text");
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("target is empty: expected HOST:PORT");
    }
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("target '" + text + "': missing ']' after the IPv6 address");
      }
      String host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (host.isEmpty()) {
        throw new IllegalArgumentException("target '" + text + "': empty IPv6 address in brackets");
      }
      if (rest.isEmpty()) {
        return new HostPort(host, DEFAULT_PORT, false);
      }
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException("target '" + text + "': expected ':PORT' after ']'");
      }
      return new HostPort(host, port(rest.substring(1), text));
    }
    int first = t.indexOf(':');
    if (first < 0) {
      return new HostPort(t, DEFAULT_PORT, false);
    }
    if (t.indexOf(':', first + 1) >= 0) {
      return new HostPort(t, DEFAULT_PORT, false); // an IPv6 literal without brackets: no port can follow it
    }
    if (first == 0) {
      throw new IllegalArgumentException("target '" + text + "': no host before ':'");
    }
    return new HostPort(t.substring(0, first), port(t.substring(first + 1), text));
  }

  private static int port(String digits, String text) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("target '" + text + "': port '" + digits + "' is not a number 1-65535");
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 0xffff) {
      throw new IllegalArgumentException("target '" + text + "': port " + port + " is not in 1-65535");
    }
    return port;
  }

  /** {@code host:port}, {@code [v6]:port} for an IPv6 literal. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** Lets picocli turn the positional argument into a {@link HostPort}, a bad one into a usage error. */
  static final class Converter implements ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
