package io.tlsprobe.samples;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.TlsCaptureServer;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.commons.net.ftp.FTPSClient;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Finding: Apache commons-net's {@code FTPSClient}, as shipped, does not check who it talks to. Its default trust
 * manager checks only that each certificate is within its validity dates, and endpoint checking is off: a man in the
 * middle with any self-made certificate gets the login and the files, over TLS. Give it a real trust manager and
 * {@code setEndpointCheckingEnabled(true)}: it then refuses the handshake, before sending anything.
 *
 * <p>Each test points the client at a capture server serving FTP (explicit FTPS, {@code AUTH TLS}); the server's
 * report says whether the client accepted the certificate, and its transcript records every command and each data
 * connection ({@code <data channel 1: STOR, PROT P, TLSv1.3 …>}). Serving FTP needs MockFtpServer
 * ({@code org.mockftpserver:MockFtpServer}) among the test dependencies.
 */
class CommonsNetFtpsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void ftpsClientAsShippedLogsInToAServerWhoseCertificateNobodyIssued() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.FTP)
        .identity(CertificateScenario.UNTRUSTED_ROOT.identity()).build().start()) {
      FTPSClient client = new FTPSClient("TLS", false); // no trust manager, no endpoint checking: the defaults

      client.connect("localhost", server.port());
      boolean loggedIn = client.login("alice", "secret");
      client.logout();
      client.disconnect();

      // the weakness: a certificate from an unknown root was accepted, and the password sent through it
      Assertions.assertThat(loggedIn).isTrue();
      assertThat(server.awaitConnection(WAIT)).wasAcceptedByClient().plainTextPhase().wasUpgraded();
    }
  }

  @Test
  void ftpsClientWithATrustManagerAndEndpointCheckingRefusesThatServer() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.FTP)
        .identity(CertificateScenario.UNTRUSTED_ROOT.identity()).build().start()) {
      FTPSClient client = new FTPSClient("TLS", false);
      client.setTrustManager(server.clientTrustManager()); // in production: your trust store's manager
      client.setEndpointCheckingEnabled(true);

      Assertions.assertThatThrownBy(() -> client.connect("localhost", server.port()))
          .isInstanceOf(SSLException.class);
      disconnect(client);

      assertThat(server.awaitConnection(WAIT)).wasRejectedByClient("certificate_unknown")
          .plainTextPhase().sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void storesAndRetrievesOverProtectedDataConnections() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.FTP).build().start()) {
      FTPSClient client = new FTPSClient("TLS", false);
      client.setTrustManager(server.clientTrustManager());
      client.setEndpointCheckingEnabled(true);

      client.connect("localhost", server.port());
      client.execPBSZ(0);
      client.execPROT("P"); // protect the data connections too (the default is PROT C: files in clear)
      client.login("alice", "secret");
      client.enterLocalPassiveMode();
      client.storeFile("/report.txt", new ByteArrayInputStream("quarterly".getBytes(StandardCharsets.UTF_8)));
      ByteArrayOutputStream back = new ByteArrayOutputStream();
      client.retrieveFile("/report.txt", back);
      client.logout();
      client.disconnect();

      Assertions.assertThat(back.toString(StandardCharsets.UTF_8)).isEqualTo("quarterly");
      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().usesStartTls(StartTls.FTP).usesProtocolAtLeast(TlsProtocol.TLSv1_2)
          .plainTextPhase().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("<data channel 1: STOR, PROT P, TLSv1.", "<data channel 2: RETR, PROT P, TLSv1.")
          // commons-net does not resume the control connection's TLS session on its data connections, which
          // servers requiring it (vsftpd's require_ssl_reuse) refuse
          .contains("session reused: no");
    }
  }

  private static void disconnect(FTPSClient client) {
    try {
      client.disconnect();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
