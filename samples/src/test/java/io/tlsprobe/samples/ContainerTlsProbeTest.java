package io.tlsprobe.samples;

import static io.tlsprobe.TlsProtocol.TLSv1_2;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;

import io.tlsprobe.junit.TlsProbe;
import io.tlsprobe.report.TlsConnectionReport;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@code @TlsProbe} on a Testcontainers container: the probe connects to the container's host and the port mapped
 * to its TLS port 8443. Like every Testcontainers test, it is skipped on a machine without a Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
@TlsProbe(timeout = "10s")
class ContainerTlsProbeTest {

  /** An HTTPS echo server that serves TLS on 8443 with a self-signed certificate out of the box. */
  @Container
  @TlsProbe.Target(port = 8443)
  static final GenericContainer<?> HTTPS_ECHO =
      new GenericContainer<>("mendhak/http-https-echo:37").withExposedPorts(8443);

  @Test
  void containerNegotiatesStrongTls(TlsConnectionReport report) {
    assertThat(report).isEstablished().usesProtocolAtLeast(TLSv1_2).hasNoCompression().hasForwardSecrecy();
  }
}
