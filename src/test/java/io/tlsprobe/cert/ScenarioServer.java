package io.tlsprobe.cert;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JSSE server on 127.0.0.1, port 0, presenting one {@link ServerIdentity} (requiring a client certificate when
 * it says so): each accepted connection is handshaken, answered with a minimal HTTP/1.0 response (body {@code K}),
 * and closed.
 */
final class ScenarioServer implements AutoCloseable {

  private final SSLServerSocket serverSocket;
  private final Thread acceptor;

  ScenarioServer(ServerIdentity identity) throws IOException {
    serverSocket =
        (SSLServerSocket) identity.serverContext().getServerSocketFactory()
            .createServerSocket(0, 16, InetAddress.getByName("127.0.0.1"));
    serverSocket.setNeedClientAuth(identity.needsClientCertificate());
    acceptor = new Thread(this::serve, "scenario-server-" + identity.scenario());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  private void serve() {
    while (!serverSocket.isClosed()) {
      try (Socket accepted = serverSocket.accept()) {
        accepted.setSoTimeout(5_000);
        SSLSocket socket = (SSLSocket) accepted;
        try {
          socket.startHandshake();
          OutputStream out = socket.getOutputStream();
          out.write("HTTP/1.0 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\nK"
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          // the client refused (or the server refused the client): the client side tells the test
        }
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // next connection
      }
    }
  }

  @Override
  public void close() throws Exception {
    serverSocket.close();
    acceptor.join(2_000);
  }
}
