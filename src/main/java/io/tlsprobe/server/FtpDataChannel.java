package io.tlsprobe.server;

import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.ServerHello;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * One FTP data connection (RFC 959 §3.2) relayed between the client and the {@link FtpBackend}: passive (the client
 * connects to our loopback port, announced by {@code 227}/{@code 229}) or active (we connect to the loopback address
 * the client gave in {@code PORT}/{@code EPRT}); the backend always connects to a loopback port of ours, given to it
 * as {@code PORT}. Under {@code PROT P} (RFC 4217 §9) the client's side is TLS with the capture server's identity,
 * the client being the TLS client whichever side connected (RFC 4217 §7); the backend's side is always in clear.
 *
 * <p>A transfer runs on the control connection's thread, between the backend's {@code 150} and its final reply:
 * every wait is bounded by the idle timeout, an upload by {@link #MAX_TRANSFER_BYTES}.
 */
final class FtpDataChannel implements AutoCloseable {
  /** The most bytes one transfer may carry. */
  static final long MAX_TRANSFER_BYTES = 64L * 1024 * 1024;
  private static final int PRE_SHARED_KEY = 41;

  private final @Nullable ServerSocket clientListener;
  private final @Nullable InetSocketAddress clientAddress;
  private final ServerSocket backendListener;

  private FtpDataChannel(@Nullable ServerSocket clientListener, @Nullable InetSocketAddress clientAddress)
      throws IOException {
    this.clientListener = clientListener;
    this.clientAddress = clientAddress;
    this.backendListener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
  }

  /** A passive data connection: the client connects to {@link #clientPort()} on 127.0.0.1. */
  static FtpDataChannel passive() throws IOException {
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    try {
      return new FtpDataChannel(listener, null);
    } catch (IOException e) {
      listener.close();
      throw e;
    }
  }

  /** An active data connection to {@code client}, which must be a loopback address. */
  static FtpDataChannel active(InetSocketAddress client) throws IOException {
    if (!client.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("not a loopback address: " + client);
    }
    return new FtpDataChannel(null, client);
  }

  /** The passive port the client is told; -1 for an active connection. */
  int clientPort() {
    return clientListener != null ? clientListener.getLocalPort() : -1;
  }

  /** The {@code PORT} command that makes the backend connect to us. */
  String backendPortCommand() {
    int p = backendListener.getLocalPort();
    return "PORT 127,0,0,1," + (p >> 8) + "," + (p & 0xff);
  }

  /**
   * Relays one transfer, after the backend's {@code 150}.
   *
   * @param upload whether bytes flow from the client to the backend (STOR, APPE, STOU), else the other way
   * @param protect whether the client's side is TLS ({@code PROT P})
   * @param control the control connection's TLS session, to tell whether the data connection reused it; null in clear
   */
  Result transfer(boolean upload, boolean protect, CaptureSettings settings, @Nullable SSLSession control) {
    Duration idle = settings.idleTimeout();
    int timeout = (int) Math.min(Integer.MAX_VALUE, idle.toMillis());
    try (Socket backend = accept(backendListener, timeout); Socket client = connectClient(timeout)) {
      backend.setSoTimeout(timeout);
      client.setSoTimeout(timeout);
      if (!protect) {
        long bytes = upload ? pump(client.getInputStream(), backend.getOutputStream())
            : pump(backend.getInputStream(), client.getOutputStream());
        if (upload) {
          backend.shutdownOutput();
        }
        return Result.clear(bytes, upload);
      }
      return tls(client, backend, upload, settings, control);
    } catch (IOException e) {
      return Result.failed(protect, "the data connection failed: " + e.getMessage());
    }
  }

  private Result tls(Socket client, Socket backend, boolean upload, CaptureSettings settings,
      @Nullable SSLSession control) throws IOException {
    long deadline = System.nanoTime() + settings.handshakeTimeout().toNanos();
    ClientFirstFlight flight = ClientFirstFlight.read(client, deadline);
    if (flight.hello().isEmpty()) {
      int n = flight.bytes().length;
      return Result.failed(true, "the client sent no TLS ClientHello on the data connection (" + switch (flight.ending()) {
        case NOT_TLS -> "its first " + n + " bytes are not TLS";
        case TIMEOUT -> "none within the handshake timeout, " + n + " bytes";
        case CLOSED -> "it closed after " + n + " bytes";
        default -> flight.ending().name().toLowerCase(java.util.Locale.ROOT) + ", " + n + " bytes";
      } + ")");
    }
    ClientHello hello = flight.hello().get();
    EngineTransport transport = new EngineTransport(settings.newEngine(), client, flight.bytes());
    transport.deadline(deadline);
    try {
      transport.handshake();
    } catch (SSLException e) {
      transport.sendPendingAlert();
      return Result.failed(true, "TLS handshake failed: "
          + ServerSideReport.refused(e, transport.received(), transport.sent()).reason());
    } catch (EngineTransport.PeerClosed e) {
      return Result.failed(true, "TLS handshake failed: " + ServerSideReport.closedByClient(transport.received(),
          transport.sent(), "mid-handshake").reason());
    }
    transport.stopTapping();
    Optional<ServerHello> ours = ServerSideReport.decodeQuietly(transport.sent()).serverHello();
    SSLSession session = transport.engine().getSession();
    String reuse = reuse(hello, ours, session, control);
    long idle = settings.idleTimeout().toNanos();
    long bytes;
    if (upload) {
      bytes = 0;
      byte[] buffer = new byte[16 * 1024];
      OutputStream out = backend.getOutputStream();
      while (true) {
        transport.deadline(System.nanoTime() + idle);
        int n = transport.read(buffer, 0, buffer.length);
        if (n < 0) {
          break;
        }
        bytes += n;
        if (bytes > MAX_TRANSFER_BYTES) {
          throw new IOException("the client sent more than " + MAX_TRANSFER_BYTES + " bytes");
        }
        out.write(buffer, 0, n);
      }
      out.flush();
      backend.shutdownOutput();
      transport.closeOutbound();
    } else {
      bytes = 0;
      byte[] buffer = new byte[16 * 1024];
      InputStream in = backend.getInputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        bytes += n;
        transport.write(Arrays.copyOf(buffer, n));
      }
      transport.closeOutbound();
    }
    return new Result(true, Optional.of(session.getProtocol() + " " + session.getCipherSuite()), reuse, bytes,
        upload, null);
  }

  /**
   * Whether the data connection resumed a TLS session, read from the hellos: TLS 1.3 resumes when our ServerHello
   * accepts the client's {@code pre_shared_key} (RFC 8446 §4.2.11); TLS 1.2 when it echoes the client's non-empty
   * session id (RFC 5246 §7.4.1.3).
   */
  static String reuse(ClientHello hello, Optional<ServerHello> ours, SSLSession data, @Nullable SSLSession control) {
    boolean offeredPsk = hello.extension(PRE_SHARED_KEY).isPresent();
    Bytes offeredId = hello.sessionId();
    boolean tls13 = "TLSv1.3".equals(data.getProtocol());
    boolean resumed;
    if (tls13) {
      resumed = ours.map(sh -> sh.extension(PRE_SHARED_KEY).isPresent()).orElse(false);
    } else {
      resumed = offeredId.length() > 0 && ours.map(sh -> sh.sessionId().equals(offeredId)).orElse(false);
    }
    boolean controlsId = control != null && Arrays.equals(data.getId(), control.getId());
    if (resumed) {
      return "session reused: yes (" + (tls13 ? "the client's pre_shared_key was accepted"
          : "the client's session id was resumed") + (controlsId ? ", the control connection's session" : "") + ")";
    }
    String offered = tls13 ? (offeredPsk ? "the client offered a pre_shared_key that was not accepted"
        : "the client offered no pre_shared_key") : offeredId.length() == 0 ? "the client offered no session id"
        : control != null && offeredId.equals(Bytes.of(control.getId()))
            ? "the client offered the control connection's session id, not resumed"
            : "the client offered a session id not known to the server";
    return "session reused: no (" + offered + ")";
  }

  private Socket connectClient(int timeout) throws IOException {
    if (clientListener != null) {
      return accept(clientListener, timeout);
    }
    Socket socket = new Socket();
    try {
      socket.connect(java.util.Objects.requireNonNull(clientAddress), timeout);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static Socket accept(ServerSocket listener, int timeout) throws IOException {
    listener.setSoTimeout(timeout);
    try {
      return listener.accept();
    } catch (SocketTimeoutException e) {
      throw new SocketTimeoutException("no data connection within " + timeout + " ms");
    }
  }

  private static long pump(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
      if (total > MAX_TRANSFER_BYTES) {
        throw new IOException("more than " + MAX_TRANSFER_BYTES + " bytes");
      }
      out.write(buffer, 0, n);
    }
    out.flush();
    return total;
  }

  @Override
  public void close() {
    closeQuietly(clientListener);
    closeQuietly(backendListener);
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // best effort
      }
    }
  }

  /**
   * What one transfer did, for the transcript.
   *
   * @param protectedLevel whether PROT P was in force
   * @param tls the data connection's {@code protocol suite}, when its handshake completed
   * @param reuse the session-reuse sentence, empty in clear
   * @param bytes how many bytes were relayed
   * @param upload the direction
   * @param failure what went wrong, if anything
   */
  record Result(boolean protectedLevel, Optional<String> tls, String reuse, long bytes, boolean upload,
      @Nullable String failure) {
    static Result clear(long bytes, boolean upload) {
      return new Result(false, Optional.empty(), "", bytes, upload, null);
    }

    static Result failed(boolean protect, String failure) {
      return new Result(protect, Optional.empty(), "", 0, false, failure);
    }

    /** {@code PROT P, TLSv1.3 TLS_AES_256_GCM_SHA384, session reused: no (…), 12 bytes to the client}. */
    String describe() {
      StringBuilder sb = new StringBuilder(protectedLevel ? "PROT P" : "PROT C (in clear)");
      tls.ifPresent(t -> sb.append(", ").append(t));
      if (!reuse.isEmpty()) {
        sb.append(", ").append(reuse);
      }
      if (failure != null) {
        sb.append(", ").append(failure);
      } else {
        sb.append(", ").append(bytes).append(upload ? " bytes from the client" : " bytes to the client");
      }
      return sb.toString();
    }
  }
}
