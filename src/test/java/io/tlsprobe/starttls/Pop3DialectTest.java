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
 * {@link Pop3Dialect} through {@link StartTlsClient} against scripted loopback peers: {@code CAPA} and {@code STLS},
 * {@code USER}/{@code SASL} as the authentication verdict, refusals, garbage, a close and silence as failures quoting
 * the server, and the injection check telling a one-line answer from {@code CAPA}'s list.
 */
class Pop3DialectTest {
  private static final String GREETING = "+OK Dovecot (Debian) ready.";
  private static final String[] CAPA_WITH_USER = {"+OK", "CAPA", "TOP", "UIDL", "STLS", "USER", "SASL PLAIN LOGIN",
      "."};
  private static final String[] CAPA_LOCKED = {"+OK", "CAPA", "TOP", "STLS", "SASL", "."};
  private static final String[] CAPA_IN_TLS = {"+OK", "CAPA", "TOP", "USER", "SASL PLAIN LOGIN", "."};

  private static StartTlsClient client() {
    return StartTlsClient.of(StartTls.POP3, "pop.test");
  }

  @Test
  void upgradesAfterCapaAndStls() throws Exception {
    LineScript script = LineScript.of(send(GREETING), expect("CAPA"), send(CAPA_WITH_USER), expect("STLS"),
        send("+OK Begin TLS negotiation now."), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgrade(client(), peer);

      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.dialect()).isEqualTo("pop3");
      assertThat(phase.greeting()).hasValue(GREETING);
      assertThat(phase.capabilitiesBefore()).containsExactly("CAPA", "TOP", "UIDL", "STLS", "USER",
          "SASL PLAIN LOGIN");
      assertThat(phase.startTlsAdvertised()).hasValue(true);
      assertThat(phase.plainTextAuthenticationOffered()).hasValue(true);
      assertThat(phase.authenticationEvidence()).containsExactly("USER in the CAPA list before TLS",
          "SASL PLAIN LOGIN in the CAPA list before TLS");
      assertThat(phase.plainTextLines()).extracting(Object::toString).startsWith("S: " + GREETING, "C: CAPA", "S: +OK")
          .endsWith("S: .", "C: STLS", "S: +OK Begin TLS negotiation now.");
    }
  }

  @Test
  void aSaslCapabilityWithoutMechanismsAndNoUserOffersNoAuthentication() throws Exception {
    LineScript script = LineScript.of(send(GREETING), expect("CAPA"), send(CAPA_LOCKED), expect("STLS"),
        send("+OK go"), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgrade(client(), peer);

      assertThat(phase.plainTextAuthenticationOffered()).hasValue(false);
      assertThat(phase.authenticationEvidence()).isEmpty();
    }
  }

  @Test
  void undoesDotStuffingAndSkipsBlankLinesInTheList() throws Exception {
    LineScript script = LineScript.of(send(GREETING), expect("CAPA"), send("+OK", "..X-DOTTED", "", "STLS", "."),
        expect("STLS"), send("+OK go"), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      assertThat(upgrade(client(), peer).capabilitiesBefore()).containsExactly(".X-DOTTED", "STLS");
    }
  }

  @Test
  void asksForCapabilitiesAgainInsideTls() throws Exception {
    LineScript script = LineScript.of(send(GREETING), expect("CAPA"), send(CAPA_LOCKED), expect("STLS"),
        send("+OK go"), expect("CAPA"), send(CAPA_IN_TLS), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgradeAndAfterTls(client(), peer);

      assertThat(phase.capabilitiesAfter()).containsExactly("CAPA", "TOP", "USER", "SASL PLAIN LOGIN");
      assertThat(phase.plainTextAuthenticationOffered()).as("only what was offered in clear counts").hasValue(false);
    }
  }

  @Test
  void aServerWithoutStlsIsNotAdvertisedNamingItsCapabilities() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(GREETING), expect("CAPA"),
        send("+OK", "TOP", "USER", "."), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e.getMessage()).isEqualTo("server did not advertise STARTTLS (STLS); capabilities were: TOP, USER");
      assertThat(e.phase().startTlsAdvertised()).hasValue(false);
    }
  }

  @Test
  void aServerWithoutCapaIsNotAdvertisedQuotingItsAnswer() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("+OK POP3 server ready"), expect("CAPA"),
        send("-ERR unknown command"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e.getMessage()).isEqualTo("server did not advertise STARTTLS (STLS): it has no capability list"
          + " (RFC 2449), CAPA was answered -ERR unknown command");
      assertThat(e.phase().startTlsAdvertised()).hasValue(false);
    }
  }

  @Test
  void anErrToStlsIsARefusalQuotingIt() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(GREETING), expect("CAPA"), send(CAPA_LOCKED),
        expect("STLS"), send("-ERR [SYS/TEMP] TLS initialization failed"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused STARTTLS (STLS): -ERR [SYS/TEMP] TLS initialization failed");
    }
  }

  @Test
  void anErrGreetingIsARefusedSession() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("-ERR go away"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused the session in its greeting: -ERR go away");
    }
  }

  @Test
  void anImapGreetingIsNotAPop3Response() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("* OK IMAP4rev1 ready"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server's answer is not a POP3 response: * OK IMAP4rev1 ready");
    }
  }

  @Test
  void aCloseInTheMiddleOfTheListSaysWhatWasAwaited() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(GREETING), expect("CAPA"), send("+OK", "TOP"),
        hangUp()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e.getMessage()).isEqualTo("server closed the connection while we awaited the end of the CAPA list");
    }
  }

  @Test
  void aServerThatGoesSilentAfterTheGreetingFailsWithinTheChannelTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(GREETING), drain()))) {
      long start = System.nanoTime();
      StartTlsException e = failure(client(), peer);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e.getMessage()).startsWith("server sent nothing while we awaited the answer to CAPA");
      assertThat(took).isBetween(TIMEOUT, TIMEOUT.plus(MARGIN));
    }
  }

  @Test
  void injectionCheckFindsAnErrToTheInjectedNoopInsideTls() throws Exception {
    LineScript buggy = LineScript.of(send(GREETING), expect("CAPA"), send(CAPA_LOCKED), expect("STLS"),
        send("+OK go"), expect("NOOP"), send("-ERR Unknown command."), expect("CAPA"), send(CAPA_IN_TLS), drain());
    try (HostilePeer peer = HostilePeer.start(buggy)) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
      assertThat(check.injectedCommand()).isEqualTo("NOOP");
    }
  }

  @Test
  void injectionCheckFindsAnOkToTheInjectedNoopBeforeCapasOwnOk() throws Exception {
    LineScript lenient = LineScript.of(send(GREETING), expect("CAPA"), send(CAPA_LOCKED), expect("STLS"),
        send("+OK go"), expect("NOOP"), send("+OK"), expect("CAPA"), send(CAPA_IN_TLS), drain());
    try (HostilePeer peer = HostilePeer.start(lenient)) {
      assertThat(injectionCheck(peer).verdict()).isEqualTo(InjectionVerdict.VULNERABLE);
    }
  }

  @Test
  void injectionCheckFindsOnlyCapasListInsideTls() throws Exception {
    LineScript sound = LineScript.of(send(GREETING), expect("CAPA"), send(CAPA_LOCKED), expect("STLS"),
        send("+OK go"), expect("NOOP"), expect("CAPA"), send(CAPA_IN_TLS), drain());
    try (HostilePeer peer = HostilePeer.start(sound)) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    }
  }

  private static InjectionCheck injectionCheck(HostilePeer peer) throws Exception {
    StartTlsClient client = StartTlsClient.injectionCheck(StartTls.POP3, "pop.test");
    try (Socket socket = UpgradedSession.connect(peer.port(), TIMEOUT)) {
      client.upgrade(PlainTextChannel.of(socket));
      client.afterTls(PlainTextChannel.of(socket));
    }
    return client.injectionResult("unused");
  }
}
