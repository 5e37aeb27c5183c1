package io.tlsprobe.starttls;

import static io.tlsprobe.starttls.ScriptedSmtpPeer.expect;
import static io.tlsprobe.starttls.ScriptedSmtpPeer.reader;
import static io.tlsprobe.starttls.ScriptedSmtpPeer.send;
import static io.tlsprobe.starttls.ScriptedSmtpPeer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tlsprobe.report.PlainTextPhase.InjectionCheck;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.PlainTextPhase.Line;
import io.tlsprobe.starttls.ScriptedSmtpPeer.Step;
import io.tlsprobe.testing.HostilePeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How {@link SmtpDialect} reads the injection check's replies, against scripted peers: {@code NOOP} goes out in the
 * same write as {@code STARTTLS}; inside TLS, a server that answers {@code NOOP} before our {@code EHLO} is vulnerable
 * whatever the wording of its OK, one that answers {@code EHLO} first is not, one that answered in clear before TLS is
 * not, and silence or two replies that are not EHLO's are inconclusive. The "inside TLS" part runs over the same plain
 * socket: the dialect only sees a channel. (Real TLS: {@link StartTlsInjectionTest}, {@link PostfixStartTlsTest}.)
 */
class SmtpInjectionReadingTest {
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

  private final List<String> seenWithStartTls = new CopyOnWriteArrayList<>();

  /** Greeting, EHLO, STARTTLS (noting what arrived with it), 220; then {@code inside} plays the part after TLS. */
  private HostilePeer.Behaviour upToGoAhead(String goAhead, Step... inside) {
    return socket -> {
      BufferedReader in = reader(socket);
      OutputStream out = socket.getOutputStream();
      write(out, GREETING);
      in.readLine();
      write(out, EHLO_REPLY);
      seenWithStartTls.add(in.readLine());
      if (in.ready()) {
        seenWithStartTls.add(in.readLine());
      }
      write(out, goAhead);
      for (Step step : inside) {
        step.run(socket, in);
      }
      HostilePeer.drain(socket);
    };
  }

  @Test
  void sendsNoopInTheSameWriteAsStartTls() throws Exception {
    try (HostilePeer peer = HostilePeer.start(upToGoAhead("220 go ahead"))) {
      StartTlsClient client = StartTlsClient.injectionCheck(StartTls.SMTP, "mail.test");
      upgrade(client, peer);
      assertThat(seenWithStartTls).containsExactly("STARTTLS", "NOOP");
      assertThat(client.phase().plainTextLines()).extracting(Line::text).containsSubsequence("STARTTLS", "NOOP",
          "220 go ahead");
    }
  }

  @Test
  void findsTheInjectedCommandAnsweredInsideTls() throws Exception {
    InjectionCheck check = check(upToGoAhead("220 go ahead", send("250 2.0.0 Ok"), expect("EHLO"),
        send(EHLO_REPLY_IN_TLS)));
    assertThat(check.verdict()).isEqualTo(InjectionVerdict.VULNERABLE);
    assertThat(check.injectedCommand()).isEqualTo("NOOP");
    assertThat(check.detail()).isEqualTo("the server answered NOOP, sent in clear with the upgrade command, inside"
        + " TLS");
    assertThat(check.transcript()).filteredOn(Line::overTls).extracting(Line::text)
        .startsWith("EHLO tlsprobe.invalid", "250 2.0.0 Ok", "250-mail.test");
  }

  @Test
  void findsTheInjectedCommandAnsweredBeforeASingleLineEhloReply() throws Exception {
    InjectionCheck check = check(upToGoAhead("220 go ahead", send("250 OK"), expect("EHLO"),
        send("250 mail.test")));
    assertThat(check.verdict()).isEqualTo(InjectionVerdict.VULNERABLE);
  }

  @Test
  void findsTheInjectedCommandEvenWhenItsAnswerIsAnError() throws Exception {
    InjectionCheck check = check(upToGoAhead("220 go ahead", send("503 5.5.1 Error: send HELO/EHLO first"),
        expect("EHLO"), send(EHLO_REPLY_IN_TLS)));
    assertThat(check.verdict()).isEqualTo(InjectionVerdict.VULNERABLE);
  }

  @ParameterizedTest(name = "NOOP answered \"{0}\"")
  @ValueSource(strings = {"250 OK", "250 ok", "250 2.0.0 OK", "250 Ok, nothing to do", "250 2.0.0 I did nothing",
      "250 OK noop"})
  void findsTheInjectedCommandWhateverTheWordingOfItsOk(String noopReply) throws Exception {
    InjectionCheck vulnerable = check(upToGoAhead("220 go ahead", send(noopReply), expect("EHLO"),
        send("250 mail.test")));
    assertThat(vulnerable.verdict()).as(vulnerable.transcript().toString()).isEqualTo(InjectionVerdict.VULNERABLE);
  }

  @Test
  void clearsAServerThatDiscardsTheInjectedCommand() throws Exception {
    InjectionCheck check = check(upToGoAhead("220 go ahead", expect("EHLO"), send(EHLO_REPLY_IN_TLS)));
    assertThat(check.verdict()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
    assertThat(check.detail()).isEqualTo("the server discarded NOOP, sent in clear with the upgrade command: its"
        + " first answer inside TLS was to our own command");
  }

  @Test
  void clearsAServerWhoseEhloReplyInsideTlsIsOneLine() throws Exception {
    InjectionCheck check = check(upToGoAhead("220 go ahead", expect("EHLO"), send("250 mail.test")));
    assertThat(check.verdict()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
  }

  @Test
  void clearsAServerThatAnswersTheInjectedCommandInClear() throws Exception {
    try (HostilePeer peer = HostilePeer.start(upToGoAhead("220 go ahead\r\n250 2.0.0 Ok"));
        Socket socket = connect(peer)) {
      StartTlsClient client = StartTlsClient.injectionCheck(StartTls.SMTP, "mail.test");
      client.upgrade(PlainTextChannel.of(socket));
      InjectionCheck check = client.injectionResult("TLS never started");
      assertThat(check.verdict()).isEqualTo(InjectionVerdict.NOT_VULNERABLE);
      assertThat(check.detail()).contains("in clear", "250 2.0.0 Ok\\x0d\\x0a", "NOOP");
    }
  }

  @Test
  void cannotTellWhenTheServerIsSilentInsideTls() throws Exception {
    long start = System.nanoTime();
    InjectionCheck check = check(upToGoAhead("220 go ahead"));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(check.verdict()).isEqualTo(InjectionVerdict.INCONCLUSIVE);
    assertThat(check.detail()).isEqualTo("no answer inside TLS: server sent nothing while we awaited the reply to"
        + " EHLO tlsprobe.invalid inside TLS (Read timed out)");
    assertThat(elapsed).isLessThan(TIMEOUT.plus(MARGIN));
  }

  @Test
  void cannotTellWhenNeitherReplyAnswersEhlo() throws Exception {
    InjectionCheck check = check(upToGoAhead("220 go ahead", send("250 2.0.0 Ok"), expect("EHLO"),
        send("502 5.5.2 Error: command not recognized")));
    assertThat(check.verdict()).isEqualTo(InjectionVerdict.INCONCLUSIVE);
    assertThat(check.detail()).isEqualTo("no answer inside TLS: neither of the server's first two replies inside"
        + " TLS answers EHLO tlsprobe.invalid: 250 2.0.0 Ok, then 502 5.5.2 Error: command not recognized");
  }

  @Test
  void cannotTellBeforeTlsBegan() throws Exception {
    StartTlsClient client = StartTlsClient.injectionCheck(StartTls.SMTP, "mail.test");
    assertThat(client.injectionResult("the handshake failed").verdict()).isEqualTo(InjectionVerdict.INCONCLUSIVE);
    assertThat(client.injectionResult("the handshake failed").detail()).isEqualTo("the handshake failed");
  }

  @Test
  void refusesTheResultOnAnOrdinaryClient() {
    StartTlsClient client = StartTlsClient.of(StartTls.SMTP, "mail.test");
    assertThrows(IllegalStateException.class, () -> client.injectionResult("x"));
  }

  private InjectionCheck check(HostilePeer.Behaviour behaviour) throws Exception {
    try (HostilePeer peer = HostilePeer.start(behaviour); Socket socket = connect(peer)) {
      StartTlsClient client = StartTlsClient.injectionCheck(StartTls.SMTP, "mail.test");
      client.upgrade(PlainTextChannel.of(socket));
      client.afterTls(PlainTextChannel.of(socket));
      return client.injectionResult("afterTls was not reached");
    }
  }

  private static Socket connect(HostilePeer peer) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port());
    socket.setSoTimeout((int) TIMEOUT.toMillis());
    return socket;
  }

  private static void upgrade(StartTlsClient client, HostilePeer peer) throws IOException {
    try (Socket socket = connect(peer)) {
      client.upgrade(PlainTextChannel.of(socket));
    }
  }
}
