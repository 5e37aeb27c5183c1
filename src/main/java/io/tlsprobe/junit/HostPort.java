package io.tlsprobe.junit;

import static java.util.Objects.requireNonNull;

/**
 * Where a target is: a host (name or IP literal, no brackets) and a port 1–65535.
 *
 * @param host the host
 * @param port the port
 */
record HostPort(String host, int port) {
  HostPort {
    requireNonNull(host, "host");
  }
}
