package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a connection went: host and port, the SNI name sent (if any), and how TLS started there.
 *
 * <pre>{@code
 * Endpoint.direct("localhost", 8443);                 // localhost:8443 (direct)
 * new Endpoint("mail.test", 587, Optional.of("mail.test"), "starttls:smtp");
 * }</pre>
 *
 * @param host the host name or address literal as the user gave it
 * @param port the TCP port, 0–65535
 * @param serverName the SNI host_name sent in the ClientHello, empty when none was sent
 * @param connection {@code "direct"} for TLS from the first byte, or {@code "starttls:<dialect>"} after a plain-text
 *     upgrade
 */
public record Endpoint(String host, int port, Optional<String> serverName, String connection) {
  /** TLS from the first byte. */
  public static final String DIRECT = "direct";

  public Endpoint {
    requireNonNull(host, "host");
    requireNonNull(serverName, "serverName");
    requireNonNull(connection, "connection");
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port must be 0-65535: " + port);
    }
  }

  /** A direct-TLS endpoint without SNI. */
  public static Endpoint direct(String host, int port) {
    return new Endpoint(host, port, Optional.empty(), DIRECT);
  }

  /** {@code host:port} ({@code [v6]:port} for an IPv6 literal). */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code localhost:8443 (direct, SNI example.com)}. */
  @Override
  public String toString() {
    return address() + " (" + connection + serverName.map(s -> ", SNI " + s).orElse("") + ")";
  }
}
