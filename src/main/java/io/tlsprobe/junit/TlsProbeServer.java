package io.tlsprobe.junit;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.ClientTrust;
import io.tlsprobe.cert.ServerIdentity;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.TlsCaptureServer;
import io.tlsprobe.starttls.ServiceProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The capture server of a {@link ProbeServer @ProbeServer}, as one test sees it: point the client under test at
 * {@link #url(String)} or {@link #port()} with {@link #clientSslSocketFactory()} and {@link #clientTrustManager()}
 * (or {@link #clientSslContext()}, or the files of {@link #clientTrust()}), then assert on {@link
 * #awaitConnection()}'s report, seen from the server side.
 *
 * <pre>{@code
 * import static io.tlsprobe.TlsProtocol.TLSv1_2;
 * import static io.tlsprobe.assertj.TlsAssertions.assertThat;
 *
 * @TlsProbe(server = @ProbeServer)
 * class JdkHttpClientTlsTest {
 *   @Test void negotiatesStrongTls(TlsProbeServer server) throws Exception {
 *     HttpClient client = HttpClient.newBuilder().sslContext(server.clientSslContext()).build();
 *     client.send(HttpRequest.newBuilder(server.url("/")).build(), BodyHandlers.discarding());
 *     assertThat(server.awaitConnection()).wasAcceptedByClient().usesProtocolAtLeast(TLSv1_2)
 *         .clientOffer().offersNoProtocolBelow(TLSv1_2);
 *   }
 * }
 * }</pre>
 *
 * <p><b>One test's connections.</b> A server declared on a test class serves all its tests, but each test sees only
 * the connections recorded after it started (before its {@code @BeforeEach} methods): {@link #awaitConnection()}
 * skips reports an earlier test left untaken, and {@link #connections()} lists this test's alone. A {@code
 * TlsProbeServer} received by a {@code @BeforeAll} or {@code @AfterAll} method or a {@code PER_CLASS} constructor sees
 * every connection since the server started. A client of an earlier test whose handshake ends after the next test started is counted in
 * the next test; tests that share a class's server and run concurrently take each other's reports (give each a
 * method-level {@code @ProbeServer}).
 *
 * <p>With a plain-text {@link ProbeServer#protocol()} (SMTP…), connect to {@link #uri()} instead; a report then
 * exists once the client's session ended and carries its {@code plainTextPhase()}.
 *
 * <p>Each report {@link #awaitConnection()} returns is published like a probe's: a report entry {@code
 * tlsprobe.<name>} with its summary and a file {@code tlsprobe-<name>.json} (the second report of a test as {@code
 * <name>-2}, and so on).
 */
public final class TlsProbeServer {
  private final ServerHandle handle;
  private final ExtensionContext context;
  private final Set<TlsConnectionReport> earlier;
  private final AtomicInteger published = new AtomicInteger();

  /**
   * A view for {@code context}: a test method's sees the connections from now on, a class-level one (for
   * {@code @BeforeAll}, {@code @AfterAll}, a {@code PER_CLASS} constructor) every connection since the server started.
   */
  TlsProbeServer(ServerHandle handle, ExtensionContext context) {
    this.handle = requireNonNull(handle, "handle");
    this.context = requireNonNull(context, "context");
    Set<TlsConnectionReport> before = Collections.newSetFromMap(new IdentityHashMap<>());
    if (context.getTestMethod().isPresent()) {
      before.addAll(handle.server().connections());
    }
    this.earlier = Collections.unmodifiableSet(before);
  }

  /** The name of the declaring {@code @TlsProbe} ({@code "default"} when it has none). */
  public String name() {
    return handle.target().name();
  }

  /** The loopback port the server listens on (127.0.0.1). */
  public int port() {
    return handle.server().port();
  }

  /**
   * {@code https://localhost:<port><path>}; {@code path} must start with {@code /}.
   *
   * @throws IllegalStateException when the server does not serve HTTPS: use {@link #uri()}
   */
  public URI url(String path) {
    return handle.server().url(path);
  }

  /**
   * Where clients connect, its scheme naming the protocol and how TLS starts: {@code https://localhost:40123},
   * {@code smtp://localhost:40123} (STARTTLS), {@code smtps://localhost:40123} (implicit TLS)…
   */
  public URI uri() {
    return handle.server().uri();
  }

  /** What the server speaks: {@link ProbeServer#protocol()}. */
  public ServiceProtocol protocol() {
    return handle.server().protocol();
  }

  /** What the server presents: the {@link ProbeServer#scenario() scenario}'s certificate chain for localhost. */
  public ServerIdentity identity() {
    return handle.server().identity();
  }

  /** A fresh client {@link SSLContext} trusting exactly this server's test authority (none of the JDK's roots). */
  public SSLContext clientSslContext() {
    return handle.server().clientSslContext();
  }

  /** {@link #clientSslContext()}'s socket factory, for libraries that take one with {@link #clientTrustManager()}. */
  public SSLSocketFactory clientSslSocketFactory() {
    return handle.server().clientSslSocketFactory();
  }

  /** A trust manager trusting exactly this server's test authority. */
  public X509TrustManager clientTrustManager() {
    return handle.server().clientTrustManager();
  }

  /**
   * What a client is given, also as files ({@code pemFile()} for {@code curl --cacert}, {@code pkcs12File()} for a
   * child JVM), deleted when the server closes.
   */
  public ClientTrust clientTrust() {
    return handle.server().clientTrust();
  }

  /**
   * The next report of this test not yet taken, waiting up to the {@code @TlsProbe}'s {@code timeout} (else its
   * configuration default {@value TlsProbe#DEFAULT_TIMEOUT_PROPERTY_NAME}, else 10 s). A report exists once the
   * client's handshake ended, completed or not.
   *
   * @throws IllegalStateException when no client connected in time
   */
  public TlsConnectionReport awaitConnection() {
    return awaitConnection(handle.awaitTimeout());
  }

  /**
   * The next report of this test not yet taken, waiting up to {@code timeout}.
   *
   * @throws IllegalStateException when no client connected in time
   */
  public TlsConnectionReport awaitConnection(Duration timeout) {
    requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      TlsConnectionReport report;
      try {
        report = handle.server().awaitConnection(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      } catch (IllegalStateException e) {
        if (e.getCause() instanceof InterruptedException) {
          throw e;
        }
        throw new IllegalStateException("no client connection within " + timeout.toMillis() + " ms: "
            + connections().size() + " since this test started, all taken already (" + earlier.size()
            + " before it), by " + this + ": point the client at " + uri());
      }
      if (!earlier.contains(report)) {
        int n = published.incrementAndGet();
        Publication.publish(context, n == 1 ? name() : name() + "-" + n, report);
        return report;
      }
    }
  }

  /** Every report recorded since this test started (at most the server's last 1000), oldest first. */
  public List<TlsConnectionReport> connections() {
    return handle.server().connections().stream().filter(r -> !earlier.contains(r)).toList();
  }

  /**
   * The server itself, shared by every test of its scope: its {@code awaitConnection} and {@code connections} see
   * every test's connections.
   */
  public TlsCaptureServer captureServer() {
    return handle.server();
  }

  /** {@code TlsProbeServer['default', 127.0.0.1:40123, EXPIRED for localhost: …, 2 connections in this test]}. */
  @Override
  public String toString() {
    return "TlsProbeServer['" + name() + "', 127.0.0.1:" + port() + ", " + identity() + ", " + connections().size()
        + " connection" + (connections().size() == 1 ? "" : "s") + " in this test]";
  }
}
