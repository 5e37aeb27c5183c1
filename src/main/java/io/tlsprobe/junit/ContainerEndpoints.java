package io.tlsprobe.junit;

import org.testcontainers.containers.ContainerState;

/**
 * The only class of this package that links against Testcontainers: it is loaded only after
 * {@link FieldEndpoints#isContainer(Class)} found {@code ContainerState} on the class path and assignable from a
 * field's type, so tlsprobe works without Testcontainers.
 *
 * <pre>{@code
 * HostPort where = ContainerEndpoints.endpoint(container, 8443);  // getHost(), getMappedPort(8443)
 * }</pre>
 */
final class ContainerEndpoints {
  private ContainerEndpoints() {}

  /**
   * The container's host and the host port mapped to {@code containerPort}.
   *
   * @throws RuntimeException as Testcontainers does, e.g. when the container is not started or the port not exposed
   */
  static HostPort endpoint(Object container, int containerPort) {
    ContainerState state = (ContainerState) container;
    return new HostPort(state.getHost(), state.getMappedPort(containerPort));
  }
}
