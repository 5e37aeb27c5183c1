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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The NNTP dialect against scripted loopback news servers: the upgrade, refusals and failures, the injection check. */
class NntpDialectTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String GREETING = "200 news.test InterNetNews NNRP server INN 2.7.1 ready (posting ok)\r\n";
  private static final String GO_AHEAD = "382 Begin TLS negotiation now\r\n";
  private static final String BEFORE = "101 Capability list:\r\nVERSION 2\r\nAUTHINFO SASL\r\n"
      + "SASL SCRAM-SHA-256 CRAM-MD5\r\nREADER\r\nSTARTTLS\r\n.\r\n";
  private static final String AFTER = "101 Capability list:\r\nVERSION 2\r\nAUTHINFO USER SASL\r\n"
      + "SASL SCRAM-SHA-256 CRAM-MD5 PLAIN\r\nREADER\r\n.\r\n";

  /** An INN-like server: AUTHINFO SASL and STARTTLS in clear, AUTHINFO USER inside TLS, DATE answered 111. */
  private static @Nullable String inn(String line, boolean tls) {
    return switch (line) {
      case "CAPABILITIES" -> tls ? AFTER : BEFORE;
      case "DATE" -> "111 20261127071500\r\n";
      default -> "500 What?\r\n";
    };
  }

  private static LineScript.Answers capabilities(@Nullable String before) {
    return (l, tls) -> !tls && l.equals("CAPABILITIES") ? before : inn(l, tls);
  }

  private static HostilePeer peer(LineScript.Answers script) throws Exception {
    return HostilePeer.start(LineScript.answering(GREETING, "STARTTLS", GO_AHEAD, script, false));
  }

  private static PlainTextPhase upgrade(HostilePeer peer) throws Exception {
    StartTlsClient client = StartTlsClient.of(StartTls.NNTP, "localhost");
    try (UpgradedSession session = UpgradedSession.open(client, peer.port(), TIMEOUT)) {
      assertThat(session.session().getProtocol()).isEqualTo("TLSv1.3");
    }
    return client.phase();
  }

  private static StartTlsException failure(HostilePeer peer) throws Exception {
    return UpgradedSession.failure(StartTlsClient.of(StartTls.NNTP, "localhost"), peer, TIMEOUT);
  }

  @Test
  void upgradesWhenCapabilitiesListStartTlsAndAsksAgainInsideTls() throws Exception {
    try (HostilePeer peer = peer(NntpDialectTest::inn)) {
      PlainTextPhase phase = upgrade(peer);

      assertThat(phase.dialect()).isEqualTo("nntp");
      assertThat(phase.greeting()).contains(GREETING.strip());
      assertThat(phase.capabilitiesBefore())
          .containsExactly("VERSION 2", "AUTHINFO SASL", "SASL SCRAM-SHA-256 CRAM-MD5", "READER", "STARTTLS");
      assertThat(phase.startTlsAdvertised()).contains(true);
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.capabilitiesAfter())
          .containsExactly("VERSION 2", "AUTHINFO USER SASL", "SASL SCRAM-SHA-256 CRAM-MD5 PLAIN", "READER");
      assertThat(phase.transcript()).map(Line::toString).containsSubsequence("C: CAPABILITIES", "S: .",
          "C: STARTTLS", "S: 382 Begin TLS negotiation now", "C (tls): CAPABILITIES", "S (tls): .");
    }
  }

  @Test
  void authinfoWithArgumentsBeforeTlsIsAuthenticationOfferedWithTheLinesAsEvidence() throws Exception {
    try (HostilePeer peer = peer(NntpDialectTest::inn)) {
      PlainTextPhase phase = upgrade(peer);

      assertThat(phase.plainTextAuthenticationOffered()).contains(true);
      assertThat(phase.authenticationEvidence()).containsExactly("AUTHINFO SASL in CAPABILITIES before TLS",
          "SASL SCRAM-SHA-256 CRAM-MD5 in CAPABILITIES before TLS");
    }
  }

  @Test
  void aBareAuthinfoBeforeTlsIsNotAnOffer() throws Exception {
    try (HostilePeer peer = peer(capabilities("101 list\r\nVERSION 2\r\nAUTHINFO\r\nSTARTTLS\r\n.\r\n"))) {
      PlainTextPhase phase = upgrade(peer);

      assertThat(phase.plainTextAuthenticationOffered()).contains(false);
      assertThat(phase.authenticationEvidence())
          .containsExactly("AUTHINFO in CAPABILITIES before TLS (no arguments: not available yet, RFC 4643 §2.1)");
    }
  }

  @Test
  void dotStuffedCapabilityLinesAreUnstuffed() throws Exception {
    try (HostilePeer peer = peer(capabilities("101 list\r\nVERSION 2\r\n..ODD\r\nSTARTTLS\r\n.\r\n"))) {
      PlainTextPhase phase = upgrade(peer);

      assertThat(phase.capabilitiesBefore()).containsExactly("VERSION 2", ".ODD", "STARTTLS");
      assertThat(phase.plainTextAuthenticationOffered()).contains(false);
      assertThat(phase.authenticationEvidence()).isEmpty();
    }
  }

  @Test
  void capabilitiesWithoutStartTlsAreNotAnAdvertisement() throws Exception {
    try (HostilePeer peer = peer(capabilities("101 list\r\nVERSION 2\r\nREADER\r\n.\r\n"))) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e).hasMessage("server did not advertise STARTTLS; capabilities were: VERSION 2, READER");
      assertThat(e.phase().startTlsAdvertised()).contains(false);
      assertThat(e.phase().transcript()).map(Line::text).doesNotContain("STARTTLS");
    }
  }

  @Test
  void aServerWithoutCapabilitiesIsAskedForStartTlsAnyway() throws Exception {
    try (HostilePeer peer = peer(capabilities("500 What?\r\n"))) {
      PlainTextPhase phase = upgrade(peer);

      assertThat(phase.startTlsAdvertised()).isEmpty();
      assertThat(phase.plainTextAuthenticationOffered()).isEmpty();
      assertThat(phase.upgraded()).isTrue();
    }
  }

  @Test
  void aRefusedStartTlsQuotesTheServer() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "no upgrade", GO_AHEAD,
        (l, tls) -> l.equals("STARTTLS") ? "580 Can not initiate TLS negotiation\r\n" : inn(l, tls), false))) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e).hasMessage("server refused STARTTLS: 580 Can not initiate TLS negotiation");
    }
  }

  @Test
  void aGreetingOtherThan200Or201RefusesTheSession() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering("502 You have no permission to talk.\r\n",
        "STARTTLS", GO_AHEAD, NntpDialectTest::inn, false))) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e).hasMessage("server refused the session in its greeting: 502 You have no permission to talk.");
    }
  }

  @Test
  void aGreetingThatIsNotNntpIsGarbage() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering("* OK IMAP4rev1 ready\r\n", "STARTTLS", GO_AHEAD,
        NntpDialectTest::inn, false))) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e).hasMessage("server's answer is not an NNTP response: * OK IMAP4rev1 ready");
    }
  }

  @Test
  void aServerClosingInTheCapabilityListSaysWhatWeAwaited() throws Exception {
    try (HostilePeer peer = HostilePeer.start(socket -> {
      socket.getOutputStream().write((GREETING).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      HostilePeer.readAtLeast(socket, "CAPABILITIES\r\n".length());
      socket.getOutputStream().write("101 list\r\nVERSION 2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.close();
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e).hasMessage("server closed the connection while we awaited the end of the capability list"
          + " (a line with a single dot)");
      assertThat(e.phase().capabilitiesBefore()).isEmpty();
    }
  }

  @Test
  void aSilentServerFailsWithinTheReadTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(HostilePeer::staySilent)) {
      long start = System.nanoTime();
      StartTlsException e = UpgradedSession.failure(StartTlsClient.of(StartTls.NNTP, "localhost"), peer, Duration.ofMillis(300));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e).hasMessageStartingWith("server sent nothing while we awaited the server's greeting");
      assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
    }
  }

  @Test
  void aServerThatDropsThePipelinedDateIsNotVulnerable() throws Exception {
    try (HostilePeer peer = peer(NntpDialectTest::inn)) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
      assertThat(check.injectedCommand()).isEqualTo("DATE");
      assertThat(check.transcript()).map(Line::toString).containsSubsequence("C: STARTTLS", "C: DATE",
          "C (tls): CAPABILITIES", "S (tls): 101 Capability list:");
    }
  }

  @Test
  void aServerThatAnswersThePipelinedDateInsideTlsIsVulnerable() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "STARTTLS", GO_AHEAD,
        NntpDialectTest::inn, true))) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
      assertThat(check.transcript()).map(Line::toString).containsSubsequence("C (tls): CAPABILITIES",
          "S (tls): 111 20261127071500", "S (tls): 101 Capability list:");
    }
  }

  @Test
  void throughTheProbeARefusalIsAStartTlsFailedOutcomeQuotingTheServer() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "no upgrade", GO_AHEAD,
        (l, tls) -> l.equals("STARTTLS") ? "580 Can not initiate TLS negotiation\r\n" : inn(l, tls), false))) {
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port())
          .startTls(StartTls.NNTP).timeout(TIMEOUT).build());

      assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(report.outcome().reason()).isEqualTo("server refused STARTTLS: 580 Can not initiate TLS negotiation");
      assertThat(report.endpoint().connection()).isEqualTo("starttls:nntp");
      assertThat(report.plainTextPhase().orElseThrow().plainTextAuthenticationOffered()).contains(true);
    }
  }

  @Test
  void throughTheProbeAServerHangingAfterStartTlsEndsWithinTheHandshakeTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.answering(GREETING, "no upgrade", GO_AHEAD,
        (l, tls) -> l.equals("STARTTLS") ? "" : inn(l, tls), false))) {
      long start = System.nanoTime();
      TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port())
          .startTls(StartTls.NNTP).handshakeTimeout(Duration.ofMillis(400)).build());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
      assertThat(report.outcome().reason()).startsWith("server sent nothing while we awaited the response to STARTTLS");
      assertThat(took).isLessThan(Duration.ofMillis(1500));
    }
  }

  private static InjectionCheck injectionCheck(HostilePeer peer) throws Exception {
    StartTlsClient client = StartTlsClient.injectionCheck(StartTls.NNTP, "localhost");
    try (UpgradedSession session = UpgradedSession.open(client, peer.port(), TIMEOUT)) {
      assertThat(session.session().isValid()).isTrue();
    }
    return client.injectionResult("unreachable: the session was opened");
  }
}
