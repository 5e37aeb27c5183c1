package io.tlsprobe.server;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPSClient;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.mockftpserver.fake.filesystem.FileEntry;
import org.mockftpserver.fake.filesystem.FileSystem;
import org.mockftpserver.fake.filesystem.UnixFakeFileSystem;

/** The FTP front, seen by Apache commons-net's FTPSClient and FTPClient. */
class FtpFrontTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void probeUpgradesThroughTheFrontAndBothSidesAgree() {
    try (TlsCaptureServer server = ftp(filesWithHello()).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.FTP).startTlsInjectionCheck(false).build());

      assertThat(probed).isEstablished().usesStartTls(StartTls.FTP).plainTextPhase().advertisedStartTls()
          .offeredAuthenticationBeforeTls();
      TlsConnectionReport upgraded = server.awaitConnection(WAIT);
      TlsConnectionReport loginCheck = server.awaitConnection(WAIT);
      if (!upgraded.outcome().isEstablished()) {
        TlsConnectionReport t = upgraded;
        upgraded = loginCheck;
        loginCheck = t;
      }
      assertThat(upgraded).isEstablished().usesStartTls(StartTls.FTP).plainTextPhase().wasUpgraded()
          .sentNoCredentialsBeforeTls().hasCapabilityBeforeTls("AUTH TLS").hasCapabilityAfterTls("PROT");
      Assertions.assertThat(upgraded.protocol()).isEqualTo(probed.protocol());
      Assertions.assertThat(upgraded.cipherSuite()).isEqualTo(probed.cipherSuite());
      Assertions.assertThat(loginCheck.plainTextPhase().orElseThrow().transcriptText())
          .contains("C: USER tlsprobe", "S: 331 User name okay, need password.", "C: QUIT");
    }
  }

  @Test
  void probesInjectionCheckPipelinesACommandThatTheFrontHandsToTls() {
    try (TlsCaptureServer server = ftp(filesWithHello()).build().start()) {
      TlsConnectionReport probed = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", server.port())
          .startTls(StartTls.FTP).build());

      assertThat(probed).isEstablished().isNotVulnerableToStartTlsInjection();
      List<TlsConnectionReport> captured = List.of(server.awaitConnection(WAIT), server.awaitConnection(WAIT),
          server.awaitConnection(WAIT));
      Assertions.assertThat(captured).filteredOn(r -> r.outcome().isEstablished()).hasSize(1);
      Assertions.assertThat(captured).anySatisfy(r -> Assertions.assertThat(r.outcome().reason())
          .contains("not a TLS ClientHello"));
    }
  }

  @Test
  void commonsNetExplicitFtpsListsStoresAndRetrievesOverProtectedDataChannels() throws Exception {
    FileSystem files = filesWithHello();
    try (TlsCaptureServer server = ftp(files).build().start()) {
      FTPSClient client = ftps(server, false);
      try {
        client.execPBSZ(0);
        client.execPROT("P");
        Assertions.assertThat(client.login("alice", "secret")).isTrue();
        client.enterLocalPassiveMode();
        client.setFileType(FTP.BINARY_FILE_TYPE);
        FTPFile[] listed = client.listFiles("/");
        Assertions.assertThat(client.storeFile("/upload.txt", stream("stored over TLS"))).isTrue();
        ByteArrayOutputStream retrieved = new ByteArrayOutputStream();
        Assertions.assertThat(client.retrieveFile("/hello.txt", retrieved)).isTrue();
        client.logout();

        Assertions.assertThat(Arrays.stream(listed).map(FTPFile::getName)).contains("hello.txt");
        Assertions.assertThat(retrieved.toString(StandardCharsets.UTF_8)).isEqualTo("hello from the fake file system");
      } finally {
        client.disconnect();
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().usesStartTls(StartTls.FTP).usesProtocolAtLeast(TlsProtocol.TLSv1_2)
          .plainTextPhase().advertisedStartTls().wasUpgraded().sentNoCredentialsBeforeTls();
      Assertions.assertThat(contents(files, "/upload.txt")).isEqualTo("stored over TLS");
      String transcript = report.plainTextPhase().orElseThrow().transcriptText();
      Assertions.assertThat(transcript).contains("C: AUTH TLS", "S: 234 Proceed with negotiation.",
          "C (tls): PBSZ 0", "C (tls): PROT P", "C (tls): USER alice", "C (tls): PASS secret");
      Assertions.assertThat(transcript).containsPattern(
          "C \\(tls\\): <data channel 1: LIST, PROT P, TLSv1\\.[23] TLS_\\w+, session reused: no \\(.*\\), \\d+ bytes "
              + "to the client>");
      Assertions.assertThat(transcript).contains("<data channel 2: STOR, PROT P, ", "15 bytes from the client>",
          "<data channel 3: RETR, PROT P, ", "31 bytes to the client>");
    }
  }

  @Test
  void commonsNetImplicitFtpsStoresAndRetrievesInsideTlsFromTheFirstByte() throws Exception {
    FileSystem files = filesWithHello();
    try (TlsCaptureServer server = ftp(files).implicitTls(true).build().start()) {
      FTPSClient client = ftps(server, true);
      try {
        client.execPBSZ(0);
        client.execPROT("P");
        Assertions.assertThat(client.login("alice", "secret")).isTrue();
        client.enterLocalPassiveMode();
        Assertions.assertThat(client.storeFile("/implicit.txt", stream("implicit"))).isTrue();
        ByteArrayOutputStream retrieved = new ByteArrayOutputStream();
        Assertions.assertThat(client.retrieveFile("/hello.txt", retrieved)).isTrue();
        client.logout();
        Assertions.assertThat(retrieved.toString(StandardCharsets.UTF_8)).isEqualTo("hello from the fake file system");
      } finally {
        client.disconnect();
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().usesImplicitTls().wasAcceptedByClient();
      Assertions.assertThat(server.uri()).hasToString("ftps://localhost:" + server.port());
      Assertions.assertThat(contents(files, "/implicit.txt")).isEqualTo("implicit");
    }
  }

  @Test
  void plainFtpClientSendsItsPasswordInClear() throws Exception {
    try (TlsCaptureServer server = ftp(filesWithHello()).build().start()) {
      FTPClient client = new FTPClient();
      client.setDefaultTimeout(5000);
      client.connect("localhost", server.port());
      try {
        Assertions.assertThat(client.login("alice", "secret")).isTrue();
        client.enterLocalPassiveMode();
        Assertions.assertThat(client.listNames("/")).contains("hello.txt");
        client.logout();
      } finally {
        client.disconnect();
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().advertisedStartTls().clientContinuedWithoutTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .isInstanceOf(AssertionError.class).hasMessageContaining("C: PASS ***")
          .hasMessageNotContaining("secret");
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("<data channel 1: NLST, PROT C (in clear), ");
    }
  }

  @Test
  void commonsNetStopsWithAnSslExceptionWhenAuthTlsIsRefused() {
    try (TlsCaptureServer server = ftp(filesWithHello()).startTlsBehaviour(StartTlsBehaviour.REFUSED).build()
        .start()) {
      assertThatThrownBy(() -> ftps(server, false)).isInstanceOf(SSLException.class)
          .hasMessageContaining("431 Unable to accept security mechanism");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().clientStoppedWithoutTls().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.outcome().reason()).contains("AUTH TLS was refused (431)");
    }
  }

  @Test
  void commonsNetStopsWithAnSslExceptionWhenAuthTlsIsStripped() {
    try (TlsCaptureServer server = ftp(filesWithHello()).startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build()
        .start()) {
      assertThatThrownBy(() -> ftps(server, false)).isInstanceOf(SSLException.class)
          .hasMessageContaining("502 Command not implemented: AUTH.");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().didNotAdvertiseStartTls().clientStoppedWithoutTls()
          .sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void commonsNetWithProtCTransfersInClearOverATlsControlConnection() throws Exception {
    try (TlsCaptureServer server = ftp(filesWithHello()).build().start()) {
      FTPSClient client = ftps(server, false);
      try {
        client.execPBSZ(0);
        client.execPROT("C");
        client.login("alice", "secret");
        client.enterLocalPassiveMode();
        ByteArrayOutputStream retrieved = new ByteArrayOutputStream();
        Assertions.assertThat(client.retrieveFile("/hello.txt", retrieved)).isTrue();
        client.logout();
      } finally {
        client.disconnect();
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).isEstablished().plainTextPhase().sentNoCredentialsBeforeTls();
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .contains("<data channel 1: RETR, PROT C (in clear), 31 bytes to the client>");
    }
  }

  @Test
  void recordsADataConnectionThatStaysInClearUnderProtP() throws Exception {
    FileSystem files = filesWithHello();
    try (TlsCaptureServer server = ftp(files).build().start()) {
      FTPSClient client = ftps(server, false);
      try {
        client.execPBSZ(0);
        client.sendCommand("PROT", "P"); // the server protects data connections; the client does not know it
        client.login("alice", "secret");
        client.enterLocalPassiveMode();
        client.storeFile("/clear.txt", stream("sent in clear"));
        client.logout();
      } finally {
        client.disconnect();
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText()).contains("<data channel 1: STOR, "
          + "PROT P, the client sent no TLS ClientHello on the data connection (its first 13 bytes are not TLS)>");
      Assertions.assertThat(contents(files, "/clear.txt")).as("not one unprotected byte is stored").isEmpty();
    }
  }

  @Test
  void commonsNetActiveModeDataConnectionIsProtectedToo() throws Exception {
    FileSystem files = filesWithHello();
    try (TlsCaptureServer server = ftp(files).build().start()) {
      FTPSClient client = ftps(server, false);
      try {
        client.execPBSZ(0);
        client.execPROT("P");
        client.login("alice", "secret");
        client.enterLocalActiveMode();
        Assertions.assertThat(client.storeFile("/active.txt", stream("active"))).isTrue();
        client.logout();
      } finally {
        client.disconnect();
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText())
          .containsPattern("C \\(tls\\): (PORT|EPRT) ").contains("<data channel 1: STOR, PROT P, TLSv1.");
      Assertions.assertThat(contents(files, "/active.txt")).isEqualTo("active");
    }
  }

  @Test
  void commonsNetIgnoresAReplyInjectedBeforeTls() throws Exception {
    try (TlsCaptureServer server = ftp(filesWithHello()).startTlsBehaviour(StartTlsBehaviour.INJECT_RESPONSE).build()
        .start()) {
      FTPSClient client = ftps(server, false);
      try {
        client.execPBSZ(0);
        client.execPROT("P");
        client.login("alice", "secret");
        client.logout();
      } catch (IOException e) {
        // judged below from the server's side
      } finally {
        client.disconnect();
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      Assertions.assertThat(report.plainTextPhase().orElseThrow().injection().orElseThrow().verdict())
          .isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  @Test
  void commonsNetDoesNotResumeTheControlSessionOnTheDataChannel() throws Exception {
    try (TlsCaptureServer server = ftp(filesWithHello()).protocols(TlsProtocol.TLSv1_2).build().start()) {
      FTPSClient client = ftps(server, false);
      try {
        client.execPBSZ(0);
        client.execPROT("P");
        client.login("alice", "secret");
        client.enterLocalPassiveMode();
        Assertions.assertThat(client.retrieveFile("/hello.txt", new ByteArrayOutputStream())).isTrue();
        client.logout();
      } finally {
        client.disconnect();
      }

      TlsConnectionReport report = server.awaitConnection(WAIT);
      // the JDK caches client sessions by host and port: the data port is another key, so it offers no session of
      // ours (its session id is the random one of TLS 1.3's middlebox compatibility) and a new session is made
      Assertions.assertThat(report.plainTextPhase().orElseThrow().transcriptText()).containsPattern(
          "<data channel 1: RETR, PROT P, TLSv1\\.2 \\w+, session reused: no \\(the client offered a session id not "
              + "known to the server\\), 31 bytes to the client>");
    }
  }

  @Test
  void closeStopsMockFtpServerAndLeavesNoThreadBehind() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    TlsCaptureServer server = ftp(filesWithHello()).build().start();
    FTPSClient client = ftps(server, false);
    client.login("alice", "secret");
    client.enterLocalPassiveMode();
    client.listNames("/");

    long start = System.nanoTime();
    server.close(); // with the client still connected
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    client.disconnect();

    Assertions.assertThat(took).isLessThan(Duration.ofMillis(1500));
    long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    List<Thread> left;
    do {
      left = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
          .filter(t -> !t.getName().startsWith("surefire") && !t.getName().startsWith("process reaper")).toList();
    } while (!left.isEmpty() && System.nanoTime() < until && sleep());
    Assertions.assertThat(left).as("threads started by the server and still alive").isEmpty();
  }

  private static boolean sleep() throws InterruptedException {
    Thread.sleep(20);
    return true;
  }

  static TlsCaptureServer.Builder ftp(FileSystem files) {
    return TlsCaptureServer.builder().protocol(ServiceProtocol.FTP).ftpFileSystem(files)
        .idleTimeout(Duration.ofSeconds(5));
  }

  static FTPSClient ftps(TlsCaptureServer server, boolean implicit) throws IOException {
    FTPSClient client = implicit ? new FTPSClient(true) : new FTPSClient("TLS", false);
    client.setTrustManager(server.clientTrustManager());
    client.setEndpointCheckingEnabled(true);
    client.setDefaultTimeout(5000);
    client.setConnectTimeout(5000);
    try {
      client.connect("localhost", server.port());
    } catch (IOException e) {
      client.disconnect();
      throw e;
    }
    return client;
  }

  static FileSystem filesWithHello() {
    FileSystem files = new UnixFakeFileSystem();
    files.add(new FileEntry("/hello.txt", "hello from the fake file system"));
    return files;
  }

  static String contents(FileSystem files, String path) throws IOException {
    FileEntry entry = (FileEntry) files.getEntry(path);
    Assertions.assertThat(entry).as("%s in the fake file system", path).isNotNull();
    try (var in = entry.createInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
