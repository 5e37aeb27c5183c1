package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.HostilePeer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class XmppDialectTest {
  private static final int TIMEOUT_MILLIS = 2000;
  private static final String DOMAIN = "xmpp.test";
  private static final String CLIENT_HEADER = "<?xml version='1.0'?><stream:stream to='xmpp.test'"
      + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
  private static final String STARTTLS = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
  private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
      + " xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='xmpp.test' version='1.0'>";
  private static final String PROCEED = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

  private final List<String> received = new CopyOnWriteArrayList<>();

  @Test
  void upgradesOnProceedAndRecordsTheFeatures() throws Exception {
    String features = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
        + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism>"
        + "<mechanism>PLAIN</mechanism></mechanisms><sm xmlns='urn:xmpp:sm:3'/></stream:features>";
    try (HostilePeer peer = xmpp(HEADER + features, PROCEED)) {
      StartTlsClient client = StartTlsClient.of(StartTls.XMPP, DOMAIN);

      upgrade(client, peer);

      PlainTextPhase phase = client.phase();
      assertThat(received).containsExactly(CLIENT_HEADER, STARTTLS);
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.greeting()).contains("<stream:stream xmlns='jabber:client'"
          + " xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='xmpp.test' version='1.0'>");
      assertThat(phase.capabilitiesBefore())
          .containsExactly("starttls required", "mechanisms SCRAM-SHA-1 PLAIN", "sm urn:xmpp:sm:3");
      assertThat(phase.startTlsAdvertised()).contains(true);
      assertThat(phase.plainTextAuthenticationOffered()).contains(true);
      assertThat(phase.authenticationEvidence())
          .containsExactly("SASL mechanisms SCRAM-SHA-1 PLAIN in the stream features before TLS");
      assertThat(phase.transcript()).extracting(PlainTextPhase.Line::toString).containsExactly(
          "C: " + CLIENT_HEADER, "S: " + HEADER.substring(HEADER.indexOf("<stream:stream")), "S: " + features,
          "C: " + STARTTLS, "S: " + PROCEED);
      assertThat(StartTlsClient.supportsInjectionCheck(StartTls.XMPP)).isFalse();
    }
  }

  @Test
  void opensAServerToServerStreamInTheJabberServerNamespace() throws Exception {
    String header = HEADER.replace("jabber:client", "jabber:server");
    String features = "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/>"
        + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>";
    try (HostilePeer peer = xmpp(header + features, PROCEED)) {
      StartTlsClient client = StartTlsClient.of(StartTls.XMPP_SERVER, DOMAIN);

      upgrade(client, peer);

      assertThat(received).containsExactly(CLIENT_HEADER.replace("jabber:client", "jabber:server"), STARTTLS);
      assertThat(client.phase().capabilitiesBefore())
          .containsExactly("dialback urn:xmpp:features:dialback", "starttls");
      assertThat(client.phase().plainTextAuthenticationOffered()).contains(false);
      assertThat(client.phase().authenticationEvidence()).isEmpty();
    }
  }

  @Test
  void readsAnyPrefixQuoteStyleAndAttributeOrderInPiecesOfAnySize() throws Exception {
    String header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<x:stream version=\"1.0\" id=\"a>b&apos;c\""
        + " xmlns=\"jabber:client\" from='xmpp.test' xmlns:x=\"http://etherx.jabber.org/streams\">";
    String features = "<x:features>\n  <tls:starttls xmlns:tls='urn:ietf:params:xml:ns:xmpp-tls'\n/>"
        + "<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>X&amp;Y</mechanism></mechanisms>"
        + "</x:features>";
    try (HostilePeer peer = HostilePeer.start(s -> {
      readUntil(s, "version='1.0'>");
      for (char ch : (header + features).toCharArray()) {
        send(s, String.valueOf(ch)); // one byte per write: every read ends mid-token
      }
      readUntil(s, "/>");
      send(s, "<proceed xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"></proceed>");
      HostilePeer.drain(s);
    })) {
      StartTlsClient client = StartTlsClient.of(StartTls.XMPP, DOMAIN);

      upgrade(client, peer);

      assertThat(client.phase().upgraded()).isTrue();
      assertThat(client.phase().capabilitiesBefore()).containsExactly("starttls", "mechanisms X&Y");
    }
  }

  @Test
  void doesNotTakeAStarttlsElementInAnotherNamespaceForTheOffer() throws Exception {
    String features = "<stream:features><starttls xmlns='urn:example:not-tls'/></stream:features>";
    try (HostilePeer peer = xmpp(HEADER + features, PROCEED)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e.getMessage()).isEqualTo("server did not advertise STARTTLS; stream features were: starttls"
          + " urn:example:not-tls");
      assertThat(e.phase().startTlsAdvertised()).contains(false);
      assertThat(received).containsExactly(CLIENT_HEADER);
    }
  }

  @Test
  void reportsEmptyFeaturesAsNotAdvertised() throws Exception {
    try (HostilePeer peer = xmpp(HEADER + "<stream:features/>", PROCEED)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e.getMessage()).isEqualTo("server did not advertise STARTTLS; stream features were: none");
    }
  }

  @Test
  void reportsAPreXmpp10StreamAsNotAdvertised() throws Exception {
    try (HostilePeer peer = xmpp(HEADER.replace(" version='1.0'", ""), PROCEED)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.NOT_ADVERTISED);
      assertThat(e.getMessage()).startsWith("server's stream header has no version, so it has no stream features"
          + " and no STARTTLS (XMPP 1.0 needed): <stream:stream ");
    }
  }

  @Test
  void quotesAFailureAsARefusal() throws Exception {
    String features = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>";
    String failure = "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>";
    try (HostilePeer peer = xmpp(HEADER + features, failure)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused STARTTLS: <failure"
          + " xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    }
  }

  @Test
  void quotesAStreamErrorWithItsConditionAndText() throws Exception {
    String error = "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
        + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>This server does not serve xmpp.test</text>"
        + "</stream:error></stream:stream>";
    try (HostilePeer peer = xmpp(HEADER + error, PROCEED)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server closed the stream with an error instead of sending its"
          + " <stream:features>: host-unknown: This server does not serve xmpp.test (the stream was opened to"
          + " 'xmpp.test': give the server's XMPP domain as the host or server name)");
    }
  }

  @Test
  void rejectsADoctype() throws Exception {
    String doctype = "<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>";
    try (HostilePeer peer = xmpp(doctype + HEADER.substring(HEADER.indexOf("<stream:stream")), PROCEED)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).startsWith("a DOCTYPE, comment or CDATA section, which XMPP forbids (RFC 6120"
          + " §11.1): <!DOCTYPE stream");
    }
  }

  @Test
  void rejectsAnEntityOtherThanThePredefinedOnes() throws Exception {
    String features = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + "<mechanism>&x;</mechanism></mechanisms></stream:features>";
    try (HostilePeer peer = xmpp(HEADER + features, PROCEED)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).startsWith("an entity XMPP does not allow (only the predefined ones, RFC 6120"
          + " §11.1): &x; at offset ");
    }
  }

  @Test
  void quotesAnAnswerThatIsNotXmppAsGarbage() throws Exception {
    try (HostilePeer peer = xmpp("220 mail.test ESMTP Postfix\r\n", PROCEED)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage())
          .isEqualTo("server's answer is not an XMPP stream: 220 mail.test ESMTP Postfix\\x0d\\x0a");
    }
  }

  @Test
  void rejectsMismatchedClosingTags() throws Exception {
    String features = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'></stream:features>";
    try (HostilePeer peer = xmpp(HEADER + features, PROCEED)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server closed <starttls> with </stream:features>");
    }
  }

  @Test
  void refusesFeaturesLargerThanTheLimit() throws Exception {
    String features = "<stream:features><x>" + "y".repeat(XmppReader.MAX_ELEMENT_CHARS + 10);
    try (HostilePeer peer = xmpp(HEADER + features, PROCEED)) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.TOO_MUCH);
      assertThat(e.getMessage()).startsWith("server sent more than 65536 characters without completing the end of"
          + " <stream:features>: <stream:features><x>yyy");
    }
  }

  @Test
  void reportsAServerClosingMidElement() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readUntil(s, "version='1.0'>");
      send(s, HEADER + "<stream:features><starttls xmlns=");
      s.close();
    })) {
      StartTlsException e = failure(peer, StartTls.XMPP, TIMEOUT_MILLIS);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e.getMessage()).isEqualTo("server closed the connection while we awaited the server's"
          + " <stream:features>; its last characters were <stream:features><starttls xmlns=");
    }
  }

  @Test
  void givesUpOnAServerSilentAfterItsHeaderWithinTheChannelTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readUntil(s, "version='1.0'>");
      send(s, HEADER);
      HostilePeer.drain(s);
    })) {
      long start = System.nanoTime();

      StartTlsException e = failure(peer, StartTls.XMPP, 500);

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e.getMessage()).startsWith("server sent nothing while we awaited the server's <stream:features>");
      assertThat(elapsed).isBetween(Duration.ofMillis(450), Duration.ofMillis(2500));
    }
  }

  @Test
  void recordsTextSentInClearAfterProceed() throws Exception {
    String features = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>";
    try (HostilePeer peer = xmpp(HEADER + features, PROCEED + "<message>hi</message>")) {
      StartTlsClient client = StartTlsClient.of(StartTls.XMPP, DOMAIN);

      upgrade(client, peer);

      assertThat(client.phase().upgraded()).isTrue();
      assertThat(client.phase().transcript()).last().extracting(PlainTextPhase.Line::text)
          .isEqualTo("(21 more characters in clear after <proceed/>, dropped: <message>hi</message>)");
    }
  }

  /**
   * A peer that reads the client's stream header, sends {@code opening}, reads {@code <starttls/>} and sends
   * {@code answer}; it records what the client sent.
   */
  private HostilePeer xmpp(String opening, String answer) throws IOException {
    return HostilePeer.start(s -> {
      received.add(readUntil(s, "version='1.0'>"));
      send(s, opening);
      String starttls = readUntil(s, "/>");
      if (starttls.isEmpty()) {
        return;
      }
      received.add(starttls);
      send(s, answer);
      HostilePeer.drain(s);
    });
  }

  /** Reads until the text read ends with {@code end} (or the stream ends) and returns it. */
  private static String readUntil(Socket s, String end) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      got.write(b);
      if (got.toString(StandardCharsets.UTF_8).endsWith(end)) {
        break;
      }
    }
    return got.toString(StandardCharsets.UTF_8);
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void upgrade(StartTlsClient client, HostilePeer peer) throws IOException {
    try (Socket socket = connect(peer, TIMEOUT_MILLIS)) {
      client.upgrade(PlainTextChannel.of(socket));
    }
  }

  private static StartTlsException failure(HostilePeer peer, StartTls dialect, int timeoutMillis) throws IOException {
    StartTlsClient client = StartTlsClient.of(dialect, DOMAIN);
    try (Socket socket = connect(peer, timeoutMillis)) {
      StartTlsException e = catchThrowableOfType(StartTlsException.class,
          () -> client.upgrade(PlainTextChannel.of(socket)));
      assertThat(e).as("upgrade should have failed; phase: " + client.phase()).isNotNull();
      assertThat(e.phase().upgraded()).isFalse();
      return e;
    }
  }

  private static Socket connect(HostilePeer peer, int timeoutMillis) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port());
    socket.setSoTimeout(timeoutMillis);
    return socket;
  }
}
