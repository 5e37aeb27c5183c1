package io.tlsprobe.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Probes a TLS server for a JUnit Jupiter test: a parameter of type
 * {@link io.tlsprobe.report.TlsConnectionReport} receives what the server negotiated, ready for
 * {@code TlsAssertions.assertThat(report)}; a parameter of type {@link io.tlsprobe.report.ServerProfile} receives
 * everything the server accepts, from a scan of the same target made once per target and scope ({@code
 * assertThat(profile).acceptsNoProtocolBelow(TLSv1_2).acceptsNoWeakCipherSuite()}).
 *
 * <pre>{@code
 * import static io.tlsprobe.TlsProtocol.TLSv1_2;
 * import static io.tlsprobe.assertj.TlsAssertions.assertThat;
 *
 * @TlsProbe(host = "localhost", port = "${gateway.port:8443}")
 * class GatewayTlsTest {
 *   @Test
 *   void negotiatesStrongTls(TlsConnectionReport report) {
 *     assertThat(report).usesProtocolAtLeast(TLSv1_2).hasNoCompression().hasForwardSecrecy()
 *         .certificate().isValidFor("localhost").expiresAfter(Duration.ofDays(30)).hasKeyStrengthAtLeast(2048);
 *   }
 * }
 * }</pre>
 *
 * <p><b>Targets.</b> A target is where a probe connects. It is named either here, by {@link #host()} and
 * {@link #port()}, or by a field of the test class marked {@link Target @TlsProbe.Target} that the test itself
 * fills: a port, an address, a URI or a Testcontainers {@code ContainerState}. On a class, {@code @TlsProbe}
 * without {@code host} and {@code port} only switches the extension on and gives its other elements ({@code sni},
 * {@code alpn}, {@code timeout}, {@code trustStore}…) to the field targets.
 *
 * <pre>{@code
 * @TlsProbe(trustStore = "classpath:test-ca.p12", trustStorePassword = "changeit")
 * class EmbeddedServerTlsTest {
 *   @TlsProbe.Target static int port;               // probed at localhost:port, once for the class
 *
 *   @BeforeAll static void start() { port = server.start(0); }
 *
 *   @Test void trustsTheTestCa(TlsConnectionReport report) {
 *     assertThat(report).isEstablished().certificate().isTrusted();
 *   }
 * }
 * }</pre>
 *
 * <p>Several targets are told apart by {@link #name()} (fields: {@link Target#name()}, by default the field's
 * name) and {@link Named @TlsProbe.Named} on the parameter. {@code @TlsProbe} is repeatable and may be used as a
 * meta-annotation.
 *
 * <pre>{@code
 * @TlsProbe(name = "public", host = "localhost", port = "${gateway.port}")
 * @TlsProbe(name = "admin", host = "localhost", port = "${admin.port}", alpn = "h2")
 * class TwoPortsTest {
 *   @Test void both(@TlsProbe.Named("public") TlsConnectionReport pub, @TlsProbe.Named("admin") TlsConnectionReport admin) {}
 * }
 * }</pre>
 *
 * <p><b>STARTTLS.</b> {@link #startTls()} speaks a plain-text protocol first and upgrades the connection
 * (SMTP {@code STARTTLS}, IMAP, POP3 {@code STLS}, FTP {@code AUTH TLS}, LDAP, PostgreSQL, …); the report then carries
 * the {@link io.tlsprobe.report.PlainTextPhase} and, unless {@link #injectionCheck()} is {@code false}, the STARTTLS
 * command-injection check. {@link #protocol()} names the service instead: its well-known port when {@link #port()} is
 * empty, and the way TLS starts on the port ({@link ServiceProtocol#modeFor(int)}: implicit TLS on the service's
 * implicit-TLS port, its STARTTLS dialect on any other).
 *
 * <pre>{@code
 * @TlsProbe(host = "mail.internal", port = "587", startTls = StartTls.SMTP)
 * class OutboundMailTlsTest {
 *   @Test void submissionIsStrong(TlsConnectionReport report) {
 *     assertThat(report).usesProtocolAtLeast(TLSv1_2).hasForwardSecrecy();
 *   }
 * }
 *
 * @TlsProbe(host = "mail.internal", protocol = ServiceProtocol.IMAP)   // 143, IMAP STARTTLS
 * @TlsProbe(name = "imaps", host = "mail.internal", port = "993", protocol = ServiceProtocol.IMAP)  // implicit TLS
 * }</pre>
 *
 * <p><b>Capture servers.</b> {@link #server() server} turns the roles around: {@code @TlsProbe(server =
 * @ProbeServer(…))} starts an in-process server for the test, which checks a <em>client</em> library against it
 * through a {@link TlsProbeServer} parameter.
 *
 * <pre>{@code
 * @TlsProbe(server = @ProbeServer(protocol = ServiceProtocol.HTTPS))
 * class OkHttpTlsTest {
 *   @Test void okhttpNegotiatesStrongTls(TlsProbeServer server) throws IOException {
 *     OkHttpClient client = new OkHttpClient.Builder()
 *         .sslSocketFactory(server.clientSslSocketFactory(), server.clientTrustManager()).build();
 *     client.newCall(new Request.Builder().url(server.url("/").toString()).build()).execute().close();
 *     assertThat(server.awaitConnection()).usesProtocolAtLeast(TLSv1_2)
 *         .clientOffer().offersNoProtocolBelow(TLSv1_2);
 *   }
 * }
 * }</pre>
 *
 * <p><b>When probes run.</b> Each target is probed once, when a parameter first asks for it, so servers that the
 * test's own extensions or {@code @BeforeAll} methods start are up by then. Targets declared on the class and
 * static fields are probed once per test class; targets declared on a test method and instance fields once per test
 * method (the method and its {@code @BeforeEach}/{@code @AfterEach} methods share the report). A failed handshake is
 * a report with an outcome, not an error: assert on it.
 *
 * <p><b>Publishing.</b> Each report is published as a report entry {@code tlsprobe.<name>} holding
 * {@code report.summary()}, and as a JSON file {@code tlsprobe-<name>.json} (schema {@code tlsprobe.report/1}) via
 * {@code ExtensionContext.publishFile}, so build servers keep it.
 *
 * <p><b>Placeholders.</b> Every string element but {@code name} may hold {@code ${key}} or {@code ${key:default}},
 * resolved from JUnit configuration parameters ({@code junit-platform.properties}, Surefire's
 * {@code configurationParameters}, the launcher's), then system properties, then environment variables. A
 * placeholder that none of them defines and that has no default fails the test with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming it. Values of the configuration
 * parameters below may hold placeholders too ({@code tlsprobe.truststore.password.default=${TRUSTSTORE_PASSWORD}}).
 *
 * <p><b>Misuse</b> (a port that is not a number, an unknown duration, an unreadable trust store, a target field of
 * an unsupported type or still {@code null}, a parameter that matches no or several targets, {@code startTls} without
 * a port or protocol, a {@code startTls} that is not the {@code protocol}'s dialect, {@code injectionCheck = false}
 * on a direct-TLS probe, {@code server} next to {@code host}, {@code port} or another probe option, a {@code
 * TlsConnectionReport} parameter where only a server is declared) fails with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming {@code @TlsProbe}, the element and
 * what was found.
 */
@java.lang.annotation.Target({TYPE, METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@Inherited
@Repeatable(TlsProbe.List.class)
@ExtendWith(TlsProbeExtension.class)
@SuppressWarnings("exports") // the extension is package-private on purpose: only JUnit instantiates it
public @interface TlsProbe {

  /**
   * Configuration parameter with the default {@link #timeout()}, e.g. {@code tlsprobe.timeout.default=3s}. Without
   * it the probe's own defaults apply: connect 5 s, handshake 10 s, whole probe 15 s.
   */
  String DEFAULT_TIMEOUT_PROPERTY_NAME = "tlsprobe.timeout.default";

  /**
   * Configuration parameter with the default {@link #trustStore()}, {@code classpath:…} or a file path. Without it,
   * certificates are judged against the JDK's default trust store.
   */
  String DEFAULT_TRUST_STORE_PROPERTY_NAME = "tlsprobe.truststore.default";

  /** Configuration parameter with the default {@link #trustStoreType()}; without it: {@code PKCS12}. */
  String DEFAULT_TRUST_STORE_TYPE_PROPERTY_NAME = "tlsprobe.truststore.type.default";

  /**
   * Configuration parameter with the default {@link #trustStorePassword()}; without it the store is read without a
   * password. May be a placeholder, e.g. {@code ${TRUSTSTORE_PASSWORD}}.
   */
  String DEFAULT_TRUST_STORE_PASSWORD_PROPERTY_NAME = "tlsprobe.truststore.password.default";

  /**
   * Configuration parameter with the default {@link #sni()}: a host name to send as SNI, or {@code none} to send
   * none. Without it the probe follows JSSE's rule: the host, when it is a name with a dot.
   */
  String DEFAULT_SNI_PROPERTY_NAME = "tlsprobe.sni.default";

  /** The value of {@link #DEFAULT_SNI_PROPERTY_NAME} that sends no SNI. */
  String NO_SNI = "none";

  /**
   * The target's name, matched by {@link Named @TlsProbe.Named} on a parameter and used in the report entry key
   * {@code tlsprobe.<name>}. Default: {@code "default"}. On a {@code @TlsProbe} without host and port, the name of
   * the field target whose options it gives (default: every field target without options of its own).
   */
  String name() default "";

  /** The host to probe: a name or an IP literal. Default: none; with {@link #port()} it makes a target. */
  String host() default "";

  /**
   * The TCP port, 1–65535, as a string so that a placeholder can supply it: {@code "${gateway.port}"}. Default: none;
   * with {@link #host()} it makes a target.
   */
  String port() default "";

  /**
   * The SNI host name to send. Default: {@link #DEFAULT_SNI_PROPERTY_NAME}, else the host when it is a name with a dot
   * (so {@code localhost} and {@code 127.0.0.1} send none).
   */
  String sni() default "";

  /** Sends no SNI at all, whatever the host and {@link #DEFAULT_SNI_PROPERTY_NAME} say. Default: {@code false}. */
  boolean noSni() default false;

  /** The ALPN protocols to offer, in preference order, e.g. {@code {"h2", "http/1.1"}}. Default: none. */
  String[] alpn() default {};

  /**
   * The bound on connect, handshake and the whole probe: {@code "5s"}, {@code "500ms"}, {@code "2m"},
   * {@code "1.5s"} or ISO-8601 ({@code "PT5S"}). Default: {@link #DEFAULT_TIMEOUT_PROPERTY_NAME}, else connect 5 s,
   * handshake 10 s, whole probe 15 s.
   */
  String timeout() default "";

  /**
   * The trust store the certificate verdict is computed against: {@code "classpath:ca.p12"} (a resource, looked up
   * through the thread's context class loader, then the test class's) or a file path (relative to the working
   * directory). The handshake itself accepts any certificate. Default: {@link #DEFAULT_TRUST_STORE_PROPERTY_NAME},
   * else the JDK's default trust store.
   */
  String trustStore() default "";

  /**
   * The {@link #trustStore()}'s type, e.g. {@code PKCS12} or {@code JKS}. Default:
   * {@link #DEFAULT_TRUST_STORE_TYPE_PROPERTY_NAME}, else {@code PKCS12}.
   */
  String trustStoreType() default "";

  /**
   * The {@link #trustStore()}'s password. Default: {@link #DEFAULT_TRUST_STORE_PASSWORD_PROPERTY_NAME}, else none.
   */
  String trustStorePassword() default "";

  /**
   * The STARTTLS dialect to speak before the TLS handshake, e.g. {@code StartTls.SMTP}; needs a {@link #port()}
   * unless {@link #protocol()} supplies one. Default: {@link StartTls#NONE}, which means <em>not set</em>: TLS from
   * the first byte, unless {@link #protocol()} says otherwise for the port. So {@code startTls} cannot force direct TLS
   * where {@code protocol} implies an upgrade: to probe implicit TLS on a test port, leave {@code protocol} out. With
   * {@code protocol} set, {@code startTls} must be that service's dialect (it then applies on every port, the
   * implicit-TLS one included). On a {@code @TlsProbe} without host and port, it applies to the field targets.
   */
  StartTls startTls() default StartTls.NONE;

  /**
   * The service behind the target, e.g. {@code ServiceProtocol.IMAP}. When {@link #port()} is empty, the service's
   * well-known port is probed: its STARTTLS port (IMAP 143, SMTP 25, submission 587, FTP 21…), else its implicit-TLS
   * port (HTTPS 443). Unless {@link #startTls()} is set, TLS starts as {@link ServiceProtocol#modeFor(int)} says for
   * the port: implicit TLS on the service's implicit-TLS port (IMAP 993, SMTP 465…), the service's STARTTLS dialect on
   * any other (a test server on a high port speaks the classic protocol). On a {@code @TlsProbe} without host and
   * port, it applies to the field targets (with their ports). Default: {@link ServiceProtocol#NONE}, not set.
   */
  ServiceProtocol protocol() default ServiceProtocol.NONE;

  /**
   * Whether a STARTTLS probe also checks, on a second connection, that the server discards a plain-text command
   * pipelined with the upgrade command (CVE-2011-0411 and kin); the verdict is in
   * {@code report.plainTextPhase().get().injection()}. Dialects without commands to inject (LDAP, PostgreSQL, MySQL,
   * XMPP) skip it. {@code false} needs {@link #startTls()} or {@link #protocol()}. Default: {@code true}.
   */
  boolean injectionCheck() default true;

  /**
   * Starts an in-process capture server instead of probing one: a {@link TlsProbeServer} parameter receives it, the
   * test points the client under test at it and asserts on {@link TlsProbeServer#awaitConnection()}'s report (what
   * the client offered and agreed, or how it refused the certificate). One {@link ProbeServer @ProbeServer} at most;
   * for several servers, repeat {@code @TlsProbe} with a {@link #name()} each. Of the other elements only {@code name}
   * and {@link #timeout()} (the default wait of {@code awaitConnection()}) apply. Default: none, no server.
   *
   * <pre>{@code
   * @TlsProbe(server = @ProbeServer(scenario = CertificateScenario.EXPIRED))
   * class ClientRejectsExpiredTest {
   *   @Test void rejects(TlsProbeServer server) {
   *     // connect the client to server.url("/") trusting server.clientTrustManager(), expect it to fail, then:
   *     assertThat(server.awaitConnection()).wasRejectedByClient();
   *   }
   * }
   * }</pre>
   */
  ProbeServer[] server() default {};

  /**
   * Marks a field of the test class that says where to probe, once the test has started the server: an
   * {@code int}/{@code Integer} port on {@code localhost}, an {@link java.net.InetSocketAddress}, a {@link java.net.URI}
   * (port from the URI, else the scheme's: {@code https} 443, {@code ldaps} 636, {@code imaps} 993…) or a
   * Testcontainers {@code ContainerState} (probed at {@code getHost()} and {@code getMappedPort(port)}).
   *
   * <pre>{@code
   * @Testcontainers
   * @TlsProbe
   * class NginxTlsTest {
   *   @Container @TlsProbe.Target(port = 443) static GenericContainer<?> nginx = new GenericContainer<>("nginx");
   *   @Test void usesTls13(TlsConnectionReport report) { assertThat(report).usesProtocol(TLSv1_3); }
   * }
   * }</pre>
   *
   * <p>The field is read when a parameter first asks for its report: a static field once per class, an instance
   * field once per test method. Its options ({@code sni}, {@code alpn}, {@code timeout}, {@code trustStore},
   * {@code startTls}, {@code protocol}, {@code injectionCheck}…) come from a {@code @TlsProbe} without host and port
   * on the class; with {@code protocol}, the field's port decides the mode as {@link ServiceProtocol#modeFor(int)}
   * says.
   */
  @java.lang.annotation.Target(FIELD)
  @Retention(RUNTIME)
  @Documented
  @interface Target {
    /** The target's name, for {@link Named @TlsProbe.Named} and the report entry. Default: the field's name. */
    String name() default "";

    /**
     * For a {@code ContainerState} field, the container port to probe, mapped through {@code getMappedPort}; required
     * there and not allowed on other field types. Default: none.
     */
    int port() default 0;
  }

  /**
   * Chooses, on a {@code TlsConnectionReport} parameter, which target's report it receives, by the target's name.
   * Needed only when a test sees several targets.
   *
   * <pre>{@code
   * @Test void adminPortSpeaksH2(@TlsProbe.Named("admin") TlsConnectionReport report) {}
   * }</pre>
   */
  @java.lang.annotation.Target(PARAMETER)
  @Retention(RUNTIME)
  @Documented
  @interface Named {
    /** The target's name. */
    String value();
  }

  /** Holds several {@code @TlsProbe}s; written by the compiler when {@code @TlsProbe} is repeated. */
  @java.lang.annotation.Target({TYPE, METHOD, ANNOTATION_TYPE})
  @Retention(RUNTIME)
  @Documented
  @Inherited
  @ExtendWith(TlsProbeExtension.class)
  @SuppressWarnings("exports")
  @interface List {
    /** The annotations. */
    TlsProbe[] value();
  }
}
