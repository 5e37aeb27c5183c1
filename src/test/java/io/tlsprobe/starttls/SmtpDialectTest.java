package io.tlsprobe.starttls;

import static io.tlsprobe.starttls.ScriptedSmtpPeer.drain;
import static io.tlsprobe.starttls.ScriptedSmtpPeer.expect;
import static io.tlsprobe.starttls.ScriptedSmtpPeer.hangUp;
import static io.tlsprobe.starttls.ScriptedSmtpPeer.raw;
import static io.tlsprobe.starttls.ScriptedSmtpPeer.script;
import static io.tlsprobe.starttls.ScriptedSmtpPeer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.Outcome.Kind;
import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.Direction;
import io.tlsprobe.report.PlainTextPhase.Line;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.HostilePeer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link SmtpDialect} through {@link StartTlsClient} against scripted loopback peers: the exchange up to the go-ahead,
 * the capabilities and authentication it records, every way a server can refuse or misbehave (each a
 * {@link StartTlsException} quoting the server, within the socket's timeout), and the same failures as probe outcomes
 * under the probe's STARTTLS deadline. The injection check's reading: {@link SmtpInjectionReadingTest}.
 */
class SmtpDialectTest {
  private static final Duration TIMEOUT = Duration.ofMillis(600);
  /** What a loaded CI machine may add to a timeout before the failure reaches the test. */
  private static final Duration MARGIN = Duration.ofMillis(1500);

  private static final String GREETING = "220 mail.test ESMTP Postfix";
  private static final String[] EHLO_REPLY = {
      "250-mail.test", "250-PIPELINING", "250-SIZE 10240000", "250-STARTTLS", "250-AUTH PLAIN LOGIN",
      "250-ENHANCEDSTATUSCODES", "250 8BITMIME"};
  private static final String[] EHLO_REPLY_IN_TLS = {
      "250-mail.test", "250-PIPELINING", "250-SIZE 10240000", "250-AUTH PLAIN LOGIN", "250-ENHANCEDSTATUSCODES",
      "250 8BITMIME"};

  @Nested
  class Upgrade {
    @Test
    void upgradesAfterGreetingEhloAndStartTls() throws Exception {
      // given
      try (HostilePeer peer = HostilePeer.start(script(send(GREETING), expect("EHLO tlsprobe.invalid"),
          send(EHLO_REPLY), expect("STARTTLS"), send("220 2.0.0 Ready to start TLS"), drain()))) {
        StartTlsClient client = StartTlsClient.of(StartTls.SMTP, "mail.test");
        // when
        PlainTextPhase phase = upgrade(client, peer);
        // then
        assertThat(phase.upgraded()).isTrue();
        assertThat(phase.dialect()).isEqualTo("smtp");
        assertThat(phase.greeting()).hasValue(GREETING);
        assertThat(phase.startTlsAdvertised()).hasValue(true);
        assertThat(phase.capabilitiesBefore()).containsExactly("PIPELINING", "SIZE 10240000", "STARTTLS",
            "AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES", "8BITMIME");
        assertThat(phase.transcriptText()).isEqualTo("""
            S: 220 mail.test ESMTP Postfix
            C: EHLO tlsprobe.invalid
            S: 250-mail.test
            S: 250-PIPELINING
            S: 250-SIZE 10240000
            S: 250-STARTTLS
            S: 250-AUTH PLAIN LOGIN
            S: 250-ENHANCEDSTATUSCODES
            S: 250 8BITMIME
            C: STARTTLS
            S: 220 2.0.0 Ready to start TLS
            """);
      }
    }

    @Test
    void recordsAuthenticationOfferedBeforeTlsWithItsEvidence() throws Exception {
      try (HostilePeer peer = HostilePeer.start(script(send(GREETING), expect("EHLO"), send(EHLO_REPLY),
          expect("STARTTLS"), send("220 go ahead"), drain()))) {
        PlainTextPhase phase = upgrade(StartTlsClient.of(StartTls.SMTP, "mail.test"), peer);
        assertThat(phase.plainTextAuthenticationOffered()).hasValue(true);
        assertThat(phase.authenticationEvidence()).containsExactly("AUTH PLAIN LOGIN in the EHLO reply before TLS");
      }
    }

    @Test
    void recordsNoAuthenticationWhenEhloListsNoAuthExtension() throws Exception {
      try (HostilePeer peer = HostilePeer.start(script(send(GREETING), expect("EHLO"),
          send("250-mail.test", "250-STARTTLS", "250 AUTH=LOGIN-not-a-keyword-here"), expect("STARTTLS"),
          send("220 go ahead"), drain()))) {
        PlainTextPhase phase = upgrade(StartTlsClient.of(StartTls.SMTP, "mail.test"), peer);
        assertThat(phase.plainTextAuthenticationOffered()).as("AUTH=LOGIN is the old Netscape form of AUTH")
            .hasValue(true);
      }
      try (HostilePeer peer = HostilePeer.start(script(send(GREETING), expect("EHLO"),
          send("250-mail.test", "250-STARTTLS", "250 AUTHENTIC-ISH"), expect("STARTTLS"),
          send("220 go ahead"), drain()))) {
        PlainTextPhase phase = upgrade(StartTlsClient.of(StartTls.SMTP, "mail.test"), peer);
        assertThat(phase.plainTextAuthenticationOffered()).hasValue(false);
        assertThat(phase.authenticationEvidence()).isEmpty();
      }
    }

    @Test
    void readsMultiLineGreetingAndTrimsExtensions() throws Exception {
      try (HostilePeer peer = HostilePeer.start(script(send("220-mail.test ESMTP", "220 no UCE"), expect("EHLO"),
          send("250-mail.test", "250-  STARTTLS  ", "250-", "250 SMTPUTF8"), expect("STARTTLS"), send("220 go"),
          drain()))) {
        PlainTextPhase phase = upgrade(StartTlsClient.of(StartTls.SMTP, "mail.test"), peer);
        assertThat(phase.greeting()).hasValue("220 mail.test ESMTP / no UCE");
        assertThat(phase.capabilitiesBefore()).containsExactly("STARTTLS", "SMTPUTF8");
        assertThat(phase.upgraded()).isTrue();
      }
    }

    @Test
    void lmtpGreetsWithLhlo() throws Exception {
      try (HostilePeer peer = HostilePeer.start(script(send("220 lmtp.test LMTP"), expect("LHLO tlsprobe.invalid"),
          send("250-lmtp.test", "250 STARTTLS"), expect("STARTTLS"), send("220 go ahead"), drain()))) {
        PlainTextPhase phase = upgrade(StartTlsClient.of(StartTls.LMTP, "lmtp.test"), peer);
        assertThat(phase.dialect()).isEqualTo("lmtp");
        assertThat(phase.upgraded()).isTrue();
        assertThat(phase.plainTextLines()).extracting(Line::text).contains("LHLO tlsprobe.invalid")
            .doesNotContain("EHLO tlsprobe.invalid");
      }
    }

    @Test
    void asksForCapabilitiesAgainAfterTls() throws Exception {
      try (HostilePeer peer = HostilePeer.start(script(send(GREETING), expect("EHLO"), send(EHLO_REPLY),
          expect("STARTTLS"), send("220 go ahead"), expect("EHLO tlsprobe.invalid"), send(EHLO_REPLY_IN_TLS),
          drain()));
          Socket socket = connect(peer)) {
        StartTlsClient client = StartTlsClient.of(StartTls.SMTP, "mail.test");
        client.upgrade(PlainTextChannel.of(socket));
        // when
        client.afterTls(PlainTextChannel.of(socket));
        // then
        PlainTextPhase phase = client.phase();
        assertThat(phase.capabilitiesAfter()).containsExactly("PIPELINING", "SIZE 10240000", "AUTH PLAIN LOGIN",
            "ENHANCEDSTATUSCODES", "8BITMIME");
        assertThat(phase.capabilitiesBefore()).contains("STARTTLS");
        assertThat(phase.transcript()).filteredOn(Line::overTls).first()
            .isEqualTo(new Line(Direction.CLIENT, true, "EHLO tlsprobe.invalid"));
        assertThat(phase.plainTextLines()).hasSize(11);
      }
    }

    @Test
    void recordsAndDropsBytesSentAfterTheGoAhead() throws Exception {
      try (HostilePeer peer = HostilePeer.start(script(send(GREETING), expect("EHLO"), send(EHLO_REPLY),
          expect("STARTTLS"), send("220 go ahead", "250 surprise"), drain()))) {
        PlainTextPhase phase = upgrade(StartTlsClient.of(StartTls.SMTP, "mail.test"), peer);
        assertThat(phase.upgraded()).isTrue();
        assertThat(phase.transcript()).last().extracting(Line::text)
            .isEqualTo("(14 more bytes in clear after the go-ahead, dropped: 250 surprise\\x0d\\x0a)");
      }
    }
  }

  @Nested
  class Failures {
    @Test
    void namesTheExtensionsWhenStartTlsIsNotAdvertised() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send(GREETING), expect("EHLO"),
          send("250-mail.test", "250-PIPELINING", "250-SIZE 10240000", "250 8BITMIME"), drain()));
      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e).hasMessage(
          "server did not advertise STARTTLS; extensions were: PIPELINING, SIZE 10240000, 8BITMIME");
      assertThat(e.phase().startTlsAdvertised()).hasValue(false);
      assertThat(e.phase().upgraded()).isFalse();
      assertThat(e.phase().plainTextLines()).extracting(Line::text).doesNotContain("STARTTLS");
    }

    @Test
    void saysNoneWhenEhloListsNoExtension() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send(GREETING), expect("EHLO"), send("250 mail.test"),
          drain()));
      assertThat(e).hasMessage("server did not advertise STARTTLS; extensions were: none");
    }

    @Test
    void quotesTheRefusalOfStartTls() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send(GREETING), expect("EHLO"), send(EHLO_REPLY),
          expect("STARTTLS"), send("454 4.7.0 TLS not available due to local problem"), drain()));
      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e).hasMessage("server refused STARTTLS: 454 4.7.0 TLS not available due to local problem");
      assertThat(e.phase().startTlsAdvertised()).hasValue(true);
      assertThat(e.phase().upgraded()).isFalse();
    }

    @Test
    void takesOnlyTwoTwentyAsTheGoAhead() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send(GREETING), expect("EHLO"), send(EHLO_REPLY),
          expect("STARTTLS"), send("250 2.0.0 Ok"), drain()));
      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e).hasMessage("server refused STARTTLS: 250 2.0.0 Ok");
    }

    @Test
    void quotesTheGreetingThatRefusesTheSession() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send("554 5.3.2 mail.test has no service for you"),
          drain()));
      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e).hasMessage(
          "server refused the session in its greeting: 554 5.3.2 mail.test has no service for you");
      assertThat(e.phase().greeting()).hasValue("554 5.3.2 mail.test has no service for you");
      assertThat(e.phase().transcript()).hasSize(1);
    }

    @Test
    void quotesTheRejectionOfEhlo() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send(GREETING), expect("EHLO"),
          send("502 5.5.2 Error: command not recognized"), drain()));
      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e).hasMessage("server rejected EHLO: 502 5.5.2 Error: command not recognized");
    }

    @Test
    void rejectsAnSshBannerAsGreeting() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"),
          drain()));
      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e).hasMessage("server's answer is not an SMTP reply: SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
    }

    @Test
    void rejectsAnHttpResponseAsGreeting() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send("HTTP/1.1 400 Bad Request", "Content-Length: 0", ""),
          drain()));
      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e).hasMessage("server's answer is not an SMTP reply: HTTP/1.1 400 Bad Request");
    }

    @Test
    void rejectsAReplyWhoseCodeChangesMidway() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send(GREETING), expect("EHLO"),
          send("250-mail.test", "550 STARTTLS"), drain()));
      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e).hasMessage("server changed the reply code within one reply: 250 then 550 STARTTLS");
    }

    @Test
    void reportsACloseInTheMiddleOfAReplyWithItsLastBytes() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(send(GREETING), expect("EHLO"),
          raw("250-mail.test\r\n250-PIPELI"), hangUp()));
      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e).hasMessage("server closed the connection while we awaited the reply to EHLO tlsprobe.invalid;"
          + " its last bytes were 250-PIPELI");
      assertThat(e.phase().transcript()).last().extracting(Line::text).isEqualTo("250-mail.test");
    }

    @Test
    void reportsACloseBeforeTheGreeting() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(hangUp()));
      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e).hasMessage("server closed the connection while we awaited the server's greeting");
      assertThat(e.phase().greeting()).isEmpty();
    }

    @Test
    void stopsWaitingForASilentServerWithinTheTimeout() throws Exception {
      long start = System.nanoTime();
      StartTlsException e = failure(StartTls.SMTP, script(drain()));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e).hasMessage("server sent nothing while we awaited the server's greeting (Read timed out)");
      assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plus(MARGIN));
    }

    @Test
    void stopsWaitingForTheAnswerToStartTlsWithinTheTimeout() throws Exception {
      long start = System.nanoTime();
      StartTlsException e = failure(StartTls.SMTP, script(send(GREETING), expect("EHLO"), send(EHLO_REPLY),
          expect("STARTTLS"), drain()));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e).hasMessage("server sent nothing while we awaited the reply to STARTTLS (Read timed out)");
      assertThat(elapsed).isLessThan(TIMEOUT.plus(MARGIN));
    }

    @Test
    void quotesAnUnfinishedLineWhenTheServerGoesSilentInIt() throws Exception {
      StartTlsException e = failure(StartTls.SMTP, script(raw("\u0015\u0003\u0001\u0000\u0002\u0002\u0046"),
          drain()));
      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e).hasMessage("server sent nothing while we awaited the server's greeting (Read timed out) after 7"
          + " bytes of it; its last bytes were an unfinished line: \\x15\\x03\\x01\\x00\\x02\\x02F");
    }

    @Test
    void stopsAnEndlessMultiLineReply() throws Exception {
      long start = System.nanoTime();
      StartTlsException e = failure(StartTls.SMTP, script(send(GREETING), expect("EHLO"), (socket, in) -> {
        OutputStream out = socket.getOutputStream();
        for (int i = 0; i < 100_000; i++) {
          out.write(("250-EXTENSION" + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
      }, drain()));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e.reason()).isEqualTo(Reason.TOO_MUCH);
      assertThat(e).hasMessage("server sent a reply of more than 200 lines");
      assertThat(elapsed).as("stopped by the line limit, not the timeout").isLessThan(TIMEOUT);
      assertThat(e.phase().transcript()).hasSizeLessThanOrEqualTo(PlainTextPhase.MAX_LINES);
    }

    @Test
    void rejectsAnOverlongLine() throws Exception {
      String endless = "220 " + "x".repeat(20_000);
      StartTlsException e = failure(StartTls.SMTP, script(raw(endless), drain()));
      assertThat(e.reason()).isEqualTo(Reason.TOO_MUCH);
      assertThat(e.getMessage()).startsWith("server sent a line longer than 8192 bytes while we awaited the server's"
          + " greeting: 220 xxxx").endsWith("…");
    }
  }

  @Nested
  class UnderTheProbesDeadline {
    @Test
    void cutsAServerThatTricklesAnEndlessGreetingAtTheStartTlsDeadline() throws Exception {
      // given: every byte arrives well within any per-read timeout, and the greeting never ends
      Duration deadline = Duration.ofMillis(800);
      try (HostilePeer peer = HostilePeer.start(script((socket, in) -> {
        OutputStream out = socket.getOutputStream();
        while (true) {
          for (byte b : "220-still greeting\r\n".getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            Thread.sleep(20);
          }
        }
      }))) {
        warmUpTheProbe();
        // when
        long start = System.nanoTime();
        TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port())
            .startTls(StartTls.SMTP).handshakeTimeout(deadline).build());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        // then
        assertThat(report.outcome().kind()).as(report.toString()).isEqualTo(Kind.STARTTLS_FAILED);
        assertThat(report.outcome().reason()).matches("server sent nothing while we awaited the server's greeting"
            + " \\(the STARTTLS timeout \\(800 ms\\) ran out\\) after \\d+ bytes of it.*");
        assertThat(report.plainTextPhase().orElseThrow().plainTextLines()).extracting(Line::text)
            .contains("220-still greeting");
        assertThat(elapsed).isGreaterThanOrEqualTo(deadline.minusMillis(50)).isLessThan(deadline.plus(MARGIN));
      }
    }

    @Test
    void reportsTheRefusalOfStartTlsAsTheOutcome() throws Exception {
      try (HostilePeer peer = HostilePeer.start(script(send(GREETING), expect("EHLO"), send(EHLO_REPLY),
          expect("STARTTLS"), send("454 4.7.0 TLS not available due to local problem"), drain()))) {
        long start = System.nanoTime();
        TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port())
            .startTls(StartTls.SMTP).handshakeTimeout(Duration.ofSeconds(5)).build());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
        assertThat(report.outcome().reason())
            .isEqualTo("server refused STARTTLS: 454 4.7.0 TLS not available due to local problem");
        assertThat(report.plainTextPhase().orElseThrow().injection()).as("no TLS, no check").isEmpty();
        assertThat(elapsed).as("a refusal is an answer, not a timeout").isLessThan(Duration.ofSeconds(2));
      }
    }

    @Test
    void reportsAGarbageGreetingAsTheOutcome() throws Exception {
      try (HostilePeer peer = HostilePeer.start(script(send("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"), drain()))) {
        TlsConnectionReport report = TlsProbes.probe(ProbeOptions.builder("127.0.0.1", peer.port())
            .startTls(StartTls.SMTP).handshakeTimeout(Duration.ofSeconds(5)).build());
        assertThat(report.outcome().kind()).isEqualTo(Kind.STARTTLS_FAILED);
        assertThat(report.outcome().reason())
            .isEqualTo("server's answer is not an SMTP reply: SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
      }
    }
  }

  /** A first probe pays for class loading and the JDK's TLS set-up; timing tests measure the second. */
  private static void warmUpTheProbe() throws Exception {
    try (HostilePeer closing = HostilePeer.start(script(hangUp()))) {
      TlsProbes.probe(ProbeOptions.builder("127.0.0.1", closing.port()).startTls(StartTls.SMTP).build());
    }
  }

  private static Socket connect(HostilePeer peer) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port());
    socket.setSoTimeout((int) TIMEOUT.toMillis());
    return socket;
  }

  private static PlainTextPhase upgrade(StartTlsClient client, HostilePeer peer) throws IOException {
    try (Socket socket = connect(peer)) {
      client.upgrade(PlainTextChannel.of(socket));
      return client.phase();
    }
  }

  private static StartTlsException failure(StartTls dialect, HostilePeer.Behaviour behaviour) throws Exception {
    try (HostilePeer peer = HostilePeer.start(behaviour); Socket socket = connect(peer)) {
      StartTlsClient client = StartTlsClient.of(dialect, "mail.test");
      return assertThrows(StartTlsException.class, () -> client.upgrade(PlainTextChannel.of(socket)));
    }
  }
}
