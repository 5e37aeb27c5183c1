package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.cert.Certificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class DemoServerTest {

  @Test
  void answersAnHttpsRequestFromAClientThatTrustsOnlyItsCa() throws Exception {
    try (DemoServer demo = DemoServer.start()) {
      // given: a client trusting the demo CA alone, checking the host name, offering ALPN
      SSLContext client = Certificates.sslContext(null, demo.ca().certificate());
      try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(demo.host(), demo.port())) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(5_000);

        // when
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // then
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n" + DemoServer.BODY);
        assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
        X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        assertThat(leaf).isEqualTo(demo.certificate().certificate());
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(demo.ca().certificate().getSubjectX500Principal());
      }
    }
  }

  @Test
  void closeStopsTheThreadAndFreesThePortPromptly() throws Exception {
    // given
    DemoServer demo = DemoServer.start();
    int port = demo.port();
    Socket idle = new Socket(demo.host(), port); // a client that connects and never says a word

    // when
    long start = System.nanoTime();
    demo.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // then
    idle.close();
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals(DemoServer.THREAD_NAME) && t.isAlive());
    assertThat(refuses(demo.host(), port)).as("nothing listens on %d any more", port).isTrue();
  }

  @Test
  void startedWithProtocolVersionsAcceptsThoseAlone() throws Exception {
    try (DemoServer demo = DemoServer.start(List.of("TLSv1.3"))) {
      // given: clients trusting the demo CA, one offering TLS 1.2 alone, one TLS 1.3 alone
      SSLContext client = Certificates.sslContext(null, demo.ca().certificate());

      // when / then
      assertThat(handshake(client, demo, "TLSv1.3")).isEqualTo("TLSv1.3");
      assertThatThrownBy(() -> handshake(client, demo, "TLSv1.2")).isInstanceOf(SSLException.class);
    }
  }

  private static String handshake(SSLContext client, DemoServer demo, String protocol) throws IOException {
    try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(demo.host(), demo.port())) {
      socket.setEnabledProtocols(new String[] {protocol});
      socket.setSoTimeout(5_000);
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  private static boolean refuses(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }
}
