package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.ServiceDiscovery;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.testing.OpensslClientView;
import io.tlsprobe.testing.TestCertificates;
import io.tlsprobe.testing.TestTls;
import io.tlsprobe.testing.daemons.DovecotServer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IMAP, POP3, ManageSieve and LMTP dialects against a real dovecot on loopback (started once for the class): each
 * upgrade completes a TLS handshake whose protocol and suite equal {@code openssl s_client -starttls …}'s against the
 * same port, the implicit IMAPS/POP3S ports agree with plain {@code s_client}, {@code disable_plaintext_auth} shows in
 * {@code plainTextAuthenticationOffered}, dovecot never answers a command pipelined after the upgrade, and the probe
 * itself ({@link TlsProbes#probe}) reports {@code starttls:<dialect>} with the plain-text phase. Skips without
 * dovecot, fails instead under {@code TLSPROBE_INTEROP=required}.
 */
class DovecotStartTlsTest {
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
  @TempDir static Path dir;
  @AutoClose
  private static DovecotServer dovecot;
  private static SSLContext trustAll;

  @BeforeAll
  static void startDovecot() throws Exception {
    dovecot = DovecotServer.start(dir.resolve("dovecot"), TestCertificates.localhost());
    trustAll = TestTls.trustAll();
  }

  @Test
  void imapUpgradesLikeOpensslAndListsCapabilitiesBeforeAndAfterTls() throws Exception {
    Upgraded imap = upgrade(StartTls.IMAP, dovecot.imapPort(), false);

    assertThat(imap.phase().upgraded()).isTrue();
    assertThat(imap.phase().greeting()).hasValueSatisfying(g -> assertThat(g).startsWith("* OK [CAPABILITY "));
    assertThat(imap.phase().capabilitiesBefore()).contains("IMAP4rev1", "STARTTLS");
    assertThat(imap.phase().capabilitiesAfter()).contains("IMAP4rev1").doesNotContain("STARTTLS");
    OpensslClientView.connect(dovecot.imapPort(), "-starttls", "imap").assertSameProtocolAndSuite(imap.session());
  }

  @Test
  void pop3UpgradesLikeOpensslAndListsCapabilitiesBeforeAndAfterTls() throws Exception {
    Upgraded pop3 = upgrade(StartTls.POP3, dovecot.pop3Port(), false);

    assertThat(pop3.phase().upgraded()).isTrue();
    assertThat(pop3.phase().capabilitiesBefore()).contains("STLS", "TOP");
    assertThat(pop3.phase().capabilitiesAfter()).contains("TOP").doesNotContain("STLS");
    OpensslClientView.connect(dovecot.pop3Port(), "-starttls", "pop3").assertSameProtocolAndSuite(pop3.session());
  }

  @Test
  void sieveUpgradesLikeOpensslAndReadsTheCapabilitiesResentInsideTls() throws Exception {
    Upgraded sieve = upgrade(StartTls.SIEVE, dovecot.sievePort(), false);

    assertThat(sieve.phase().upgraded()).isTrue();
    assertThat(sieve.phase().capabilitiesBefore()).contains("STARTTLS", "VERSION 1.0");
    assertThat(sieve.phase().capabilitiesAfter()).contains("VERSION 1.0").doesNotContain("STARTTLS");
    OpensslClientView.connect(dovecot.sievePort(), "-starttls", "sieve").assertSameProtocolAndSuite(sieve.session());
  }

  @Test
  void lmtpUpgradesLikeOpenssl() throws Exception {
    Upgraded lmtp = upgrade(StartTls.LMTP, dovecot.lmtpPort(), false);

    assertThat(lmtp.phase().upgraded()).isTrue();
    assertThat(lmtp.phase().capabilitiesBefore()).contains("STARTTLS");
    assertThat(lmtp.phase().capabilitiesAfter()).isNotEmpty().doesNotContain("STARTTLS");
    OpensslClientView.connect(dovecot.lmtpPort(), "-starttls", "lmtp").assertSameProtocolAndSuite(lmtp.session());
  }

  @Test
  void implicitImapsAndPop3sHandshakesAreOpensslsForJsseAndTheProbe() throws Exception {
    for (int port : new int[] {dovecot.imapsPort(), dovecot.pop3sPort()}) {
      try (SSLSocket tls = (SSLSocket) trustAll.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
          port)) {
        tls.setSoTimeout((int) SOCKET_TIMEOUT.toMillis());
        tls.startHandshake();
        OpensslClientView openssl = OpensslClientView.connect(port);
        assertThat(protocol(tls.getSession())).as("protocol on port %d", port).isEqualTo(openssl.protocol())
            .isPresent();
        assertThat(suite(tls.getSession())).as("suite on port %d", port).isEqualTo(openssl.cipherSuite()).isPresent();
        TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", port).timeout(SOCKET_TIMEOUT)
            .build());
        assertThat(report.outcome().isEstablished()).as(report.toString()).isTrue();
        assertThat(report.endpoint().connection()).isEqualTo("direct");
        assertThat(report.plainTextPhase()).isEmpty();
        assertThat(report.protocol()).as("probe's protocol on port %d", port).isEqualTo(openssl.protocol());
        assertThat(report.cipherSuite()).as("probe's suite on port %d", port).isEqualTo(openssl.cipherSuite());
      }
    }
  }

  @Test
  void disablePlaintextAuthShowsAsLoginDisabledAndEmptySaslBeforeTls() throws Exception {
    PlainTextPhase imap = upgrade(StartTls.IMAP, dovecot.imapProxiedPort(), true).phase();
    PlainTextPhase pop3 = upgrade(StartTls.POP3, dovecot.pop3ProxiedPort(), true).phase();
    PlainTextPhase sieve = upgrade(StartTls.SIEVE, dovecot.sieveProxiedPort(), true).phase();

    assertThat(imap.capabilitiesBefore()).contains("LOGINDISABLED");
    assertThat(imap.plainTextAuthenticationOffered()).as(imap.transcriptText()).hasValue(false);
    assertThat(pop3.capabilitiesBefore()).contains("SASL").doesNotContain("USER");
    assertThat(pop3.plainTextAuthenticationOffered()).as(pop3.transcriptText()).hasValue(false);
    assertThat(sieve.plainTextAuthenticationOffered()).as(sieve.transcriptText()).hasValue(false);
    assertThat(imap.capabilitiesAfter()).as("inside TLS, LOGIN works").doesNotContain("LOGINDISABLED")
        .contains("AUTH=PLAIN");
  }

  @Test
  void plainTextAuthenticationIsOfferedWhenAllowed(@TempDir Path other) throws Exception {
    try (DovecotServer open = DovecotServer.builder().disablePlaintextAuth(false)
        .start(other, TestCertificates.localhost())) {
      PlainTextPhase imap = upgrade(StartTls.IMAP, open.imapProxiedPort(), true).phase();
      PlainTextPhase pop3 = upgrade(StartTls.POP3, open.pop3ProxiedPort(), true).phase();
      PlainTextPhase sieve = upgrade(StartTls.SIEVE, open.sieveProxiedPort(), true).phase();

      assertThat(imap.plainTextAuthenticationOffered()).as(imap.transcriptText()).hasValue(true);
      assertThat(imap.authenticationEvidence()).contains("no LOGINDISABLED before TLS",
          "AUTH=PLAIN in the capabilities before TLS");
      assertThat(pop3.plainTextAuthenticationOffered()).as(pop3.transcriptText()).hasValue(true);
      assertThat(pop3.authenticationEvidence()).contains("USER in the CAPA list before TLS");
      assertThat(sieve.plainTextAuthenticationOffered()).as(sieve.transcriptText()).hasValue(true);
      assertThat(sieve.authenticationEvidence()).containsExactly("SASL PLAIN LOGIN in the capabilities before TLS");
    }
  }

  /**
   * Dovecot keeps the bytes that followed the upgrade command in its input buffer and hands them to its TLS layer, so
   * the pipelined command is read as the start of the ClientHello and the handshake fails ("wrong version number" in
   * dovecot's log): the command is never executed, in clear or inside TLS. The check therefore cannot see inside TLS
   * and says so (INCONCLUSIVE, naming the failed handshake), while the same upgrade without a pipelined command
   * completes (the other tests).
   */
  @Test
  void dovecotNeverAnswersACommandPipelinedAfterTheUpgradeCommand() throws Exception {
    for (StartTls dialect : new StartTls[] {StartTls.IMAP, StartTls.POP3, StartTls.SIEVE, StartTls.LMTP}) {
      InjectionCheck check = injectionCheck(dialect, port(dialect));

      assertThat(check.verdict()).as(dialect + ": " + check).isEqualTo(InjectionVerdict.INCONCLUSIVE);
      assertThat(check.detail()).as(dialect + ": " + check).startsWith("the server aborted the handshake");
      assertThat(check.transcript().get(check.transcript().size() - 1).text()).as(dialect + ": " + check)
          .matches("a2 OK .*|\\+OK .*|OK .*|220 .*");
    }
  }

  @Test
  void theProbeReportsEachUpgradeWithItsPlainTextPhaseAndOpensslsResult() {
    for (StartTls dialect : new StartTls[] {StartTls.IMAP, StartTls.POP3, StartTls.SIEVE, StartTls.LMTP}) {
      int port = port(dialect);
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", port).startTls(dialect)
          .timeout(SOCKET_TIMEOUT).build());
      OpensslClientView openssl = OpensslClientView.connect(port, "-starttls", dialect.cliName());

      assertThat(report.outcome().isEstablished()).as(report.toString()).isTrue();
      assertThat(report.endpoint().connection()).isEqualTo("starttls:" + dialect.cliName());
      PlainTextPhase phase = report.plainTextPhase().orElseThrow();
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.startTlsAdvertised()).hasValue(true);
      assertThat(phase.capabilitiesAfter()).as(phase.transcriptText()).isNotEmpty();
      // dovecot fails the check's handshake instead of answering (see dovecotNeverAnswersACommandPipelined…): the
      // command never ran inside TLS, and the probe, whose own upgrade completed, says so
      InjectionCheck check = phase.injection().orElseThrow();
      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
      assertThat(check.detail()).as(check.toString()).contains("for the start of the TLS handshake");
      assertThat(check.transcript()).as(check.toString()).noneMatch(PlainTextPhase.Line::overTls);
      assertThat(report.protocol()).as(dialect + " protocol").isEqualTo(openssl.protocol()).isPresent();
      assertThat(report.cipherSuite()).as(dialect + " suite").isEqualTo(openssl.cipherSuite()).isPresent();
    }
  }

  @Test
  void discoveryFindsBothWaysToTlsForImapAndPop3() {
    ServiceDiscovery imap = TlsProbes.discover(ProbeOptions.builder("127.0.0.1", 1).timeout(SOCKET_TIMEOUT).build(),
        ServiceProtocol.IMAP, dovecot.imapPort(), dovecot.imapsPort());
    ServiceDiscovery pop3 = TlsProbes.discover(ProbeOptions.builder("127.0.0.1", 1).timeout(SOCKET_TIMEOUT).build(),
        ServiceProtocol.POP3, dovecot.pop3Port(), dovecot.pop3sPort());

    assertThat(imap.offersStartTls()).as(imap.toString()).isTrue();
    assertThat(imap.offersImplicitTls()).as(imap.toString()).isTrue();
    assertThat(pop3.offersStartTls()).as(pop3.toString()).isTrue();
    assertThat(pop3.offersImplicitTls()).as(pop3.toString()).isTrue();
  }

  @Test
  void discoveryWithThePortsSwappedFindsNeitherAndSaysWhy() {
    long start = System.nanoTime();
    ServiceDiscovery swapped = TlsProbes.discover(ProbeOptions.builder("127.0.0.1", 1).timeout(Duration.ofSeconds(1))
        .build(), ServiceProtocol.IMAP, dovecot.imapsPort(), dovecot.imapPort());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(swapped.offersStartTls()).as(swapped.toString()).isFalse();
    assertThat(swapped.offersImplicitTls()).as(swapped.toString()).isFalse();
    assertThat(swapped.startTls().orElseThrow().outcome().reason()).as(swapped.toString())
        .startsWith("server sent nothing while we awaited the server's greeting");
    assertThat(swapped.implicitTls().orElseThrow().outcome().reason()).as(swapped.toString()).contains("* OK");
    assertThat(took).isLessThan(Duration.ofSeconds(4));
  }

  /** A STARTTLS upgrade as a test drives it by hand: the phase and the TLS session that followed. */
  private record Upgraded(PlainTextPhase phase, SSLSession session) {}

  private static Upgraded upgrade(StartTls dialect, int port, boolean proxied) throws Exception {
    StartTlsClient client = StartTlsClient.of(dialect, "localhost");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) SOCKET_TIMEOUT.toMillis());
      if (proxied) {
        DovecotServer.sendProxyHeader(socket, port);
      }
      client.upgrade(PlainTextChannel.of(socket));
      try (SSLSocket tls = (SSLSocket) trustAll.getSocketFactory().createSocket(socket, "localhost", port, true)) {
        tls.startHandshake();
        client.afterTls(PlainTextChannel.of(tls));
        return new Upgraded(client.phase(), tls.getSession());
      }
    }
  }

  private static int port(StartTls dialect) {
    return switch (dialect) {
      case IMAP -> dovecot.imapPort();
      case POP3 -> dovecot.pop3Port();
      case SIEVE -> dovecot.sievePort();
      case LMTP -> dovecot.lmtpPort();
      default -> throw new IllegalArgumentException(dialect.toString());
    };
  }

  /** The check as the probe runs it: upgrade with the pipelined command, handshake, then the dialect's verdict. */
  private static InjectionCheck injectionCheck(StartTls dialect, int port) throws Exception {
    StartTlsClient client = StartTlsClient.injectionCheck(dialect, "localhost");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) SOCKET_TIMEOUT.toMillis());
      client.upgrade(PlainTextChannel.of(socket));
      try (SSLSocket tls = (SSLSocket) trustAll.getSocketFactory().createSocket(socket, "localhost", port, true)) {
        tls.startHandshake();
        client.afterTls(PlainTextChannel.of(tls));
      } catch (SSLHandshakeException | java.net.SocketException e) {
        // an alert or a close (SSLHandshakeException) or a reset (SocketException), depending on timing
        return client.injectionResult("the server aborted the handshake after its go-ahead: " + e.getMessage());
      }
    }
    return client.injectionResult("the check connection ended before the answer inside TLS");
  }

  private static Optional<TlsProtocol> protocol(SSLSession session) {
    return TlsProtocol.fromJsseName(session.getProtocol());
  }

  private static Optional<CipherSuite> suite(SSLSession session) {
    return CipherSuite.byName(session.getCipherSuite());
  }
}
