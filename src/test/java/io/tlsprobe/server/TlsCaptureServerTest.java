package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.ServerIdentity;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.ReportJson;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.ClientHelloVectors;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.TlsDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TlsCaptureServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TlsCaptureServer server;

  @BeforeEach
  void startServer() {
    server = TlsCaptureServer.builder().build().start();
  }

  @AfterEach
  void closeServer() {
    server.close();
  }

  @Test
  void recordsWhatTheJdkHttpClientOfferedAndAgreedAsItsSessionSays() throws Exception {
    // given a JDK HttpClient trusting only the server's CA
    HttpClient client = HttpClient.newBuilder().sslContext(server.clientSslContext()).build();

    // when it fetches a page
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(server.url("/hello")).build(), HttpResponse.BodyHandlers.ofString());
    TlsConnectionReport report = server.awaitConnection(WAIT);

    // then the client finished without error and the report agrees with the client's session
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    SSLSession session = response.sslSession().orElseThrow();
    assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
    assertThat(report.protocol().map(TlsProtocol::jsseName)).contains(session.getProtocol());
    assertThat(report.cipherSuite().map(CipherSuite::name)).contains(session.getCipherSuite());
    assertThat(report.group()).isPresent();
    assertThat(report.applicationProtocol()).contains("http/1.1");
    ClientOffer offer = report.clientOffer().orElseThrow();
    assertThat(offer.serverName()).contains("localhost");
    assertThat(offer.alpn()).containsExactly("h2", "http/1.1");
    assertThat(offer.versions()).contains(TlsProtocol.TLSv1_3, TlsProtocol.TLSv1_2);
    assertThat(offer.cipherSuites().stream().map(CipherSuite::name)).contains(session.getCipherSuite());
    assertThat(offer.ja4()).startsWith("t13d");
    assertThat(report.endpoint().host()).isEqualTo("127.0.0.1");
    assertThat(report.endpoint().serverName()).contains("localhost");
    assertThat(report.endpoint().connection()).isEqualTo("direct");
    assertThat(response.body()).contains("established");
  }

  @Test
  void recordsWhatHttpsUrlConnectionAgreedAsTheConnectionSays() throws Exception {
    // given an HttpsURLConnection with the server's socket factory, restricted to TLS 1.2
    HttpsURLConnection connection = (HttpsURLConnection) server.url("/").toURL().openConnection();
    connection.setSSLSocketFactory(new ProtocolLimitedFactory(server.clientSslSocketFactory(), "TLSv1.2"));

    // when
    int status = connection.getResponseCode();
    String suite = connection.getCipherSuite();
    connection.getInputStream().readAllBytes();
    connection.disconnect();
    TlsConnectionReport report = server.awaitConnection(WAIT);

    // then
    assertThat(status).isEqualTo(HttpURLConnection.HTTP_OK);
    assertThat(report.outcome().isEstablished()).as(report.summary()).isTrue();
    assertThat(report.protocol()).contains(TlsProtocol.TLSv1_2);
    assertThat(report.cipherSuite().map(CipherSuite::name)).contains(suite);
    assertThat(report.group()).as("the ECDHE curve of our ServerKeyExchange").isPresent();
    assertThat(report.clientOffer().orElseThrow().versions()).containsExactly(TlsProtocol.TLSv1_2);
    assertThat(report.serverHello()).isPresent();
  }

  @Test
  void clientThatDistrustsTheServerIsReportedAsRejectingItWithItsAlert() throws Exception {
    // given an HttpsURLConnection trusting another CA only
    var otherCa = Certificates.certificate().subject("CN=Other CA").ca().build();
    HttpsURLConnection connection = (HttpsURLConnection) server.url("/").toURL().openConnection();
    connection.setSSLSocketFactory(Certificates.sslContext(null, otherCa.certificate()).getSocketFactory());

    // when
    assertThatThrownBy(connection::getResponseCode).isInstanceOf(IOException.class);
    TlsConnectionReport report = server.awaitConnection(WAIT);

    // then JSSE's client sends certificate_unknown (46), encrypted under TLS 1.3: the server's engine reads it
    assertThat(report.outcome().kind()).as(report.summary()).isEqualTo(Outcome.Kind.REJECTED_BY_PEER);
    assertThat(report.outcome().alert()).as(report.summary()).contains(AlertDescription.of(46));
    assertThat(report.outcome().reason()).isEqualTo("client sent fatal alert certificate_unknown (46)");
    assertThat(report.protocol()).as("what we chose before the client gave up").contains(TlsProtocol.TLSv1_3);
  }

  @Test
  void jdkHttpClientThatDistrustsTheServerClosesWithoutAnAlert() {
    // given a JDK HttpClient trusting another CA only
    var otherCa = Certificates.certificate().subject("CN=Other CA").ca().build();
    HttpClient client = HttpClient.newBuilder().sslContext(Certificates.sslContext(null, otherCa.certificate()))
        .build();

    // when
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(server.url("/")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    TlsConnectionReport report = server.awaitConnection(WAIT);

    // then it is a rejection; HttpClient closes the connection without flushing its alert
    assertThat(report.outcome().kind()).as(report.summary()).isEqualTo(Outcome.Kind.REJECTED_BY_PEER);
    assertThat(report.outcome().reason()).as(report.summary()).startsWith("client ");
  }

  @Test
  void refusingATls10OnlyClientIsAnAbortWithTheAlertWeSent() throws Exception {
    // given the real ClientHello of `openssl s_client -tls1` (offers only TLS 1.0, which JSSE disables)
    byte[] hello = ClientHelloVectors.captured("openssl_legacy_tls1").bytes();

    // when it is sent
    byte[] answer = sendAndReadUntilClosed(hello);
    TlsConnectionReport report = server.awaitConnection(WAIT);

    // then the server aborted, with the alert the client received
    Decoded received = TlsDecoder.decode(answer);
    assertThat(report.outcome().kind()).as(report.summary()).isEqualTo(Outcome.Kind.ABORTED_LOCALLY);
    assertThat(report.outcome().alert()).isPresent()
        .contains(AlertDescription.of(received.fatalAlert().orElseThrow().description()));
    assertThat(report.clientOffer().orElseThrow().versions()).containsExactly(TlsProtocol.TLSv1);
    assertThat(report.protocol()).isEmpty();
  }

  @Test
  void readsAClientHelloSplitOverRecordsAndSentInPieces() throws Exception {
    // given a real hello split over several records, sent a few bytes at a time
    byte[] hello = ClientHelloVectors.captured("openssl_split_records").bytes();
    ClientHello expected = TlsDecoder.decode(hello).clientHello().orElseThrow();

    // when the client sends it, reads the answer, and closes without an alert
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < hello.length; i += 7) {
        out.write(Arrays.copyOfRange(hello, i, Math.min(hello.length, i + 7)));
        out.flush();
      }
      socket.setSoTimeout(5000);
      socket.getInputStream().read(new byte[5]); // the ServerHello has started
    }
    TlsConnectionReport report = server.awaitConnection(WAIT);

    // then
    assertThat(report.clientHello()).contains(expected);
    assertThat(report.outcome().kind()).as(report.summary()).isEqualTo(Outcome.Kind.REJECTED_BY_PEER);
    assertThat(report.outcome().alert()).isEmpty();
    assertThat(report.outcome().reason()).startsWith("client closed the connection without an alert after our "
        + "ServerHello");
  }

  @Test
  void bytesThatAreNotTlsAreATransportErrorKeepingThem() throws Exception {
    // when a client speaks plain HTTP to the TLS port
    sendAndReadUntilClosed("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    TlsConnectionReport report = server.awaitConnection(WAIT);

    // then
    assertThat(report.outcome().kind()).isEqualTo(Outcome.Kind.TRANSPORT_ERROR);
    assertThat(report.outcome().transportProblem()).contains(Outcome.TransportProblem.NOT_TLS);
    assertThat(new String(report.outcome().peerBytes().toArray(), StandardCharsets.US_ASCII)).startsWith("GET / ");
    assertThat(report.clientHello()).isEmpty();
  }

  @Test
  void closeReturnsWithinASecondWithClientsHungMidHandshakeAndLeavesNoThread() throws Exception {
    // given one silent client and one that stopped in the middle of its ClientHello
    byte[] hello = ClientHelloVectors.captured("chromium_headless").bytes();
    try (Socket silent = new Socket("127.0.0.1", server.port());
        Socket halfway = new Socket("127.0.0.1", server.port())) {
      halfway.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
      awaitThreads(3); // accept + two connections

      // when
      long start = System.nanoTime();
      server.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // then
      assertThat(took).isLessThan(Duration.ofSeconds(1));
      assertThat(captureThreads()).isEmpty();
      assertThat(silent.getInputStream().read()).as("the server closed the silent client").isEqualTo(-1);
    }
  }

  @Test
  void recordsTheClientCertificateWhenOneIsRequired() throws Exception {
    // given the client-certificate scenario, and a client presenting the certificate it provides
    ServerIdentity identity = CertificateScenario.CLIENT_CERTIFICATE_REQUIRED.identity();
    HeldCertificate clientCertificate = identity.requiredClientIdentity().orElseThrow();
    try (TlsCaptureServer strict = TlsCaptureServer.builder().identity(identity).build().start()) {
      HttpsURLConnection connection = (HttpsURLConnection) strict.url("/").toURL().openConnection();
      connection.setSSLSocketFactory(strict.clientSslSocketFactory());

      // when
      int status = connection.getResponseCode();
      connection.getInputStream().readAllBytes();
      connection.disconnect();
      TlsConnectionReport report = strict.awaitConnection(WAIT);

      // then the client's chain is the report's peer certificate, verified against the client issuer
      assertThat(status).isEqualTo(HttpURLConnection.HTTP_OK);
      assertThat(report.leafCertificate()).contains(CertificateInfo.of(clientCertificate.certificate()));
      assertThat(report.verification().trusted()).isTrue();
    }
  }

  @Test
  void clientWithoutACertificateIsRefusedWhenOneIsRequired() {
    // given
    try (TlsCaptureServer strict = TlsCaptureServer.builder().needClientAuth(true).build().start()) {
      HttpClient client = HttpClient.newBuilder().sslContext(strict.clientSslContext()).build();

      // when
      assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(strict.url("/")).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
      TlsConnectionReport report = strict.awaitConnection(WAIT);

      // then our JSSE refused the handshake
      assertThat(report.outcome().kind()).as(report.summary()).isEqualTo(Outcome.Kind.ABORTED_LOCALLY);
      assertThat(report.outcome().reason()).startsWith("the server refused the client's offer: ");
      assertThat(report.certificates()).isEmpty();
    }
  }

  @Test
  void keepsEveryReportOfManyConcurrentClients() throws Exception {
    // given 40 clients at once
    int clients = 40;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        statuses.add(pool.submit(() -> {
          HttpsURLConnection connection = (HttpsURLConnection) server.url("/").toURL().openConnection();
          connection.setSSLSocketFactory(server.clientSslSocketFactory());
          int status = connection.getResponseCode();
          connection.getInputStream().readAllBytes();
          connection.disconnect();
          return status;
        }));
      }

      // when each finishes
      for (Future<Integer> status : statuses) {
        assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
      List<TlsConnectionReport> reports = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        reports.add(server.awaitConnection(WAIT));
      }

      // then every connection has its own established report
      assertThat(reports).allMatch(r -> r.outcome().isEstablished());
      assertThat(reports.stream().map(r -> r.endpoint().port()).distinct()).hasSize(clients);
      assertThat(server.connections()).hasSize(clients);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void jsonOfACapturedReportCarriesTheClientsFingerprints() throws Exception {
    // given
    HttpClient client = HttpClient.newBuilder().sslContext(server.clientSslContext()).build();
    client.send(HttpRequest.newBuilder(server.url("/")).build(), HttpResponse.BodyHandlers.discarding());
    TlsConnectionReport report = server.awaitConnection(WAIT);

    // when
    String json = ReportJson.toJson(report);

    // then
    ClientOffer offer = report.clientOffer().orElseThrow();
    assertThat(json).contains("\"ja3_hash\" : \"" + offer.ja3Hash() + "\"")
        .contains("\"ja4\" : \"" + offer.ja4() + "\"")
        .contains("\"outcome\" : \"established\"")
        .contains("\"sni\" : \"localhost\"");
  }

  @Test
  void clientThatStopsInTheMiddleOfItsHelloTimesOut() throws Exception {
    // given a server allowing 300 ms for a handshake
    byte[] hello = ClientHelloVectors.captured("chromium_headless").bytes();
    try (TlsCaptureServer impatient =
            TlsCaptureServer.builder().handshakeTimeout(Duration.ofMillis(300)).build().start();
        Socket client = new Socket("127.0.0.1", impatient.port())) {
      // when the client sends half its hello and waits
      client.getOutputStream().write(Arrays.copyOf(hello, 100));
      TlsConnectionReport report = impatient.awaitConnection(WAIT);

      // then
      assertThat(report.outcome().kind()).isEqualTo(Outcome.Kind.TRANSPORT_ERROR);
      assertThat(report.outcome().transportProblem()).contains(Outcome.TransportProblem.TIMEOUT);
      assertThat(report.outcome().reason()).isEqualTo("no whole ClientHello within 300 ms (100 bytes received)");
    }
  }

  @Test
  void clientThatGoesSilentAfterItsHelloIsAbortedWhenTheHandshakeTimeoutRunsOut() throws Exception {
    // given a server allowing 300 ms for a handshake
    byte[] hello = ClientHelloVectors.captured("chromium_headless").bytes();
    try (TlsCaptureServer impatient =
            TlsCaptureServer.builder().handshakeTimeout(Duration.ofMillis(300)).build().start();
        Socket client = new Socket("127.0.0.1", impatient.port())) {
      // when the client sends its whole hello, then nothing
      client.getOutputStream().write(hello);
      TlsConnectionReport report = impatient.awaitConnection(WAIT);

      // then we answered, waited, and gave up
      assertThat(report.outcome().kind()).as(report.summary()).isEqualTo(Outcome.Kind.ABORTED_LOCALLY);
      assertThat(report.outcome().reason())
          .matches("the client sent nothing more within the handshake timeout of 300 ms after our ServerHello "
              + "\\(\\d+ bytes sent\\)");
      assertThat(report.serverHello()).isPresent();
      assertThat(report.clientOffer().orElseThrow().sendsGrease()).isTrue();
    }
  }

  @Test
  void awaitingWithoutAClientFailsNamingTheServer() {
    assertThatThrownBy(() -> server.awaitConnection(Duration.ofMillis(50)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no client connection within 50 ms; 0 connection(s) recorded in all by "
            + "TlsCaptureServer[127.0.0.1:" + server.port());
  }

  @Test
  void keepsOnlyTheLastReportsItsLogHolds() throws Exception {
    try (TlsCaptureServer small = TlsCaptureServer.builder().logCapacity(2).build().start()) {
      for (int i = 0; i < 3; i++) {
        try (Socket s = new Socket("127.0.0.1", small.port())) {
          s.getOutputStream().write(("X" + i).getBytes(StandardCharsets.US_ASCII));
        }
        small.awaitConnection(WAIT);
      }
      List<TlsConnectionReport> kept = small.connections();
      assertThat(kept).hasSize(2);
      assertThat(kept).map(r -> r.outcome().peerBytes().get(1)).containsExactly((int) '1', (int) '2');
    }
  }

  @Test
  void lifecycleMistakesAreNamed() {
    TlsCaptureServer fresh = TlsCaptureServer.builder().build();
    assertThatThrownBy(fresh::port).isInstanceOf(IllegalStateException.class).hasMessage("call start() first");
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
        .hasMessage("start() was already called");
    assertThatThrownBy(() -> server.url("x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must start with '/': x");
  }

  private byte[] sendAndReadUntilClosed(byte[] bytes) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(bytes);
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          answer.write(buffer, 0, n);
        }
      } catch (IOException reset) {
        // the server may close with a reset: what came before is the answer
      }
      return answer.toByteArray();
    }
  }

  private void awaitThreads(int count) throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (captureThreads().size() < count && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(captureThreads()).hasSizeGreaterThanOrEqualTo(count);
  }

  private List<String> captureThreads() {
    String prefix = TlsCaptureServer.THREAD_PREFIX + server.port() + "-";
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith(prefix)).toList();
  }
}
