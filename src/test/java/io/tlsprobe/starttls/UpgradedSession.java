package io.tlsprobe.starttls;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.testing.HostilePeer;
import io.tlsprobe.testing.TestTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The client side of the STARTTLS tests: a {@link StartTlsClient} driven over a real loopback socket the way the probe
 * does. {@link #open} connects, runs the plain-text exchange, a JSSE handshake over the same socket (trusting any
 * certificate: these tests check the upgrade, not the chain), then the dialect's epilogue inside TLS;
 * {@link #close()} closes the TLS socket and the TCP one. {@link #upgrade}, {@link #upgradeAndAfterTls} and
 * {@link #failure} run the plain-text exchange alone against a {@link LineScript} peer, whose "inside TLS" is the same
 * plain socket.
 *
 * <pre>{@code
 * StartTlsClient ftp = StartTlsClient.of(StartTls.FTP, "localhost");
 * try (UpgradedSession session = UpgradedSession.open(ftp, port, Duration.ofSeconds(5))) {
 *   session.session().getProtocol();   // TLSv1.3
 * }
 * StartTlsException e = UpgradedSession.failure(StartTlsClient.of(StartTls.POP3, "localhost"), peer);
 * }</pre>
 */
final class UpgradedSession implements AutoCloseable {
  /** The client's read timeout against scripted peers. */
  static final Duration TIMEOUT = Duration.ofMillis(600);
  /** What a loaded CI machine may add to a timeout before the failure reaches the test. */
  static final Duration MARGIN = Duration.ofMillis(1500);

  private final Socket plain;
  private final SSLSocket tls;

  private UpgradedSession(Socket plain, SSLSocket tls) {
    this.plain = plain;
    this.tls = tls;
  }

  /**
   * Upgrades, handshakes and runs {@link StartTlsClient#afterTls}; the read timeout bounds every read.
   *
   * @throws StartTlsException when the plain-text phase fails (the socket is closed)
   * @throws IOException when the handshake fails (the socket is closed)
   */
  static UpgradedSession open(StartTlsClient client, int port, Duration readTimeout) throws IOException {
    Socket plain = connect(port, readTimeout);
    try {
      client.upgrade(PlainTextChannel.of(plain));
      SSLSocket tls = handshake(plain, port);
      client.afterTls(PlainTextChannel.of(tls));
      return new UpgradedSession(plain, tls);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** A TCP connection to {@code 127.0.0.1:port} with {@code readTimeout} as its {@code SO_TIMEOUT}. */
  static Socket connect(int port, Duration readTimeout) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    plain.setSoTimeout((int) readTimeout.toMillis());
    return plain;
  }

  /** A client-side JSSE handshake over {@code plain} (which stays open under the TLS socket), trusting any server. */
  static SSLSocket handshake(Socket plain, int port) throws IOException {
    return TestTls.startTls(TestTls.trustAll(), plain, "localhost", port);
  }

  /** {@link #upgrade(StartTlsClient, HostilePeer, Duration)} with {@link #TIMEOUT}. */
  static PlainTextPhase upgrade(StartTlsClient client, HostilePeer peer) throws IOException {
    return upgrade(client, peer, TIMEOUT);
  }

  /** Runs {@code client.upgrade} against {@code peer} and returns the phase. */
  static PlainTextPhase upgrade(StartTlsClient client, HostilePeer peer, Duration readTimeout) throws IOException {
    try (Socket socket = connect(peer.port(), readTimeout)) {
      client.upgrade(PlainTextChannel.of(socket));
      return client.phase();
    }
  }

  /** Runs {@code client.upgrade} and then {@code client.afterTls} over the same socket; returns the phase. */
  static PlainTextPhase upgradeAndAfterTls(StartTlsClient client, HostilePeer peer) throws IOException {
    try (Socket socket = connect(peer.port(), TIMEOUT)) {
      client.upgrade(PlainTextChannel.of(socket));
      client.afterTls(PlainTextChannel.of(socket));
      return client.phase();
    }
  }

  /** {@link #failure(StartTlsClient, HostilePeer, Duration)} with {@link #TIMEOUT}. */
  static StartTlsException failure(StartTlsClient client, HostilePeer peer) throws IOException {
    return failure(client, peer, TIMEOUT);
  }

  /** Runs {@code client.upgrade}, which must fail, and returns its exception. */
  static StartTlsException failure(StartTlsClient client, HostilePeer peer, Duration readTimeout) throws IOException {
    try (Socket socket = connect(peer.port(), readTimeout)) {
      client.upgrade(PlainTextChannel.of(socket));
    } catch (StartTlsException e) {
      return e;
    }
    throw new AssertionError("the upgrade succeeded: " + client.phase().transcriptText());
  }

  /** The negotiated session. */
  SSLSession session() {
    return tls.getSession();
  }

  @Override
  public void close() throws IOException {
    try {
      tls.close();
    } finally {
      plain.close();
    }
  }
}
