/**
 * JUnit Jupiter integration: {@link io.tlsprobe.junit.TlsProbe @TlsProbe} probes a TLS server and hands the test a
 * {@link io.tlsprobe.report.TlsConnectionReport} parameter, published as a report entry and a JSON file.
 *
 * <pre>{@code
 * @TlsProbe(host = "localhost", port = "${gateway.port}")
 * class GatewayTlsTest {
 *   @Test void negotiatesTls13(TlsConnectionReport report) {
 *     assertThat(report).usesProtocol(TLSv1_3);
 *   }
 * }
 * }</pre>
 *
 * <p>{@code @TlsProbe(server = @ProbeServer(…))} turns it around: an in-process capture server, handed to the test as
 * a {@link io.tlsprobe.junit.TlsProbeServer} parameter, records what the client under test offers and agrees.
 *
 * <pre>{@code
 * @TlsProbe(server = @ProbeServer(scenario = CertificateScenario.EXPIRED))
 * class ClientRejectsExpiredTest {
 *   @Test void rejects(TlsProbeServer server) {
 *     // point the client at server.url("/") with server.clientSslContext(), expect it to fail, then:
 *     assertThat(server.awaitConnection()).wasRejectedByClient();
 *   }
 * }
 * }</pre>
 *
 * <p>Only the annotations and {@code TlsProbeServer} are public; the extension is package-private. JUnit Jupiter (5.14 or 6.x) and Testcontainers
 * are optional dependencies: Testcontainers is touched only when a target field's type is a {@code ContainerState}.
 */
@NullMarked
package io.tlsprobe.junit;

import org.jspecify.annotations.NullMarked;
