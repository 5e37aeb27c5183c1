package io.tlsprobe.server;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.ClientTrust;
import io.tlsprobe.cert.ServerIdentity;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.mockftpserver.fake.filesystem.FileSystem;

/**
 * An in-process HTTPS server that records what each client offered and agreed: point a client at it, then assert
 * on {@link #awaitConnection(Duration)}'s report, seen from the server side (the client's {@link
 * TlsConnectionReport#clientOffer() offer}, the agreed protocol, suite, group and ALPN, or how the client ended the
 * handshake: {@code rejected_by_peer} with the alert it sent, or none when it just closed).
 *
 * <pre>{@code
 * try (TlsCaptureServer server = TlsCaptureServer.builder().build().start()) {
 *   HttpClient client = HttpClient.newBuilder().sslContext(server.clientSslContext()).build();
 *   client.send(HttpRequest.newBuilder(server.url("/")).build(), BodyHandlers.ofString());
 *   TlsConnectionReport report = server.awaitConnection(Duration.ofSeconds(5));
 *   report.protocol();                                  // Optional[TLSv1_3]
 *   report.clientOffer().orElseThrow().serverName();    // Optional[localhost]
 * }
 * }</pre>
 *
 * <p>Each connection: the client's first flight is read with the codec (a ClientHello may span records; at most
 * 64 KiB, within the handshake timeout), then JSSE finishes the handshake with those bytes replayed into an {@code
 * SSLEngine}, then one HTTP/1.1 request is answered ({@code 200 OK}, a one-line summary, {@code Connection: close}).
 * ALPN offers {@code http/1.1} by default: a client offering {@code h2} and {@code http/1.1} gets HTTP/1.1, one
 * offering only {@code h2} is refused with {@code no_application_protocol} (HTTP/2 is not served).
 *
 * <p>The server binds 127.0.0.1 on an ephemeral port. {@link #close()} returns within about a second even with
 * clients hung mid-handshake, and no thread of the server outlives it.
 */
public final class TlsCaptureServer implements AutoCloseable {
  /** How the names of the server's threads start ({@code tlsprobe-capture-<port>-connection-3}). */
  public static final String THREAD_PREFIX = "tlsprobe-capture-";

  private final ServerIdentity identity;
  private final ClientTrust trust;
  private final CaptureSettings settings;
  private final CaptureLog log;
  private final int requestedPort;
  private final Object lock = new Object();
  private final Set<Socket> sockets = new HashSet<>();
  private final Set<Thread> threads = new HashSet<>();
  private @Nullable ServerSocket serverSocket;
  private boolean closed;

  private TlsCaptureServer(Builder b) {
    this.identity = b.identity != null ? b.identity : CertificateScenario.VALID.identity();
    this.trust = identity.clientTrust();
    List<String> alpn = b.applicationProtocols != null ? b.applicationProtocols
        : b.protocol == ServiceProtocol.HTTPS ? List.of("http/1.1") : List.of();
    this.settings = new CaptureSettings(identity.serverContext(), b.protocols, b.cipherSuites, alpn,
        b.needClientAuth || identity.needsClientCertificate(), b.handshakeTimeout, b.idleTimeout, b.protocol,
        b.implicitTls || b.protocol == ServiceProtocol.HTTPS, b.startTlsBehaviour,
        b.protocol == ServiceProtocol.FTP ? new FtpFront(b.ftpFileSystem) : Fronts.of(b.protocol).orElse(null));
    this.log = new CaptureLog(b.logCapacity);
    this.requestedPort = b.port;
  }

  /** A builder with the defaults each setter names. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds 127.0.0.1 on {@link Builder#port(int)} (an ephemeral port by default) and starts accepting.
   *
   * @throws IllegalStateException when already started or closed
   * @throws UncheckedIOException when the port cannot be bound, e.g. {@code cannot bind 127.0.0.1:8443: Address
   *     already in use}
   */
  public TlsCaptureServer start() {
    synchronized (lock) {
      if (serverSocket != null || closed) {
        throw new IllegalStateException(closed ? "the server is closed" : "start() was already called");
      }
      try {
        serverSocket = new ServerSocket(requestedPort, 200, InetAddress.getByName("127.0.0.1"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
      }
      ServerSocket listening = serverSocket;
      startThread("accept", () -> accept(listening));
    }
    return this;
  }

  private void accept(ServerSocket listening) {
    AtomicInteger connections = new AtomicInteger();
    while (true) {
      Socket socket;
      try {
        socket = listening.accept();
      } catch (IOException e) {
        return; // closed
      }
      synchronized (lock) {
        if (closed) {
          closeQuietly(socket);
          return;
        }
        sockets.add(socket);
        noDelay(socket);
        CaptureConnection connection = new CaptureConnection(socket, settings, this::record);
        startThread("connection-" + connections.incrementAndGet(), () -> {
          try {
            connection.run();
          } finally {
            synchronized (lock) {
              sockets.remove(socket);
            }
          }
        });
      }
    }
  }

  /** Keeps a report, unless the server is closing (then the connection ended because we closed it). */
  private void record(TlsConnectionReport report) {
    synchronized (lock) {
      if (closed) {
        return;
      }
    }
    log.add(report);
  }

  /** Starts a tracked daemon thread; called holding the lock. */
  private void startThread(String name, Runnable task) {
    Thread thread = new Thread(() -> {
      try {
        task.run();
      } finally {
        synchronized (lock) {
          threads.remove(Thread.currentThread());
        }
      }
    }, THREAD_PREFIX + (serverSocket == null ? 0 : serverSocket.getLocalPort()) + "-" + name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /**
   * How many client connections are open now: in their handshake, or being served after it. A command line that
   * stops after a number of reports waits for this to reach 0 so that its last clients finish their requests.
   */
  public int openConnections() {
    synchronized (lock) {
      return sockets.size();
    }
  }

  /** The port bound by {@link #start()}. */
  public int port() {
    synchronized (lock) {
      if (serverSocket == null) {
        throw new IllegalStateException("call start() first");
      }
      return serverSocket.getLocalPort();
    }
  }

  /**
   * {@code https://localhost:<port><path>}; {@code path} must start with {@code /}.
   *
   * @throws IllegalStateException when the server does not serve HTTPS (see {@link #uri()})
   */
  public URI url(String path) {
    requireNonNull(path, "path");
    if (settings.protocol() != ServiceProtocol.HTTPS) {
      throw new IllegalStateException("url(path) is for HTTPS; this server serves " + describeProtocol()
          + ": use uri() (" + uri() + ")");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + path);
    }
    return URI.create("https://localhost:" + port() + path);
  }

  /**
   * Where clients connect, as a URI whose scheme names the protocol and its TLS mode: {@code https://localhost:40123},
   * {@code smtp://localhost:40123} (STARTTLS), {@code smtps://…}, {@code imap://…}, {@code imaps://…}, {@code pop3://…},
   * {@code nntp://…}, {@code ftp://…}, {@code ftps://…} (implicit), {@code postgresql://…}.
   */
  public URI uri() {
    ServiceProtocol p = settings.protocol();
    String scheme = switch (p) {
      case HTTPS -> "https";
      case SUBMISSION -> "smtp";
      case POSTGRES -> "postgresql";
      default -> p.cliName();
    };
    if (p != ServiceProtocol.HTTPS && settings.implicitTls()) {
      scheme += "s";
    }
    return URI.create(scheme + "://localhost:" + port());
  }

  /** What is served: {@link ServiceProtocol#HTTPS} or a plain-text protocol. */
  public ServiceProtocol protocol() {
    return settings.protocol();
  }

  /** Whether the protocol is served inside TLS from the first byte (always so for HTTPS), not with STARTTLS. */
  public boolean implicitTls() {
    return settings.implicitTls();
  }

  /** How a STARTTLS upgrade is answered ({@link StartTlsBehaviour#UPGRADE} unless configured). */
  public StartTlsBehaviour startTlsBehaviour() {
    return settings.startTlsBehaviour();
  }

  private String describeProtocol() {
    return settings.protocol().cliName() + (settings.protocol() == ServiceProtocol.HTTPS ? ""
        : settings.implicitTls() ? " (implicit TLS)" : " (STARTTLS)");
  }

  /**
   * The next connection's report not yet taken, in arrival order, waiting up to {@code timeout}. A report is
   * published when a handshake fails; after a completed one, when the client's first HTTP request bytes arrive
   * (before the response is served), or when it closes, sends an alert or stays silent for the idle timeout instead
   * ({@link TlsConnectionReport#afterHandshake()} says which: a client that checks the host name after the handshake,
   * as OkHttp does, closes without a request). With a front (STARTTLS or implicit TLS), when the client's session
   * ends (it quit, closed, or stayed silent for the idle timeout), with the STARTTLS session's plain-text phase in
   * {@link TlsConnectionReport#plainTextPhase()} and whether the client sent anything inside TLS.
   *
   * @throws IllegalStateException when no client connected in time (the message says how many did before)
   */
  public TlsConnectionReport awaitConnection(Duration timeout) {
    requireNonNull(timeout, "timeout");
    try {
      return log.await(timeout).orElseThrow(() -> new IllegalStateException("no client connection within "
          + timeout.toMillis() + " ms; " + log.count() + " connection(s) recorded in all by " + this));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while awaiting a connection", e);
    }
  }

  /** Every report recorded so far (the last {@link Builder#logCapacity(int)}), oldest first. */
  public List<TlsConnectionReport> connections() {
    return log.all();
  }

  /** What the server presents and clients must trust. */
  public ServerIdentity identity() {
    return identity;
  }

  /**
   * A fresh client {@link SSLContext} trusting exactly this server's anchors (nothing of the JDK's defaults), and
   * presenting the identity's client certificate when its scenario requires one.
   */
  public SSLContext clientSslContext() {
    return Certificates.sslContext(identity.clientIdentity(), anchors());
  }

  /**
   * What a client is given, also on disk: {@link ClientTrust#pemFile()} and {@link ClientTrust#pkcs12File()} (both
   * deleted by {@link #close()}), for process clients such as {@code curl --cacert}.
   */
  public ClientTrust clientTrust() {
    return trust;
  }

  private X509Certificate[] anchors() {
    return identity.anchors().toArray(X509Certificate[]::new);
  }

  /** {@link #clientSslContext()}'s socket factory, for libraries that take one with {@link #clientTrustManager()}. */
  public SSLSocketFactory clientSslSocketFactory() {
    return clientSslContext().getSocketFactory();
  }

  /** A trust manager trusting exactly this server's anchors. */
  public X509TrustManager clientTrustManager() {
    return Certificates.trustManager(anchors());
  }

  /**
   * Stops accepting, closes every client connection (hung ones included) and waits up to a second for the server's
   * threads to end. Idempotent.
   */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (serverSocket != null) {
        closeQuietly(serverSocket);
      }
      sockets.forEach(TlsCaptureServer::closeQuietly);
      sockets.clear();
      running = new ArrayList<>(threads);
    }
    trust.close();
    if (settings.hasFront()) {
      settings.front().close();
    }
    long deadline = System.nanoTime() + 900_000_000L;
    for (Thread thread : running) {
      thread.interrupt();
      try {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Sends each write at once ({@code TCP_NODELAY}), as servers do: the engine writes a TLS flight record by record,
   * and with Nagle's algorithm the second write waits for the client's delayed ACK (40 ms on Linux), every handshake.
   */
  private static void noDelay(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
    } catch (IOException ignored) {
      // the client is already gone; reading its first flight will say so
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // best effort
    }
  }

  /** {@code TlsCaptureServer[127.0.0.1:40123, 3 connections, CN=localhost issued by …]}. */
  @Override
  public String toString() {
    String where;
    synchronized (lock) {
      where = closed ? "closed" : serverSocket == null ? "not started" : "127.0.0.1:" + serverSocket.getLocalPort();
    }
    return "TlsCaptureServer[" + where + ", " + describeProtocol() + ", " + log.count() + " connections, " + identity
        + "]";
  }

  /** Configures a {@link TlsCaptureServer}; every setter names its default. */
  public static final class Builder {
    private @Nullable ServerIdentity identity;
    private List<TlsProtocol> protocols = List.of();
    private List<CipherSuite> cipherSuites = List.of();
    private @Nullable List<String> applicationProtocols;
    private ServiceProtocol protocol = ServiceProtocol.HTTPS;
    private boolean implicitTls;
    private StartTlsBehaviour startTlsBehaviour = StartTlsBehaviour.UPGRADE;
    private boolean needClientAuth;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(10);
    private int logCapacity = 1000;
    private int port;
    private @Nullable FileSystem ftpFileSystem;

    private Builder() {}

    /**
     * The port to bind on 127.0.0.1: 1-65535, or 0 for an ephemeral port chosen by the system. Default: 0. A port in
     * use makes {@link TlsCaptureServer#start()} fail.
     */
    public Builder port(int port) {
      if (port < 0 || port > 0xffff) {
        throw new IllegalArgumentException("port must be 0 (ephemeral) or 1-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * What the server presents (a {@link CertificateScenario}'s identity). Default: {@link
     * CertificateScenario#VALID}{@code .identity()} (for {@code localhost}, from the run's shared test authority).
     * A scenario that requires a client certificate turns {@link #needClientAuth(boolean)} on.
     */
    public Builder identity(ServerIdentity identity) {
      this.identity = requireNonNull(identity, "identity");
      return this;
    }

    /** The versions to accept. Default: JSSE's enabled server versions (TLS 1.3 and 1.2 on current JDKs). */
    public Builder protocols(TlsProtocol... protocols) {
      this.protocols = List.of(protocols);
      return this;
    }

    /** The cipher suites to accept. Default: JSSE's enabled suites. */
    public Builder cipherSuites(CipherSuite... cipherSuites) {
      this.cipherSuites = List.of(cipherSuites);
      return this;
    }

    /**
     * ALPN protocol names in preference order; none to answer no ALPN. Default: {@code http/1.1} for HTTPS, none for
     * the other protocols (a client offering ALPN then gets no ALPN answer, rather than a refusal).
     */
    public Builder applicationProtocols(String... names) {
      this.applicationProtocols = List.of(names);
      return this;
    }

    /**
     * What is served after the handshake. Default: {@link ServiceProtocol#HTTPS}. {@link ServiceProtocol#SMTP} (and
     * {@code SUBMISSION}), {@code IMAP}, {@code POP3}, {@code NNTP}, {@code FTP} and {@code POSTGRES} are served by a
     * front speaking enough of the protocol for a client library to finish its job: in clear with a STARTTLS upgrade
     * (see {@link #startTlsBehaviour(StartTlsBehaviour)}), or with {@link #implicitTls(boolean)}; every line is
     * recorded in the report's plain-text phase.
     *
     * @throws IllegalArgumentException at {@link #build()} for a protocol without a front (the message lists them)
     */
    public Builder protocol(ServiceProtocol protocol) {
      this.protocol = requireNonNull(protocol, "protocol");
      return this;
    }

    /**
     * Whether a plain-text protocol is served inside TLS from the first byte (SMTPS, IMAPS, POP3S, NNTPS, implicit
     * FTPS) rather than upgraded with STARTTLS. Default: false. HTTPS is always implicit.
     */
    public Builder implicitTls(boolean implicitTls) {
      this.implicitTls = implicitTls;
      return this;
    }

    /**
     * How a STARTTLS upgrade is answered: honestly, or as a man in the middle would (stripped, refused, with an
     * injected response). Default: {@link StartTlsBehaviour#UPGRADE}. Only for a plain-text protocol with STARTTLS.
     */
    public Builder startTlsBehaviour(StartTlsBehaviour behaviour) {
      this.startTlsBehaviour = requireNonNull(behaviour, "behaviour");
      return this;
    }

    /** Whether a client certificate (issued under the identity's anchors) is required. Default: false. */
    public Builder needClientAuth(boolean needClientAuth) {
      this.needClientAuth = needClientAuth;
      return this;
    }

    /** How long a client has from connecting to the end of its handshake. Default: 10 s. */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /** How long a client may stay silent after the handshake. Default: 10 s. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * The MockFtpServer file system an {@link ServiceProtocol#FTP FTP} server serves: put files in it before the
     * client comes, and find what the client stored in it afterwards. Every login (any user name and password) lands
     * in its directory {@code /}, created if missing; use a {@link org.mockftpserver.fake.filesystem.UnixFakeFileSystem}.
     * Default: a fresh, empty {@code UnixFakeFileSystem}. Needs MockFtpServer ({@code org.mockftpserver:MockFtpServer},
     * an optional dependency of tlsprobe) on the class path, as serving FTP does.
     *
     * <pre>{@code
     * FileSystem files = new UnixFakeFileSystem();
     * files.add(new FileEntry("/hello.txt", "hello"));
     * TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.FTP).ftpFileSystem(files).build();
     * // … a client stores /upload.txt through the server …
     * files.exists("/upload.txt");  // true
     * }</pre>
     */
    public Builder ftpFileSystem(FileSystem fileSystem) {
      this.ftpFileSystem = requireNonNull(fileSystem, "fileSystem");
      return this;
    }

    /** How many reports {@link #connections()} keeps (the oldest are dropped). Default: 1000. */
    public Builder logCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("logCapacity must be at least 1, was " + capacity);
      }
      this.logCapacity = capacity;
      return this;
    }

    /**
     * The server, not yet started.
     *
     * @throws IllegalArgumentException when the protocol has no front, has no implicit-TLS form but {@link
     *     #implicitTls(boolean)} was asked, or a {@link StartTlsBehaviour} other than {@code UPGRADE} was asked
     *     without STARTTLS, or {@link #ftpFileSystem(FileSystem)} was given for another protocol than FTP
     * @throws IllegalStateException for FTP without MockFtpServer on the class path (the message names it)
     */
    public TlsCaptureServer build() {
      List<ServiceProtocol> supported = Fronts.supported();
      if (!supported.contains(protocol)) {
        throw new IllegalArgumentException("the capture server does not serve " + protocol.cliName()
            + "; it serves " + String.join(", ", supported.stream().map(ServiceProtocol::cliName).toList()));
      }
      if (implicitTls && protocol != ServiceProtocol.HTTPS && protocol.implicitTlsPort().isEmpty()) {
        throw new IllegalArgumentException(protocol.cliName() + " has no implicit-TLS form; serve it with STARTTLS");
      }
      if (startTlsBehaviour != StartTlsBehaviour.UPGRADE && (implicitTls || protocol == ServiceProtocol.HTTPS)) {
        throw new IllegalArgumentException("startTlsBehaviour " + startTlsBehaviour + " needs a STARTTLS protocol; "
            + (protocol == ServiceProtocol.HTTPS ? "https" : protocol.cliName() + " with implicit TLS")
            + " has no upgrade to interfere with");
      }
      if (ftpFileSystem != null && protocol != ServiceProtocol.FTP) {
        throw new IllegalArgumentException("ftpFileSystem is for ftp; this server serves " + protocol.cliName());
      }
      if (protocol == ServiceProtocol.FTP) {
        FtpFront.requireMockFtpServer();
      }
      return new TlsCaptureServer(this);
    }

    private static Duration positive(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
