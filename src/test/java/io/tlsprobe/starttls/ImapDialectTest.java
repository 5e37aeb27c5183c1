package io.tlsprobe.starttls;

import static io.tlsprobe.starttls.LineScript.drain;
import static io.tlsprobe.starttls.LineScript.expect;
import static io.tlsprobe.starttls.LineScript.hangUp;
import static io.tlsprobe.starttls.LineScript.send;
import static io.tlsprobe.starttls.UpgradedSession.MARGIN;
import static io.tlsprobe.starttls.UpgradedSession.TIMEOUT;
import static io.tlsprobe.starttls.UpgradedSession.failure;
import static io.tlsprobe.starttls.UpgradedSession.upgrade;
import static io.tlsprobe.starttls.UpgradedSession.upgradeAndAfterTls;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.HostilePeer;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link ImapDialect} through {@link StartTlsClient} against scripted loopback peers: capabilities from the greeting or
 * from {@code CAPABILITY}, {@code LOGINDISABLED} as the authentication verdict, refusals, garbage, a close and silence
 * as failures quoting the server, and the injection check's reading of tagged answers.
 */
class ImapDialectTest {
  private static final String DOVECOT_GREETING =
      "* OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot (Debian) ready.";
  private static final String PLAIN_GREETING = "* OK imap.test ready";

  private static StartTlsClient client() {
    return StartTlsClient.of(StartTls.IMAP, "imap.test");
  }

  @Test
  void upgradesWithTheCapabilitiesOfTheGreetingWithoutAskingForThem() throws Exception {
    LineScript script = LineScript.of(send(DOVECOT_GREETING), expect("a2 STARTTLS"),
        send("a2 OK Begin TLS negotiation now."), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgrade(client(), peer);

      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.dialect()).isEqualTo("imap");
      assertThat(phase.greeting()).hasValue(DOVECOT_GREETING);
      assertThat(phase.capabilitiesBefore()).containsExactly("IMAP4rev1", "SASL-IR", "ID", "ENABLE", "IDLE",
          "LITERAL+", "STARTTLS", "LOGINDISABLED");
      assertThat(phase.startTlsAdvertised()).hasValue(true);
      assertThat(phase.plainTextAuthenticationOffered()).hasValue(false);
      assertThat(phase.authenticationEvidence()).isEmpty();
      assertThat(phase.transcriptText()).isEqualTo("S: " + DOVECOT_GREETING + "\n"
          + "C: a2 STARTTLS\n"
          + "S: a2 OK Begin TLS negotiation now.\n");
    }
  }

  @Test
  void asksForCapabilitiesWhenTheGreetingHasNoneAndSkipsUntaggedLines() throws Exception {
    LineScript script = LineScript.of(send(PLAIN_GREETING), expect("a1 CAPABILITY"),
        send("* CAPABILITY IMAP4rev1 STARTTLS", "* OK [ALERT] hello", "* CAPABILITY AUTH=PLAIN", "a1 OK done"),
        expect("a2 STARTTLS"), send("* OK still here", "a2 OK go"), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgrade(client(), peer);

      assertThat(phase.capabilitiesBefore()).containsExactly("IMAP4rev1", "STARTTLS", "AUTH=PLAIN");
      assertThat(phase.upgraded()).isTrue();
      assertThat(script.received()).containsExactly("a1 CAPABILITY", "a2 STARTTLS");
    }
  }

  @Test
  void offersPlainTextAuthenticationWithoutLoginDisabledAndNamesTheMechanisms() throws Exception {
    LineScript script = LineScript.of(send("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN AUTH=LOGIN] ready"),
        expect("a2 STARTTLS"), send("a2 OK go"), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgrade(client(), peer);

      assertThat(phase.plainTextAuthenticationOffered()).hasValue(true);
      assertThat(phase.authenticationEvidence()).containsExactly("no LOGINDISABLED before TLS",
          "AUTH=PLAIN in the capabilities before TLS", "AUTH=LOGIN in the capabilities before TLS");
    }
  }

  @Test
  void asksForCapabilitiesAgainInsideTls() throws Exception {
    LineScript script = LineScript.of(send(DOVECOT_GREETING), expect("a2 STARTTLS"), send("a2 OK go"),
        expect("a3 CAPABILITY"), send("* CAPABILITY IMAP4rev1 AUTH=PLAIN", "a3 OK listed"), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgradeAndAfterTls(client(), peer);

      assertThat(phase.capabilitiesAfter()).containsExactly("IMAP4rev1", "AUTH=PLAIN");
      assertThat(phase.transcript().get(phase.transcript().size() - 1).toString()).isEqualTo("S (tls): a3 OK listed");
    }
  }

  @Test
  void aServerWithoutStartTlsIsNotAdvertisedNamingItsCapabilities() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi"),
        drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e.getMessage()).isEqualTo("server did not advertise STARTTLS; capabilities were: IMAP4rev1 AUTH=PLAIN");
      assertThat(e.phase().startTlsAdvertised()).hasValue(false);
      assertThat(e.phase().plainTextAuthenticationOffered()).hasValue(true);
    }
  }

  @Test
  void aTaggedNoToStartTlsIsARefusalQuotingIt() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(DOVECOT_GREETING), expect("a2 STARTTLS"),
        send("a2 NO [UNAVAILABLE] TLS is not configured"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused STARTTLS: a2 NO [UNAVAILABLE] TLS is not configured");
      assertThat(e.phase().upgraded()).isFalse();
    }
  }

  @Test
  void aByeGreetingIsARefusedSession() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("* BYE too many connections"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused the session in its greeting: * BYE too many connections");
    }
  }

  @Test
  void aPreauthGreetingStillAsksForTheUpgradeAndTheServerDecides() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] hi"),
        expect("a2 STARTTLS"), send("a2 BAD STARTTLS not valid in authenticated state"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused STARTTLS: a2 BAD STARTTLS not valid in authenticated state");
      assertThat(e.phase().greeting()).hasValue("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] hi");
    }
  }

  @Test
  void aByeWhileWaitingEndsTheSessionQuotingIt() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(PLAIN_GREETING), expect("a1 CAPABILITY"),
        send("* BYE shutting down"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server ended the session: * BYE shutting down");
    }
  }

  @Test
  void anSmtpGreetingIsNotAnImapResponse() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("220 mail.test ESMTP Postfix"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server's answer is not an IMAP response: 220 mail.test ESMTP Postfix");
    }
  }

  @Test
  void aLineWithAStrangeTagOrStatusIsGarbage() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(PLAIN_GREETING), expect("a1"),
        send("zz OK who asked"), drain()))) {
      assertThat(failure(client(), peer).getMessage())
          .isEqualTo("server's answer is not an IMAP response: zz OK who asked");
    }
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(PLAIN_GREETING), expect("a1"),
        send("a1 MAYBE"), drain()))) {
      assertThat(failure(client(), peer).getMessage()).isEqualTo("server's answer is not an IMAP response: a1 MAYBE");
    }
  }

  @Test
  void aCloseMidExchangeSaysWhatWasAwaited() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(PLAIN_GREETING), expect("a1 CAPABILITY"),
        hangUp()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e.getMessage()).isEqualTo("server closed the connection while we awaited the answer to a1 CAPABILITY");
      assertThat(e.phase().greeting()).hasValue(PLAIN_GREETING);
    }
  }

  @Test
  void aSilentServerFailsWithinTheChannelTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(HostilePeer::staySilent)) {
      long start = System.nanoTime();
      StartTlsException e = failure(client(), peer);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e.getMessage()).startsWith("server sent nothing while we awaited the server's greeting");
      assertThat(took).isBetween(TIMEOUT, TIMEOUT.plus(MARGIN));
    }
  }

  @Test
  void injectionCheckFindsTheInjectedTagAnsweredInsideTls() throws Exception {
    LineScript buggy = LineScript.of(send(DOVECOT_GREETING), expect("a2 STARTTLS"), send("a2 OK go"),
        expect("X1 NOOP"), send("X1 OK NOOP completed"), expect("X2 NOOP"), send("X2 OK NOOP completed"), drain());
    try (HostilePeer peer = HostilePeer.start(buggy)) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
      assertThat(check.injectedCommand()).isEqualTo("X1 NOOP");
      assertThat(check.transcript()).extracting(Object::toString).contains("C: a2 STARTTLS", "C: X1 NOOP",
          "S (tls): X1 OK NOOP completed");
    }
  }

  @Test
  void injectionCheckFindsOnlyItsOwnTagAnsweredInsideTls() throws Exception {
    LineScript sound = LineScript.of(send(DOVECOT_GREETING), expect("a2 STARTTLS"), send("a2 OK go"),
        expect("X1 NOOP"), expect("X2 NOOP"), send("* 0 EXISTS", "X2 OK NOOP completed"), drain());
    try (HostilePeer peer = HostilePeer.start(sound)) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  private static InjectionCheck injectionCheck(HostilePeer peer) throws Exception {
    StartTlsClient client = StartTlsClient.injectionCheck(StartTls.IMAP, "imap.test");
    try (Socket socket = UpgradedSession.connect(peer.port(), TIMEOUT)) {
      client.upgrade(PlainTextChannel.of(socket));
      client.afterTls(PlainTextChannel.of(socket));
    }
    return client.injectionResult("unused");
  }
}
