package io.tlsprobe.testing;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.HeldCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * An in-process JSSE TLS server on 127.0.0.1 and an ephemeral port, presenting a {@link HeldCertificate}: chosen
 * protocols, suites, ALPN and client authentication. Every connection's handshake, as the server saw it (or how it
 * failed), is queued for {@link #takeHandshake(Duration)}: the oracle for what was negotiated. The server reads each
 * connection until the client leaves, so a client's close_notify is consumed.
 *
 * <pre>{@code
 * HeldCertificate leaf = Certificates.certificate().dns("localhost").ip("127.0.0.1").build();
 * try (JsseTestServer server = JsseTestServer.builder(leaf).protocols("TLSv1.2").alpn("h2").start()) {
 *   TlsConnectionReport report = TlsProbes.probe("127.0.0.1", server.port());
 *   JsseTestServer.Handshake seen = server.takeHandshake(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class JsseTestServer implements AutoCloseable {
  /** How long {@link #takeHandshake()} waits. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

  /**
   * One handshake as the server saw it.
   *
   * @param protocol the protocol, or null when the handshake failed
   * @param cipherSuite the suite, or null when the handshake failed
   * @param applicationProtocol the ALPN protocol agreed, or null when none was (or the handshake failed)
   * @param serverNames the SNI host names the client sent
   * @param failure why the handshake failed, or null
   */
  public record Handshake(@Nullable String protocol, @Nullable String cipherSuite,
      @Nullable String applicationProtocol, List<String> serverNames, @Nullable Exception failure) {
    /** Copies the names. */
    public Handshake {
      serverNames = List.copyOf(requireNonNull(serverNames, "serverNames"));
    }
  }

  private final HeldCertificate identity;
  private final SSLServerSocket serverSocket;
  private final Thread acceptor;
  private final LinkedBlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicInteger inHandshake = new AtomicInteger();

  private JsseTestServer(HeldCertificate identity, SSLServerSocket serverSocket) {
    this.identity = identity;
    this.serverSocket = serverSocket;
    this.acceptor = new Thread(this::acceptLoop, "jsse-test-server-" + serverSocket.getLocalPort());
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  /** A server presenting {@code identity} (and its intermediates); JSSE's defaults for everything else. */
  public static Builder builder(HeldCertificate identity) {
    return new Builder(identity);
  }

  /**
   * A leaf for {@code localhost}, {@code 127.0.0.1} and {@code dnsNames}, issued by a fresh CA named
   * {@code caSubject}: {@link #trustStore()} then holds that CA.
   */
  public static HeldCertificate localhostIssuedByOwnCa(String caSubject, String... dnsNames) {
    HeldCertificate ca = Certificates.certificate().subject(caSubject).ca().build();
    List<String> names = new ArrayList<>(List.of("localhost"));
    names.addAll(List.of(dnsNames));
    return Certificates.certificate()
        .subject("CN=localhost")
        .dns(names.toArray(String[]::new))
        .ip("127.0.0.1")
        .issuedBy(ca)
        .build();
  }

  /** The port it listens on. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /**
   * How many handshakes completed (failed ones do not count), whether taken or not. A handshake the server is still
   * finishing (the client may be done first) is waited for, at most {@link #DEFAULT_WAIT}.
   */
  public int handshakes() throws InterruptedException {
    long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
    while (inHandshake.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return completed.get();
  }

  /** A PKCS12 trust store holding the root of this server's certificate chain. */
  public KeyStore trustStore() {
    HeldCertificate root = identity;
    while (root.issuer() != null) {
      root = requireNonNull(root.issuer(), "issuer");
    }
    return Certificates.trustStore(root.certificate());
  }

  /** Writes {@link #trustStore()} to {@code file} under {@code password}, and returns the file. */
  public Path writeTrustStore(Path file, char[] password) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      trustStore().store(out, password);
    }
    return file;
  }

  /** The next handshake, waiting at most {@link #DEFAULT_WAIT}. */
  public Handshake takeHandshake() throws InterruptedException {
    return takeHandshake(DEFAULT_WAIT);
  }

  /** The next handshake the server saw, waiting at most {@code timeout}. */
  public Handshake takeHandshake(Duration timeout) throws InterruptedException {
    Handshake handshake = handshakes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (handshake == null) {
      throw new AssertionError("the server saw no handshake within " + timeout);
    }
    return handshake;
  }

  /**
   * Takes every handshake that arrives until none has for {@code quiet}, and counts them: the probes a fixture made,
   * once its last probe has returned.
   */
  public int takeHandshakes(Duration quiet) throws InterruptedException {
    int count = 0;
    while (handshakes.poll(quiet.toMillis(), TimeUnit.MILLISECONDS) != null) {
      count++;
    }
    return count;
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
        inHandshake.incrementAndGet();
        try {
          socket.setSoTimeout(5000);
          Handshake handshake = handshake(socket);
          if (handshake.failure() == null) {
            completed.incrementAndGet();
          }
          handshakes.add(handshake);
        } finally {
          inHandshake.decrementAndGet();
        }
        drain(socket);
      } catch (IOException e) {
        if (serverSocket.isClosed()) {
          return;
        }
      }
    }
  }

  private static Handshake handshake(SSLSocket socket) {
    try {
      socket.startHandshake();
      SSLSession session = socket.getSession();
      List<String> names = new ArrayList<>();
      if (session instanceof ExtendedSSLSession extended) {
        for (SNIServerName name : extended.getRequestedServerNames()) {
          if (name instanceof SNIHostName host) {
            names.add(host.getAsciiName());
          }
        }
      }
      String alpn = socket.getApplicationProtocol();
      return new Handshake(session.getProtocol(), session.getCipherSuite(),
          alpn == null || alpn.isEmpty() ? null : alpn, names, null);
    } catch (IOException | RuntimeException e) {
      return new Handshake(null, null, null, List.of(), e);
    }
  }

  /** Reads until the client closes, so the client's close_notify is consumed. */
  private static void drain(SSLSocket socket) {
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[1024];
      while (in.read(buffer) >= 0) {
        // discard
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  /** Stops accepting and waits (bounded) for the connection in hand to end. */
  @Override
  public void close() {
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      acceptor.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Server settings; the defaults are JSSE's. Not thread-safe; use once. */
  public static final class Builder {
    private final HeldCertificate identity;
    private String @Nullable [] protocols;
    private String @Nullable [] cipherSuites;
    private String @Nullable [] alpn;
    private X509Certificate @Nullable [] clientAnchors;
    private boolean presentRoot;

    private Builder(HeldCertificate identity) {
      this.identity = requireNonNull(identity, "identity");
    }

    /** The protocols enabled, JSSE names ({@code TLSv1.2}). Default: JSSE's. */
    public Builder protocols(String... protocols) {
      this.protocols = protocols.clone();
      return this;
    }

    /** The suites enabled, JSSE names. Default: JSSE's. */
    public Builder cipherSuites(String... suites) {
      this.cipherSuites = suites.clone();
      return this;
    }

    /** The ALPN protocols the server accepts, in its order of preference. Default: no ALPN. */
    public Builder alpn(String... protocols) {
      this.alpn = protocols.clone();
      return this;
    }

    /** Requires a client certificate that chains to {@code anchors}. Default: no client authentication. */
    public Builder needClientAuth(X509Certificate... anchors) {
      this.clientAnchors = anchors.clone();
      return this;
    }

    /**
     * Presents the self-signed root too ({@link HeldCertificate#chainWithRoot()}), as some servers do. Default: the
     * chain without the root ({@link HeldCertificate#chain()}).
     */
    public Builder presentRoot() {
      this.presentRoot = true;
      return this;
    }

    /** Binds 127.0.0.1 on an ephemeral port and starts accepting. */
    public JsseTestServer start() {
      X509Certificate[] anchors = clientAnchors == null ? new X509Certificate[0] : clientAnchors;
      SSLContext context = presentRoot ? withRoot(identity, anchors) : Certificates.sslContext(identity, anchors);
      try {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
            .createServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        SSLParameters params = socket.getSSLParameters();
        if (protocols != null) {
          params.setProtocols(protocols);
        }
        if (cipherSuites != null) {
          params.setCipherSuites(cipherSuites);
        }
        if (alpn != null) {
          params.setApplicationProtocols(alpn);
        }
        params.setNeedClientAuth(clientAnchors != null);
        socket.setSSLParameters(params);
        return new JsseTestServer(identity, socket);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start a JSSE test server", e);
      }
    }

    private static SSLContext withRoot(HeldCertificate identity, X509Certificate[] anchors) {
      try {
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        store.setKeyEntry("identity", identity.keyPair().getPrivate(), password,
            identity.chainWithRoot().toArray(new X509Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {Certificates.trustManager(anchors)}, null);
        return context;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot build a key manager", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot build an SSLContext", e);
      }
    }
  }
}
