package io.tlsprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.GenericContainer;

class FieldEndpointsTest {
  private final Elements elements = new Elements("@TlsProbe.Target on field T.f",
      new Placeholders(k -> Optional.empty(), k -> Optional.empty(), k -> Optional.empty()));

  @Test
  void supportsPortsAddressesUrisAndContainers() {
    assertThat(FieldEndpoints.kindOf(int.class)).contains(FieldEndpoints.Kind.PORT);
    assertThat(FieldEndpoints.kindOf(Integer.class)).contains(FieldEndpoints.Kind.PORT);
    assertThat(FieldEndpoints.kindOf(InetSocketAddress.class)).contains(FieldEndpoints.Kind.ADDRESS);
    assertThat(FieldEndpoints.kindOf(URI.class)).contains(FieldEndpoints.Kind.URI);
    assertThat(FieldEndpoints.kindOf(ContainerState.class)).contains(FieldEndpoints.Kind.CONTAINER);
    assertThat(FieldEndpoints.kindOf(GenericContainer.class)).contains(FieldEndpoints.Kind.CONTAINER);
    assertThat(FieldEndpoints.kindOf(FakeContainer.class)).contains(FieldEndpoints.Kind.CONTAINER);
  }

  @Test
  void supportsNoOtherType() {
    assertThat(FieldEndpoints.kindOf(String.class)).isEmpty();
    assertThat(FieldEndpoints.kindOf(long.class)).isEmpty();
    assertThat(FieldEndpoints.kindOf(Object.class)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "https://gateway.test/, gateway.test, 443",
      "https://gateway.test:8443/health, gateway.test, 8443",
      "ldaps://directory.test, directory.test, 636",
      "IMAPS://mail.test, mail.test, 993",
      "wss://[::1]/socket, ::1, 443",
      "http://localhost:8080/, localhost, 8080"})
  void takesTheUriPortElseTheSchemesTlsPort(String uri, String host, int port) {
    assertThat(FieldEndpoints.endpoint(FieldEndpoints.Kind.URI, URI.create(uri), 0, "f", elements))
        .isEqualTo(new HostPort(host, port));
  }

  @Test
  void takesAnUnresolvedAddressAsWritten() {
    InetSocketAddress address = InetSocketAddress.createUnresolved("gateway.test", 8443);
    assertThat(FieldEndpoints.endpoint(FieldEndpoints.Kind.ADDRESS, address, 0, "f", elements))
        .isEqualTo(new HostPort("gateway.test", 8443));
  }

  @Test
  void probesAPortOnLocalhost() {
    assertThat(FieldEndpoints.endpoint(FieldEndpoints.Kind.PORT, 8443, 0, "f", elements))
        .isEqualTo(new HostPort("localhost", 8443));
  }

  @Test
  void readsAContainersHostAndMappedPort() {
    FakeContainer container = new FakeContainer("docker.test", Map.of(8443, 32768));
    assertThat(FieldEndpoints.endpoint(FieldEndpoints.Kind.CONTAINER, container, 8443, "f", elements))
        .isEqualTo(new HostPort("docker.test", 32768));
  }

  @Test
  void seesNoContainerWhenTestcontainersIsAbsent() throws Exception {
    // given: tlsprobe and JUnit in a class loader that cannot see Testcontainers (nor this test's classes)
    URL[] path = {
        locationOf(FieldEndpoints.class),
        locationOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class),
        locationOf(org.junit.platform.commons.JUnitException.class)};
    try (URLClassLoader withoutTestcontainers = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      assertThat(withoutTestcontainers.getResource("org/testcontainers/containers/ContainerState.class")).isNull();
      Class<?> isolated = Class.forName(FieldEndpoints.class.getName(), true, withoutTestcontainers);
      Method isContainer = isolated.getDeclaredMethod("isContainer", Class.class);
      isContainer.setAccessible(true);

      // when / then: no error, and no type is a container
      assertThat(isContainer.invoke(null, Object.class)).isEqualTo(false);
      assertThat(isContainer.invoke(null, Runnable.class)).isEqualTo(false);
    }
  }

  private static URL locationOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
  }
}
