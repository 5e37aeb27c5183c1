package io.tlsprobe.junit;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the value of a {@link TlsProbe.Target @TlsProbe.Target} field into a host and port: an {@code int} or
 * {@code Integer} port on {@code localhost}, an {@link InetSocketAddress}, a {@link URI} (its port, else its scheme's
 * TLS port), or a Testcontainers {@code ContainerState} (through {@link ContainerEndpoints}, loaded only then).
 *
 * <pre>{@code
 * FieldEndpoints.kindOf(URI.class);                                  // Optional[URI]
 * FieldEndpoints.endpoint(Kind.URI, URI.create("https://localhost/"), 0, "server", elements);  // localhost:443
 * }</pre>
 */
final class FieldEndpoints {
  static final String CONTAINER_STATE = "org.testcontainers.containers.ContainerState";
  static final String SUPPORTED_TYPES = "int, Integer, InetSocketAddress, URI or a Testcontainers ContainerState";

  /** The TLS port of each URI scheme that has one (IANA service names). */
  static final Map<String, Integer> TLS_PORTS = Map.ofEntries(
      Map.entry("https", 443), Map.entry("wss", 443), Map.entry("ldaps", 636), Map.entry("imaps", 993),
      Map.entry("pop3s", 995), Map.entry("smtps", 465), Map.entry("submissions", 465), Map.entry("ftps", 990),
      Map.entry("nntps", 563), Map.entry("ircs", 6697), Map.entry("sips", 5061), Map.entry("amqps", 5671),
      Map.entry("mqtts", 8883), Map.entry("telnets", 992), Map.entry("xmpps", 5223));

  /** The field types a target may have. */
  enum Kind { PORT, ADDRESS, URI, CONTAINER }

  private FieldEndpoints() {}

  /** What a field of {@code type} holds, or empty when no target can have that type. */
  static Optional<Kind> kindOf(Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return Optional.of(Kind.PORT);
    }
    if (InetSocketAddress.class.isAssignableFrom(type)) {
      return Optional.of(Kind.ADDRESS);
    }
    if (type == URI.class) {
      return Optional.of(Kind.URI);
    }
    return isContainer(type) ? Optional.of(Kind.CONTAINER) : Optional.empty();
  }

  /**
   * Whether {@code type} is a Testcontainers {@code ContainerState}, found without linking against Testcontainers:
   * false when it is not on the class path.
   */
  static boolean isContainer(Class<?> type) {
    return containerState(type).isPresent();
  }

  /** The {@code ContainerState} interface as {@code type}'s class loader sees it, when {@code type} is one. */
  private static Optional<Class<?>> containerState(Class<?> type) {
    for (ClassLoader loader : new ClassLoader[] {type.getClassLoader(), FieldEndpoints.class.getClassLoader()}) {
      try {
        Class<?> state = Class.forName(CONTAINER_STATE, false, loader);
        if (state.isAssignableFrom(type)) {
          return Optional.of(state);
        }
      } catch (ClassNotFoundException | LinkageError e) {
        // not there: try the next loader
      }
    }
    return Optional.empty();
  }

  /**
   * Where the field's {@code value} says to probe.
   *
   * @param containerPort the container port for {@link Kind#CONTAINER}
   * @param field the field's name, for messages
   */
  static HostPort endpoint(Kind kind, Object value, int containerPort, String field, Elements elements) {
    return switch (kind) {
      case PORT -> new HostPort("localhost", checkPort(((Number) value).intValue(), field, elements));
      case ADDRESS -> {
        InetSocketAddress address = (InetSocketAddress) value;
        yield new HostPort(address.getHostString(), checkPort(address.getPort(), field, elements));
      }
      case URI -> fromUri((URI) value, field, elements);
      case CONTAINER -> fromContainer(value, containerPort, field, elements);
    };
  }

  private static int checkPort(int port, String field, Elements elements) {
    if (port < 1 || port > 0xffff) {
      throw elements.misuse("field '" + field + "' holds " + port + ", not a port 1-65535"
          + (port == 0 ? ": start the server before the test runs" : ""));
    }
    return port;
  }

  private static HostPort fromUri(URI uri, String field, Elements elements) {
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw elements.misuse("field '" + field + "' holds '" + uri + "', which has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (uri.getPort() >= 0) {
      return new HostPort(host, checkPort(uri.getPort(), field, elements));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Integer port = TLS_PORTS.get(scheme);
    if (port == null) {
      throw elements.misuse("field '" + field + "' holds '" + uri + "', which has no port, and scheme '" + scheme
          + "' has no TLS port tlsprobe knows: write the port in the URI");
    }
    return new HostPort(host, port);
  }

  private static HostPort fromContainer(Object container, int containerPort, String field, Elements elements) {
    try {
      Class<?> state = containerState(container.getClass()).orElseThrow(
          () -> new IllegalStateException(container.getClass().getName() + " is not a ContainerState"));
      return ContainerEndpoints.endpoint(state, container, containerPort);
    } catch (RuntimeException e) {
      throw elements.misuse("field '" + field + "' has no host port for container port " + containerPort + " ("
          + e.getMessage() + "): start the container before the test runs (e.g. @Testcontainers with @Container)"
          + " and expose the port", e);
    }
  }
}
