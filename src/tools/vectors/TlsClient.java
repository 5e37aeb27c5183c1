import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A JSSE client for src/tools/vectors/capture.sh: opens one SSLSocket from the JVM's default SSLSocketFactory to
 * 127.0.0.1:PORT, so the ClientHello on the wire is that JDK's default one, changed only through SSLParameters.
 *
 * <pre>
 * java TlsClient.java PORT [--protocols TLSv1.2,...] [--sni NAME] [--alpn h2,http/1.1]
 * </pre>
 *
 * The handshake is expected to fail (the server's certificate is self-signed): only the ClientHello matters.
 */
public final class TlsClient {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    List<String> protocols = null;
    String sni = null;
    List<String> alpn = null;
    for (int i = 1; i < args.length; i += 2) {
      switch (args[i]) {
        case "--protocols" -> protocols = List.of(args[i + 1].split(","));
        case "--sni" -> sni = args[i + 1];
        case "--alpn" -> alpn = List.of(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    plain.setSoTimeout(5_000);
    try (SSLSocket socket = (SSLSocket) factory.createSocket(plain, "127.0.0.1", port, true)) {
      SSLParameters parameters = socket.getSSLParameters();
      if (protocols != null) {
        parameters.setProtocols(protocols.toArray(String[]::new));
      }
      if (sni != null) {
        parameters.setServerNames(new ArrayList<>(List.of(new SNIHostName(sni))));
      }
      if (alpn != null) {
        parameters.setApplicationProtocols(alpn.toArray(String[]::new));
      }
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      System.out.println("handshake done: " + socket.getSession().getProtocol());
    } catch (Exception e) {
      System.out.println("handshake ended: " + e);
    }
  }
}
