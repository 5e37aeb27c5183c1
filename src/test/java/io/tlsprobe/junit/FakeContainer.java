package io.tlsprobe.junit;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.ContainerState;

/**
 * A Testcontainers {@link ContainerState} without Docker: {@code getHost()} and {@code getMappedPort(int)} answer
 * from a map, as a started container does; everything else that would call Docker fails.
 *
 * <pre>{@code
 * ContainerState container = new FakeContainer("localhost", Map.of(8443, server.port()));
 * container.getMappedPort(8443);  // the local server's port
 * }</pre>
 */
final class FakeContainer implements ContainerState {
  private final String host;
  private final Map<Integer, Integer> mappedPorts;

  FakeContainer(String host, Map<Integer, Integer> mappedPorts) {
    this.host = host;
    this.mappedPorts = Map.copyOf(mappedPorts);
  }

  @Override
  public String getHost() {
    return host;
  }

  @Override
  public Integer getMappedPort(int originalPort) {
    Integer mapped = mappedPorts.get(originalPort);
    if (mapped == null) {
      throw new IllegalArgumentException("Requested port (" + originalPort + ") is not mapped");
    }
    return mapped;
  }

  @Override
  public List<Integer> getExposedPorts() {
    return List.copyOf(mappedPorts.keySet());
  }

  @Override
  public InspectContainerResponse getContainerInfo() {
    throw new UnsupportedOperationException("no Docker here");
  }
}
