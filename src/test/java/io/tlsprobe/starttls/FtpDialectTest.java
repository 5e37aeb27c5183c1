package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.PlainTextPhase.Line;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.HostilePeer;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The FTP dialect against scripted loopback FTP servers: the upgrade, refusals and failures, the injection check. */
class FtpDialectTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String GREETING = "220 (vsFTPd 3.0.3)\r\n";
  private static final String GO_AHEAD = "234 Proceed with negotiation.\r\n";

  /** A vsftpd-like server: FEAT with AUTH TLS (other features inside TLS). */
  private static @Nullable String vsftpd(String line, boolean tls) {
    return switch (line) {
      case "FEAT" -> tls ? "211-Features:\r\n PBSZ\r\n PROT\r\n UTF8\r\n211 End\r\n"
          : "211-Features:\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n211 End\r\n";
      case "PBSZ 0" -> "200 PBSZ set to 0.\r\n";
      case "PROT P" -> "200 PROT now Private.\r\n";
      case "NOOP" -> "200 NOOP ok.\r\n";
      default -> "500 Unknown command.\r\n";
    };
  }

  /** {@link #vsftpd} with {@code line} answered {@code answer} (null closes) in clear. */
  private static LineScript.Answers vsftpdExcept(String line, @Nullable String answer) {
    return (l, tls) -> !tls && l.equals(line) ? answer : vsftpd(l, tls);
  }

  private static HostilePeer peer(LineScript.Answers script) throws Exception {
    return HostilePeer.start(LineScript.answering(GREETING, "AUTH TLS", GO_AHEAD, script, false));
  }

  private static StartTlsClient upgrade(HostilePeer peer, UnaryOperator<StartTlsClient> make) throws Exception {
    StartTlsClient client = make.apply(StartTlsClient.of(StartTls.FTP, "localhost"));
    try (UpgradedSession session = UpgradedSession.open(client, peer.port(), TIMEOUT)) {
      assertThat(session.session().getProtocol()).isEqualTo("TLSv1.3");
    }
    return client;
  }

  private static StartTlsClient upgrade(HostilePeer peer) throws Exception {
    return upgrade(peer, c -> c);
  }

  private static StartTlsException failure(HostilePeer peer) throws Exception {
    return UpgradedSession.failure(StartTlsClient.of(StartTls.FTP, "localhost"), peer, TIMEOUT);
  }

  @Test
  void upgradesWhenFeatListsAuthTlsAndRecordsPbszProtAndFeatInsideTls() throws Exception {
    String greeting = "220-Welcome\r\n 220 a continuation line may start with the code after a space\r\n220 ready\r\n";
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(greeting, "AUTH TLS", GO_AHEAD,
        FtpDialectTest::vsftpd, false))) {
      PlainTextPhase phase = upgrade(peer).phase();

      assertThat(phase.dialect()).isEqualTo("ftp");
      assertThat(phase.greeting())
          .contains("220-Welcome /  220 a continuation line may start with the code after a space / 220 ready");
      assertThat(phase.capabilitiesBefore()).containsExactly("AUTH TLS", "PBSZ", "PROT");
      assertThat(phase.startTlsAdvertised()).contains(true);
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.capabilitiesAfter()).containsExactly("PBSZ", "PROT", "UTF8");
      assertThat(phase.transcript()).map(Line::toString).containsSubsequence(
          "C: FEAT", "S:  AUTH TLS", "C: AUTH TLS", "S: 234 Proceed with negotiation.",
          "C (tls): PBSZ 0", "S (tls): 200 PBSZ set to 0.", "C (tls): PROT P", "S (tls): 200 PROT now Private.",
          "C (tls): FEAT", "S (tls): 211 End");
      assertThat(phase.transcript()).map(Line::text).noneMatch(t -> t.startsWith("USER") || t.startsWith("PASS"));
    }
  }

  @Test
  void sendsNoUserAndLeavesPlainTextLoginUnknown() throws Exception {
    try (HostilePeer peer = peer(FtpDialectTest::vsftpd)) {
      PlainTextPhase phase = upgrade(peer).phase();

      assertThat(phase.plainTextAuthenticationOffered()).isEmpty();
      assertThat(phase.authenticationEvidence()).isEmpty();
      assertThat(phase.plainTextLines()).map(Line::toString).containsExactly("S: 220 (vsFTPd 3.0.3)", "C: FEAT",
          "S: 211-Features:", "S:  AUTH TLS", "S:  PBSZ", "S:  PROT", "S: 211 End", "C: AUTH TLS",
          "S: 234 Proceed with negotiation.");
    }
  }

  @Test
  void featuresWithoutAuthTlsAreNotAnAdvertisementAndNothingMoreIsSent() throws Exception {
    try (HostilePeer peer = peer(vsftpdExcept("FEAT", "211-Features:\r\n EPSV\r\n PASV\r\n SIZE\r\n211 End\r\n"))) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e).hasMessage("server did not advertise AUTH TLS; features were: EPSV, PASV, SIZE");
      assertThat(e.phase().startTlsAdvertised()).contains(false);
      assertThat(e.phase().transcript()).map(Line::toString).last().isEqualTo("S: 211 End");
    }
  }

  @Test
  void aServerWithoutFeatIsAskedForAuthTlsAnyway() throws Exception {
    try (HostilePeer peer = peer(vsftpdExcept("FEAT", "502 Command not implemented.\r\n"))) {
      PlainTextPhase phase = upgrade(peer).phase();

      assertThat(phase.capabilitiesBefore()).isEmpty();
      assertThat(phase.startTlsAdvertised()).isEmpty();
      assertThat(phase.upgraded()).isTrue();
    }
  }

  @Test
  void aRefusedAuthTlsQuotesTheServer() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "no upgrade", GO_AHEAD,
        (l, tls) -> l.equals("AUTH TLS") ? "534 Request denied for policy reasons.\r\n" : vsftpd(l, tls), false))) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e).hasMessage("server refused AUTH TLS: 534 Request denied for policy reasons.");
      assertThat(e.phase().upgraded()).isFalse();
    }
  }

  @Test
  void authTlsNotImplementedFallsBackToAuthSslWhichFeatMayAdvertiseAlone() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "AUTH SSL", GO_AHEAD,
        (l, tls) -> switch (l) {
          case "AUTH TLS" -> "504 Unknown AUTH type.\r\n";
          case "FEAT" -> tls ? vsftpd(l, true) : "211-Features:\r\n AUTH SSL\r\n PBSZ\r\n211 End\r\n";
          default -> vsftpd(l, tls);
        }, false))) {
      PlainTextPhase phase = upgrade(peer).phase();

      assertThat(phase.startTlsAdvertised()).contains(true);
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.plainTextLines()).map(Line::toString)
          .containsSubsequence("C: AUTH TLS", "S: 504 Unknown AUTH type.", "C: AUTH SSL",
              "S: 234 Proceed with negotiation.");
    }
  }

  @Test
  void aGreetingThatIsNotFtpIsGarbage() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering("SSH-2.0-OpenSSH_9.2p1\r\n", "AUTH TLS", GO_AHEAD,
        FtpDialectTest::vsftpd, false))) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e).hasMessage("server's answer is not an FTP reply: SSH-2.0-OpenSSH_9.2p1");
    }
  }

  @Test
  void aGreetingOtherThan220RefusesTheSession() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering("421 Too many users.\r\n", "AUTH TLS", GO_AHEAD,
        FtpDialectTest::vsftpd, false))) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e).hasMessage("server refused the session in its greeting: 421 Too many users.");
    }
  }

  @Test
  void aServerClosingAfterFeatSaysWhatWeAwaited() throws Exception {
    try (HostilePeer peer = peer(vsftpdExcept("FEAT", null))) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e).hasMessage("server closed the connection while we awaited the reply to FEAT");
    }
  }

  @Test
  void aServerCuttingAMultiLineReplyShortIsClosedNotGarbage() throws Exception {
    try (HostilePeer peer = HostilePeer.start(socket -> {
      socket.getOutputStream()
          .write("220-Welcome\r\n still welcome".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.close();
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e).hasMessage("server closed the connection while we awaited the server's greeting;"
          + " its last bytes were  still welcome");
    }
  }

  @Test
  void aSilentServerFailsWithinTheReadTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(HostilePeer::staySilent)) {
      long start = System.nanoTime();
      StartTlsException e = UpgradedSession.failure(StartTlsClient.of(StartTls.FTP, "localhost"), peer, Duration.ofMillis(300));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e).hasMessageStartingWith("server sent nothing while we awaited the server's greeting");
      assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
    }
  }

  @Test
  void aServerHangingAfterAuthTlsFailsWithinTheReadTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "no upgrade", GO_AHEAD,
        (l, tls) -> l.equals("AUTH TLS") ? "" : vsftpd(l, tls), false))) {
      long start = System.nanoTime();
      StartTlsException e = UpgradedSession.failure(StartTlsClient.of(StartTls.FTP, "localhost"), peer, Duration.ofMillis(300));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e).hasMessageStartingWith("server sent nothing while we awaited the reply to AUTH TLS");
      assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
    }
  }

  @Test
  void aServerThatDropsThePipelinedNoopIsNotVulnerable() throws Exception {
    try (HostilePeer peer = peer(FtpDialectTest::vsftpd)) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
      assertThat(check.injectedCommand()).isEqualTo("NOOP");
      assertThat(check.transcript()).map(Line::toString)
          .containsSubsequence("C: AUTH TLS", "C: NOOP", "C (tls): FEAT", "S (tls): 211-Features:");
    }
  }

  @Test
  void aServerThatAnswersThePipelinedNoopInsideTlsIsVulnerable() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "AUTH TLS", GO_AHEAD,
        FtpDialectTest::vsftpd, true))) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
      assertThat(check.transcript()).map(Line::toString)
          .containsSubsequence("C (tls): FEAT", "S (tls): 200 NOOP ok.", "S (tls): 211-Features:");
    }
  }

  @Test
  void throughTheProbeARefusalIsAStartTlsFailedOutcomeQuotingTheServer() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "no upgrade", GO_AHEAD,
        (l, tls) -> l.equals("AUTH TLS") ? "534 Request denied for policy reasons.\r\n" : vsftpd(l, tls), false))) {
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port())
          .startTls(StartTls.FTP).timeout(TIMEOUT).build());

      assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(report.outcome().reason())
          .isEqualTo("server refused AUTH TLS: 534 Request denied for policy reasons.");
      assertThat(report.endpoint().connection()).isEqualTo("starttls:ftp");
      assertThat(report.plainTextPhase().orElseThrow().startTlsAdvertised()).contains(true);
    }
  }

  @Test
  void throughTheProbeAServerHangingAfterAuthTlsEndsWithinTheHandshakeTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "no upgrade", GO_AHEAD,
        (l, tls) -> l.equals("AUTH TLS") ? "" : vsftpd(l, tls), false))) {
      long start = System.nanoTime();
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port())
          .startTls(StartTls.FTP).handshakeTimeout(Duration.ofMillis(400)).build());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(report.outcome().reason()).startsWith("server sent nothing while we awaited the reply to AUTH TLS");
      assertThat(took).isLessThan(Duration.ofMillis(1500));
    }
  }

  private static InjectionCheck injectionCheck(HostilePeer peer) throws Exception {
    StartTlsClient client = StartTlsClient.injectionCheck(StartTls.FTP, "localhost");
    try (UpgradedSession session = UpgradedSession.open(client, peer.port(), TIMEOUT)) {
      assertThat(session.session().isValid()).isTrue();
    }
    return client.injectionResult("unreachable: the session was opened");
  }
}
