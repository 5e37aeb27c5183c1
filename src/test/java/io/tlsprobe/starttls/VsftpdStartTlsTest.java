package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.ServiceDiscovery;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.PlainTextPhase.Line;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.daemons.VsftpdServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FTP dialect against real vsftpd (Debian's vsftpd 3.0.3, OpenSSL 3): explicit FTPS with {@code AUTH TLS} and
 * implicit FTPS, the negotiated protocol and suite compared with {@code openssl s_client}'s, the {@code USER} answer
 * under {@code force_local_logins_ssl} both ways, and the injection check.
 */
class VsftpdStartTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir
  static Path dir;

  @AutoClose
  private static VsftpdServer strict;
  @AutoClose
  private static VsftpdServer lax;

  @BeforeAll
  static void start() {
    HeldCertificate cert = TestCertificates.localhost();
    strict = VsftpdServer.start(dir.resolve("strict"), cert);
    lax = VsftpdServer.start(dir.resolve("lax"), cert, true);
  }

  @Test
  void authTlsUpgradesAndNegotiatesWhatOpensslNegotiates() throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.FTP, "localhost");
    SSLSession session;
    try (UpgradedSession upgraded = UpgradedSession.open(client, strict.explicitPort(), TIMEOUT)) {
      session = upgraded.session();
    }
    OpensslClientView openssl = OpensslClientView.connect(strict.explicitPort(), "-starttls", "ftp");

    openssl.assertSameProtocolAndSuite(session);
    PlainTextPhase phase = client.phase();
    assertThat(phase.greeting()).hasValueSatisfying(g -> assertThat(g).startsWith("220 (vsFTPd "));
    assertThat(phase.capabilitiesBefore()).contains("AUTH TLS", "PBSZ", "PROT");
    assertThat(phase.startTlsAdvertised()).contains(true);
    assertThat(phase.upgraded()).isTrue();
    assertThat(phase.capabilitiesAfter()).contains("PBSZ", "PROT");
    assertThat(phase.transcript()).map(Line::toString).containsSubsequence("C: AUTH TLS",
        "S: 234 Proceed with negotiation.", "S (tls): 200 PBSZ set to 0.", "S (tls): 200 PROT now Private.");
  }

  /**
   * Why the dialect sends no USER on the upgrade connection (the probe asks on a second one): under
   * force_local_logins_ssl vsftpd ends the session on the refusal.
   */
  @Test
  void vsftpdEndsTheSessionWhenItRefusesUserInClearSoTheDialectSendsNone() throws Exception {
    try (Socket strictSocket = UpgradedSession.connect(strict.explicitPort(), TIMEOUT);
        Socket laxSocket = UpgradedSession.connect(lax.explicitPort(), TIMEOUT)) {
      List<String> strictLines = converse(strictSocket, "USER tlsprobe", "AUTH TLS");
      List<String> laxLines = converse(laxSocket, "USER tlsprobe", "AUTH TLS");

      assertThat(strictLines).containsExactly("220 (vsFTPd 3.0.3)", "530 Non-anonymous sessions must use encryption.",
          "(closed)");
      assertThat(laxLines).containsExactly("220 (vsFTPd 3.0.3)", "331 Please specify the password.",
          "234 Proceed with negotiation.");
    }
    StartTlsClient client = StartTlsClient.of(StartTls.FTP, "localhost");
    try (UpgradedSession upgraded = UpgradedSession.open(client, strict.explicitPort(), TIMEOUT)) {
      assertThat(upgraded.session().isValid()).isTrue();
    }
    assertThat(client.phase().plainTextAuthenticationOffered()).isEmpty();
    assertThat(client.phase().transcript()).map(Line::text).noneMatch(t -> t.startsWith("USER"));
  }

  /** Reads the greeting, then sends each command and reads one line; "(closed)" when the server closed instead. */
  private static List<String> converse(Socket socket, String... commands) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    List<String> lines = new ArrayList<>();
    lines.add(in.readLine());
    for (String command : commands) {
      socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      String line = in.readLine();
      lines.add(line == null ? "(closed)" : line);
      if (line == null) {
        break;
      }
    }
    return lines;
  }

  @Test
  void implicitFtpsNegotiatesWhatOpensslNegotiatesAndGreetsInsideTls() throws Exception {
    String greeting;
    SSLSession session;
    try (Socket plain = UpgradedSession.connect(strict.implicitPort(), TIMEOUT);
        SSLSocket tls = UpgradedSession.handshake(plain, strict.implicitPort())) {
      session = tls.getSession();
      greeting = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
    OpensslClientView openssl = OpensslClientView.connect(strict.implicitPort());

    assertThat(greeting).startsWith("220 (vsFTPd ");
    openssl.assertSameProtocolAndSuite(session);
  }

  @Test
  void probeThroughAuthTlsReportsThePlainTextPhaseAndWhatOpensslNegotiates() {
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", strict.explicitPort())
        .startTls(StartTls.FTP).timeout(TIMEOUT).build());
    OpensslClientView openssl = OpensslClientView.connect(strict.explicitPort(), "-starttls", "ftp");

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(report.endpoint().connection()).isEqualTo("starttls:ftp");
    openssl.assertSameProtocolAndSuite(report);
    PlainTextPhase phase = report.plainTextPhase().orElseThrow();
    assertThat(phase.startTlsAdvertised()).contains(true);
    assertThat(phase.plainTextAuthenticationOffered()).contains(false);
    assertThat(phase.authenticationEvidence())
        .containsExactly("USER refused in clear: 530 Non-anonymous sessions must use encryption.");
    assertThat(phase.transcript()).map(Line::text).noneMatch(t -> t.startsWith("USER"));
    assertThat(phase.capabilitiesAfter()).contains("PBSZ", "PROT");
    assertThat(phase.injection()).isPresent();
  }

  @Test
  void probeFindsThatAServerWithoutForcedTlsTakesALoginInClear() {
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", lax.explicitPort())
        .startTls(StartTls.FTP).startTlsInjectionCheck(false).timeout(TIMEOUT).build());

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
    PlainTextPhase phase = report.plainTextPhase().orElseThrow();
    assertThat(phase.plainTextAuthenticationOffered()).as(phase.toString()).contains(true);
    assertThat(phase.authenticationEvidence())
        .containsExactly("USER accepted in clear before AUTH TLS: 331 Please specify the password.");
  }

  @Test
  void probeOfTheImplicitPortIsDirectTlsAsOpensslSeesIt() {
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", strict.implicitPort())
        .timeout(TIMEOUT).build());
    OpensslClientView openssl = OpensslClientView.connect(strict.implicitPort());

    assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.ESTABLISHED);
    assertThat(report.endpoint().connection()).isEqualTo("direct");
    openssl.assertSameProtocolAndSuite(report);
    assertThat(report.plainTextPhase()).isEmpty();
  }

  /**
   * vsftpd reads commands without buffering ahead, so the pipelined {@code NOOP} stays in the socket and its OpenSSL
   * takes it for the first TLS record: it answers {@code 500 OOPS: … wrong version number} in clear and ends the
   * session. The command never reaches the command interpreter inside TLS.
   */
  @Test
  void vsftpdFeedsAPipelinedCommandToItsTlsLayerWhichRejectsIt() throws Exception {
    String received;
    try (Socket socket = UpgradedSession.connect(strict.explicitPort(), TIMEOUT)) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("220 ");
      socket.getOutputStream().write("AUTH TLS\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
      received = readUntilClosed(in);
    }

    assertThat(received).startsWith("234 Proceed with negotiation.\n500 OOPS: ").contains("wrong version number");
  }

  @Test
  void theInjectionCheckFindsVsftpdNotVulnerable() {
    TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", strict.explicitPort())
        .startTls(StartTls.FTP).timeout(TIMEOUT).build());
    InjectionCheck injection = report.plainTextPhase().orElseThrow().injection().orElseThrow();

    // vsftpd hands the pipelined NOOP to OpenSSL ("500 OOPS: … wrong version number"): whether the OOPS arrives with
    // the 234 or later, in place of a ServerHello, the command never ran inside TLS.
    assertThat(injection.verdict()).as(injection.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    assertThat(injection.transcript()).map(Line::toString)
        .containsSubsequence("C: AUTH TLS", "C: NOOP", "S: 234 Proceed with negotiation.");
    assertThat(injection.transcript()).map(Line::overTls).doesNotContain(true);
  }

  private static String readUntilClosed(BufferedReader in) {
    StringBuilder sb = new StringBuilder();
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        sb.append(line).append('\n');
      }
    } catch (java.io.IOException resetAfterTheLastLine) {
      // vsftpd closes with the rest of our bytes unread, which resets the connection
    }
    return sb.toString();
  }

  @Test
  void discoveryFindsBothTheUpgradeAndTheImplicitPort() {
    ProbeOptions options = ProbeOptions.builder("127.0.0.1", 1).timeout(TIMEOUT).startTlsInjectionCheck(false).build();

    ServiceDiscovery found =
        TlsProbes.discover(options, ServiceProtocol.FTP, strict.explicitPort(), strict.implicitPort());

    assertThat(found.offersStartTls()).as(found.toString()).isTrue();
    assertThat(found.offersImplicitTls()).as(found.toString()).isTrue();
    assertThat(found.startTls().orElseThrow().endpoint().connection()).isEqualTo("starttls:ftp");
    assertThat(found.implicitTls().orElseThrow().endpoint().connection()).isEqualTo("direct");
  }
}
