package io.tlsprobe.starttls;

import static io.tlsprobe.starttls.LineScript.drain;
import static io.tlsprobe.starttls.LineScript.expect;
import static io.tlsprobe.starttls.LineScript.hangUp;
import static io.tlsprobe.starttls.LineScript.send;
import static io.tlsprobe.starttls.LineScript.sendRaw;
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
 * {@link SieveDialect} through {@link StartTlsClient} against scripted loopback peers: capabilities the server sends
 * unprompted (before TLS and again inside it), {@code "SASL"} as the authentication verdict, literals, refusals,
 * garbage, a close and silence as failures quoting the server, and the injection check telling a one-line answer from
 * a capability list.
 */
class SieveDialectTest {
  private static final String[] CAPABILITIES = {
      "\"IMPLEMENTATION\" \"Dovecot (Debian) Pigeonhole\"", "\"SIEVE\" \"fileinto reject envelope\"",
      "\"NOTIFY\" \"mailto\"", "\"SASL\" \"PLAIN LOGIN\"", "\"STARTTLS\"", "\"VERSION\" \"1.0\"",
      "OK \"Dovecot (Debian) ready.\""};
  private static final String[] LOCKED = {
      "\"IMPLEMENTATION\" \"Dovecot (Debian) Pigeonhole\"", "\"SASL\" \"\"", "\"STARTTLS\"", "\"VERSION\" \"1.0\"",
      "OK \"Dovecot (Debian) ready.\""};
  private static final String[] IN_TLS = {
      "\"IMPLEMENTATION\" \"Dovecot (Debian) Pigeonhole\"", "\"SASL\" \"PLAIN LOGIN\"", "\"VERSION\" \"1.0\"",
      "OK \"TLS negotiation successful.\""};

  private static StartTlsClient client() {
    return StartTlsClient.of(StartTls.SIEVE, "sieve.test");
  }

  @Test
  void upgradesAfterTheUnpromptedCapabilitiesWithoutAskingForThem() throws Exception {
    LineScript script = LineScript.of(send(CAPABILITIES), expect("STARTTLS"),
        send("OK \"Begin TLS negotiation now.\""), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgrade(client(), peer);

      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.dialect()).isEqualTo("sieve");
      assertThat(phase.greeting()).hasValue("OK \"Dovecot (Debian) ready.\"");
      assertThat(phase.capabilitiesBefore()).containsExactly("IMPLEMENTATION Dovecot (Debian) Pigeonhole",
          "SIEVE fileinto reject envelope", "NOTIFY mailto", "SASL PLAIN LOGIN", "STARTTLS", "VERSION 1.0");
      assertThat(phase.startTlsAdvertised()).hasValue(true);
      assertThat(phase.plainTextAuthenticationOffered()).hasValue(true);
      assertThat(phase.authenticationEvidence()).containsExactly("SASL PLAIN LOGIN in the capabilities before TLS");
      assertThat(script.received()).containsExactly("STARTTLS");
    }
  }

  @Test
  void anEmptySaslCapabilityOffersNoAuthentication() throws Exception {
    LineScript script = LineScript.of(send(LOCKED), expect("STARTTLS"), send("OK"), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgrade(client(), peer);

      assertThat(phase.capabilitiesBefore()).contains("SASL");
      assertThat(phase.plainTextAuthenticationOffered()).hasValue(false);
      assertThat(phase.upgraded()).isTrue();
    }
  }

  @Test
  void readsLiteralsAndEscapesInCapabilities() throws Exception {
    LineScript script = LineScript.of(sendRaw("\"SIEVE\" {17+}\r\nfileinto vacation\r\n"
        + "\"IMPLEMENTATION\" \"say \\\"hi\\\"\"\r\n\"STARTTLS\"\r\nOK\r\n"), expect("STARTTLS"), send("OK"), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgrade(client(), peer);

      assertThat(phase.capabilitiesBefore()).containsExactly("SIEVE fileinto vacation", "IMPLEMENTATION say \"hi\"",
          "STARTTLS");
      assertThat(phase.transcript()).extracting(Object::toString)
          .contains("S: (literal of 17 bytes) fileinto vacation");
    }
  }

  @Test
  void readsTheCapabilitiesTheServerResendsInsideTlsWithoutSendingAnything() throws Exception {
    LineScript script = LineScript.of(send(LOCKED), expect("STARTTLS"), send("OK"), send(IN_TLS), drain());
    try (HostilePeer peer = HostilePeer.start(script)) {
      PlainTextPhase phase = upgradeAndAfterTls(client(), peer);

      assertThat(phase.capabilitiesAfter()).containsExactly("IMPLEMENTATION Dovecot (Debian) Pigeonhole",
          "SASL PLAIN LOGIN", "VERSION 1.0");
      assertThat(script.received()).containsExactly("STARTTLS");
    }
  }

  @Test
  void aServerWithoutStartTlsIsNotAdvertisedNamingItsCapabilities() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("\"SASL\" \"PLAIN\"", "\"VERSION\" \"1.0\"", "OK"),
        drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e.getMessage()).isEqualTo("server did not advertise STARTTLS; capabilities were: SASL PLAIN, VERSION 1.0");
    }
  }

  @Test
  void aNoToStartTlsIsARefusalQuotingItsLiteralText() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(LOCKED), expect("STARTTLS"),
        sendRaw("NO (\"TRYLATER\") {20}\r\nTLS is not available\r\n"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused STARTTLS: NO (\"TRYLATER\") \"TLS is not available\"");
    }
  }

  @Test
  void aByeInsteadOfCapabilitiesIsARefusedSession() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("BYE \"Too many connections\""), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused the session in its greeting: BYE \"Too many connections\"");
    }
  }

  @Test
  void anSmtpGreetingIsNotAManageSieveResponse() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("220 mail.test ESMTP"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server's answer is not a ManageSieve response: 220 mail.test ESMTP");
    }
  }

  @Test
  void anUnterminatedStringIsGarbage() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("\"SASL\" \"PLAIN", "OK"), drain()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server sent an unterminated string in a capability: \"SASL\" \"PLAIN");
    }
  }

  @Test
  void aCloseBeforeTheAnswerToStartTlsSaysWhatWasAwaited() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send(LOCKED), expect("STARTTLS"), hangUp()))) {
      StartTlsException e = failure(client(), peer);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e.getMessage()).isEqualTo("server closed the connection while we awaited the answer to STARTTLS");
      assertThat(e.phase().startTlsAdvertised()).hasValue(true);
    }
  }

  @Test
  void aServerThatStopsInTheMiddleOfItsCapabilitiesFailsWithinTheChannelTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(LineScript.of(send("\"STARTTLS\""), drain()))) {
      long start = System.nanoTime();
      StartTlsException e = failure(client(), peer);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e.getMessage()).startsWith("server sent nothing while we awaited the server's capabilities");
      assertThat(took).isBetween(TIMEOUT, TIMEOUT.plus(MARGIN));
    }
  }

  @Test
  void injectionCheckFindsTheInjectedNoopAnsweredInsideTls() throws Exception {
    LineScript buggy = LineScript.of(send(LOCKED), expect("STARTTLS"), send("OK"), expect("NOOP"), send(IN_TLS),
        send("OK \"NOOP completed.\""), expect("CAPABILITY"), send(IN_TLS), drain());
    try (HostilePeer peer = HostilePeer.start(buggy)) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.VULNERABLE);
      assertThat(check.injectedCommand()).isEqualTo("NOOP");
    }
  }

  @Test
  void injectionCheckFindsANoopAnsweredBeforeTheResentCapabilities() throws Exception {
    LineScript buggy = LineScript.of(send(LOCKED), expect("STARTTLS"), send("OK"), expect("NOOP"),
        send("OK \"NOOP completed.\""), send(IN_TLS), drain());
    try (HostilePeer peer = HostilePeer.start(buggy)) {
      assertThat(injectionCheck(peer).verdict()).isEqualTo(InjectionVerdict.VULNERABLE);
    }
  }

  @Test
  void injectionCheckFindsOnlyCapabilityListsInsideTls() throws Exception {
    LineScript sound = LineScript.of(send(LOCKED), expect("STARTTLS"), send("OK"), expect("NOOP"), send(IN_TLS),
        expect("CAPABILITY"), send(IN_TLS), drain());
    try (HostilePeer peer = HostilePeer.start(sound)) {
      InjectionCheck check = injectionCheck(peer);

      assertThat(check.verdict()).as(check.toString()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
      assertThat(sound.received()).containsExactly("STARTTLS", "NOOP", "CAPABILITY");
    }
  }

  private static InjectionCheck injectionCheck(HostilePeer peer) throws Exception {
    StartTlsClient client = StartTlsClient.injectionCheck(StartTls.SIEVE, "sieve.test");
    try (Socket socket = UpgradedSession.connect(peer.port(), TIMEOUT)) {
      client.upgrade(PlainTextChannel.of(socket));
      client.afterTls(PlainTextChannel.of(socket));
    }
    return client.injectionResult("unused");
  }
}
