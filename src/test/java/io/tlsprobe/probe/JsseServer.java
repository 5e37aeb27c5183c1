package io.tlsprobe.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * An in-process JSSE server on 127.0.0.1 and an ephemeral port, with its own {@link SSLContext}: chosen protocols,
 * suites, ALPN and client authentication. Every connection's handshake, as the server saw it, is queued for
 * {@link #takeHandshake(Duration)}: the oracle for what was negotiated.
 *
 * <pre>{@code
 * try (JsseServer server = JsseServer.builder(identity).protocols("TLSv1.2").start()) {
 *   TlsConnectionReport report = TlsProbes.probe("127.0.0.1", server.port());
 *   ServerSide seen = server.takeHandshake(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
final class JsseServer implements AutoCloseable {

  /**
   * One handshake seen from the server.
   *
   * @param protocol the protocol, or null when the handshake failed
   * @param cipherSuite the suite, or null
   * @param applicationProtocol the ALPN protocol, or null
   * @param serverNames the SNI host names the client sent
   * @param failure the server's exception, or null
   */
  record ServerSide(@Nullable String protocol, @Nullable String cipherSuite, @Nullable String applicationProtocol,
      List<String> serverNames, @Nullable Exception failure) {}

  private final SSLServerSocket serverSocket;
  private final Thread acceptor;
  private final LinkedBlockingQueue<ServerSide> handshakes = new LinkedBlockingQueue<>();

  private JsseServer(SSLServerSocket serverSocket) {
    this.serverSocket = serverSocket;
    this.acceptor = new Thread(this::acceptLoop, "jsse-test-server-" + serverSocket.getLocalPort());
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  static Builder builder(TestCertificates.Identity identity) {
    return new Builder(identity);
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  /** The next handshake the server saw, waiting at most {@code timeout}. */
  ServerSide takeHandshake(Duration timeout) throws InterruptedException {
    ServerSide side = handshakes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (side == null) {
      throw new AssertionError("the server saw no handshake within " + timeout);
    }
    return side;
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
        socket.setSoTimeout(5000);
        handshakes.add(serve(socket));
      } catch (IOException e) {
        if (serverSocket.isClosed()) {
          return;
        }
      }
    }
  }

  private static ServerSide serve(SSLSocket socket) {
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
      ServerSide side = new ServerSide(session.getProtocol(), session.getCipherSuite(),
          socket.getApplicationProtocol(), names, null);
      drain(socket.getInputStream());
      return side;
    } catch (IOException | RuntimeException e) {
      return new ServerSide(null, null, null, List.of(), e);
    }
  }

  /** Reads until the client closes, so the client's close_notify is consumed. */
  private static void drain(InputStream in) {
    try {
      byte[] buffer = new byte[1024];
      while (in.read(buffer) >= 0) {
        // discard
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing
    }
    acceptor.join(5000);
  }

  /** Server settings; the defaults are JSSE's. */
  static final class Builder {
    private final TestCertificates.Identity identity;
    private String @Nullable [] protocols;
    private String @Nullable [] cipherSuites;
    private String @Nullable [] alpn;
    private @Nullable KeyStore clientTrust;

    private Builder(TestCertificates.Identity identity) {
      this.identity = identity;
    }

    Builder protocols(String... protocols) {
      this.protocols = protocols;
      return this;
    }

    Builder cipherSuites(String... suites) {
      this.cipherSuites = suites;
      return this;
    }

    Builder alpn(String... protocols) {
      this.alpn = protocols;
      return this;
    }

    /** Requires a client certificate that chains to these anchors. */
    Builder needClientAuth(KeyStore trust) {
      this.clientTrust = trust;
      return this;
    }

    JsseServer start() throws IOException, GeneralSecurityException {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManagerFactory tmf = null;
      if (clientTrust != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(clientTrust);
      }
      context.init(identity.keyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
          .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
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
      params.setNeedClientAuth(clientTrust != null);
      socket.setSSLParameters(params);
      return new JsseServer(socket);
    }
  }
}
