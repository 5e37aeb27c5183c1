package io.tlsprobe.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** A socket factory whose sockets enable only the given protocols: a client limited to TLS 1.2, for tests. */
final class ProtocolLimitedFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final String[] protocols;

  ProtocolLimitedFactory(SSLSocketFactory delegate, String... protocols) {
    this.delegate = delegate;
    this.protocols = protocols.clone();
  }

  private Socket limit(Socket socket) {
    ((SSLSocket) socket).setEnabledProtocols(protocols);
    return socket;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return limit(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return limit(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return limit(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return limit(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return limit(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return limit(delegate.createSocket(address, port, localAddress, localPort));
  }
}
