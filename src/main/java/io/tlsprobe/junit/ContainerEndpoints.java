package io.tlsprobe.junit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reads a Testcontainers {@code ContainerState}'s host and mapped port. The only code of this package that touches
 * Testcontainers, and only through reflection on the {@code ContainerState} interface that
 * {@link FieldEndpoints#isContainer(Class)} found: tlsprobe neither needs Testcontainers at run time nor names its
 * jar's module (Testcontainers 2.0 declares no {@code Automatic-Module-Name}, so a {@code requires} would bind to
 * a file name).
 *
 * <pre>{@code
 * HostPort where = ContainerEndpoints.endpoint(containerStateInterface, container, 8443);
 * // container.getHost(), container.getMappedPort(8443)
 * }</pre>
 */
final class ContainerEndpoints {
  private ContainerEndpoints() {}

  /**
   * The container's {@code getHost()} and {@code getMappedPort(containerPort)}.
   *
   * @param containerState the {@code org.testcontainers.containers.ContainerState} interface
   * @throws RuntimeException what Testcontainers threw, e.g. when the container is not started or the port not
   *     exposed
   */
  static HostPort endpoint(Class<?> containerState, Object container, int containerPort) {
    Object host = invoke(containerState, "getHost", container);
    Object port = invoke(containerState, "getMappedPort", container, containerPort);
    if (!(host instanceof String h) || !(port instanceof Integer p)) {
      throw new IllegalStateException("getHost() gave " + host + " and getMappedPort(" + containerPort + ") gave "
          + port);
    }
    return new HostPort(h, p);
  }

  private static Object invoke(Class<?> type, String name, Object target, Object... args) {
    try {
      Method method = args.length == 0 ? type.getMethod(name) : type.getMethod(name, int.class);
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ContainerState." + name + " cannot be called: " + e, e);
    }
  }
}
