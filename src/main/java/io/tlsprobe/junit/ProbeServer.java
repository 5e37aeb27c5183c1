package io.tlsprobe.junit;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.server.StartTlsBehaviour;
import io.tlsprobe.starttls.ServiceProtocol;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;

/**
 * An in-process capture server for a JUnit test, declared as {@code @TlsProbe(server = @ProbeServer(…))}: the test
 * receives a {@link TlsProbeServer} parameter, points the client library it checks at it, and asserts on what the
 * client offered and agreed (or how it refused the {@link #scenario() certificate}).
 *
 * <pre>{@code
 * import static io.tlsprobe.TlsProtocol.TLSv1_2;
 * import static io.tlsprobe.assertj.TlsAssertions.assertThat;
 *
 * @TlsProbe(server = @ProbeServer(scenario = CertificateScenario.EXPIRED))
 * class OkHttpRejectsExpiredCertificateTest {
 *   @Test void rejectsExpiredCertificate(TlsProbeServer server) {
 *     OkHttpClient client = new OkHttpClient.Builder()
 *         .sslSocketFactory(server.clientSslSocketFactory(), server.clientTrustManager()).build();
 *     assertThatThrownBy(() -> client.newCall(new Request.Builder().url(server.url("/").toString()).build())
 *         .execute()).isInstanceOf(SSLHandshakeException.class);
 *     assertThat(server.awaitConnection()).wasRejectedByClient()
 *         .clientOffer().offersNoProtocolBelow(TLSv1_2);
 *   }
 * }
 * }</pre>
 *
 * <p><b>Lifetime.</b> A server declared on a test class starts when a parameter first asks for it and serves every
 * test of the class (and of its {@code @Nested} classes); it is closed when the class is done. A server declared on a
 * test method serves that method alone (and its {@code @BeforeEach}/{@code @AfterEach} methods). Each test sees only
 * the connections recorded after it started: see {@link TlsProbeServer}.
 *
 * <p>Only {@code name} and {@code timeout} of the enclosing {@code @TlsProbe} apply to a server ({@code timeout} is
 * the default wait of {@link TlsProbeServer#awaitConnection()}); {@code host} and {@code port} name a server to probe
 * and the other elements configure a probe, so setting them next to {@code server} is an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}.
 */
@java.lang.annotation.Target({}) // only as the value of TlsProbe.server()
@Retention(RUNTIME)
@Documented
public @interface ProbeServer {

  /**
   * The service the server speaks: {@link ServiceProtocol#HTTPS} answers one HTTP/1.1 request per connection; a
   * plain-text protocol ({@code SMTP}, {@code SUBMISSION}, and those the capture server gains fronts for) is served
   * with a STARTTLS upgrade, or inside TLS with {@link #implicitTls()}, and every plain-text line lands in the report's
   * {@code plainTextPhase()}. Connect to {@link TlsProbeServer#uri()}. A protocol the capture server does not serve is
   * an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} listing those it does. Default: {@link
   * ServiceProtocol#HTTPS}.
   */
  ServiceProtocol protocol() default ServiceProtocol.HTTPS;

  /**
   * For a plain-text protocol: {@code true} to serve it inside TLS from the first byte (SMTPS, IMAPS…), {@code false}
   * to speak it in clear first and upgrade with STARTTLS. HTTPS is always implicit TLS. Default: {@code false}.
   */
  boolean implicitTls() default false;

  /**
   * How the STARTTLS upgrade is answered: {@link StartTlsBehaviour#UPGRADE} honestly, or as a man in the middle would
   * ({@code NOT_ADVERTISED}, {@code REFUSED}, {@code INJECT_RESPONSE}). Only for a plain-text protocol without {@link
   * #implicitTls()}. Default: {@link StartTlsBehaviour#UPGRADE}.
   */
  StartTlsBehaviour startTlsBehaviour() default StartTlsBehaviour.UPGRADE;

  /** The certificate the server presents. Default: {@link CertificateScenario#VALID}, for {@code localhost}. */
  CertificateScenario scenario() default CertificateScenario.VALID;

  /**
   * The versions the server accepts. A version the JVM disables ({@code jdk.tls.disabledAlgorithms}: SSL 3.0, TLS 1.0
   * and 1.1 on current JDKs) is still refused, and each client is then reported {@code aborted_locally}: tlsprobe
   * never changes security properties. Default: none listed, JSSE's enabled server versions (TLS 1.3 and 1.2).
   */
  TlsProtocol[] protocols() default {};

  /**
   * The ALPN protocols the server agrees to, in preference order; empty to answer no ALPN. Default: {@code
   * http/1.1} for HTTPS (a client offering only {@code h2} is refused with {@code no_application_protocol}); for any
   * other {@link #protocol()} the default means none (a client offering ALPN gets no ALPN answer). Placeholders
   * ({@code ${key}}) are resolved as in {@code @TlsProbe}'s elements.
   */
  String[] applicationProtocols() default {"http/1.1"};
}
