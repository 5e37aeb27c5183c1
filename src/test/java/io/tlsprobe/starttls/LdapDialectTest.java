package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.starttls.StartTlsException.Reason;
import io.tlsprobe.testing.HostilePeer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LdapDialectTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Duration TIMEOUT = Duration.ofMillis(2000);
  private static final String START_TLS = LdapMessages.START_TLS_OID;

  /** What the peer received, one LDAP message per element, in hex. */
  private final List<String> received = new CopyOnWriteArrayList<>();

  @Test
  void upgradesOnSuccessAndRecordsTheRootDse() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, rootDse(1, List.of(START_TLS, "1.3.6.1.4.1.4203.1.11.3"), List.of("SCRAM-SHA-256", "PLAIN")),
          done(1, 0, ""));
      readMessage(s);
      write(s, extendedResponse(2, 0, "", START_TLS));
      HostilePeer.drain(s);
    })) {
      StartTlsClient client = StartTlsClient.of(StartTls.LDAP, "127.0.0.1");

      upgrade(client, peer);

      PlainTextPhase phase = client.phase();
      assertThat(phase.upgraded()).isTrue();
      assertThat(phase.startTlsAdvertised()).contains(true);
      assertThat(phase.capabilitiesBefore()).containsExactly("supportedExtension: " + START_TLS,
          "supportedExtension: 1.3.6.1.4.1.4203.1.11.3", "supportedSASLMechanisms: SCRAM-SHA-256",
          "supportedSASLMechanisms: PLAIN");
      assertThat(phase.plainTextAuthenticationOffered()).contains(true);
      assertThat(phase.authenticationEvidence())
          .containsExactly("supportedSASLMechanisms SCRAM-SHA-256 PLAIN in the root DSE before TLS");
      assertThat(phase.greeting()).isEmpty();
      assertThat(received).hasSize(2);
      assertThat(received.get(1)).isEqualTo(HEX.formatHex(LdapMessages.startTlsRequest(2)));
      assertThat(phase.transcript()).extracting(PlainTextPhase.Line::toString).containsExactly(
          "C: LDAP SearchRequest root DSE supportedExtension, supportedSASLMechanisms (messageID 1) [" + received.get(0)
              + "]",
          phase.transcript().get(1).toString(),
          phase.transcript().get(2).toString(),
          "C: LDAP ExtendedRequest StartTLS (messageID 2) [" + received.get(1) + "]",
          "S: LDAP ExtendedResponse success (0) responseName " + START_TLS + " (messageID 2) ["
              + HEX.formatHex(extendedResponse(2, 0, "", START_TLS)) + "]");
      assertThat(phase.transcript().get(1).text()).startsWith("LDAP SearchResultEntry \"\" with 2 attributes (messageID 1)");
      assertThat(phase.transcript().get(2).text()).startsWith("LDAP SearchResultDone success (0) (messageID 1)");
    }
  }

  @Test
  void sendsAWellFormedRootDseSearch() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, done(1, 0, ""));
      readMessage(s);
      write(s, extendedResponse(2, 0, "", null));
    })) {
      upgrade(StartTlsClient.of(StartTls.LDAP, "127.0.0.1"), peer);

      BerReader op = BerReader.of(HEX.parseHex(received.get(0))).enter(Ber.SEQUENCE, "LDAPMessage");
      assertThat(op.integer(Ber.INTEGER, "messageID")).isEqualTo(1);
      BerReader search = op.enter(LdapMessages.SEARCH_REQUEST, "SearchRequest");
      assertThat(search.string(Ber.OCTET_STRING, "baseObject")).isEmpty();
      assertThat(search.integer(Ber.ENUMERATED, "scope")).isZero();
      search.skip("derefAliases");
      search.skip("sizeLimit");
      search.skip("timeLimit");
      search.skip("typesOnly");
      assertThat(search.string(0x87, "filter present")).isEqualTo("objectClass");
      BerReader attributes = search.enter(Ber.SEQUENCE, "attributes");
      assertThat(List.of(attributes.string(Ber.OCTET_STRING, "a"), attributes.string(Ber.OCTET_STRING, "b")))
          .containsExactly("supportedExtension", "supportedSASLMechanisms");
      search.expectEnd("SearchRequest");
    }
  }

  @Test
  void upgradesWhenTheRootDseIsHiddenAndLeavesAdvertisementUnknown() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, done(1, 50, "no anonymous access"));
      readMessage(s);
      write(s, extendedResponse(2, 0, "", null));
    })) {
      StartTlsClient client = StartTlsClient.of(StartTls.LDAP, "127.0.0.1");

      upgrade(client, peer);

      assertThat(client.phase().upgraded()).isTrue();
      assertThat(client.phase().startTlsAdvertised()).isEmpty();
      assertThat(client.phase().plainTextAuthenticationOffered()).isEmpty();
      assertThat(client.phase().capabilitiesBefore()).isEmpty();
    }
  }

  @Test
  void reportsARefusalWithTheResultCodeNameAndDiagnosticAndTheMissingAdvertisement() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, rootDse(1, List.of("1.3.6.1.1.8"), List.of()), done(1, 0, ""));
      readMessage(s);
      write(s, extendedResponse(2, 2, "unsupported extended operation", null));
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused StartTLS: protocolError (2) \"unsupported extended operation\";"
          + " its root DSE did not list " + START_TLS + " among supportedExtension: 1.3.6.1.1.8");
      assertThat(e.phase().startTlsAdvertised()).contains(false);
      assertThat(e.phase().plainTextAuthenticationOffered()).isEmpty();
      assertThat(e.phase().upgraded()).isFalse();
    }
  }

  @Test
  void reportsUnavailableWhenAdvertisedButRefused() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, rootDse(1, List.of(START_TLS), List.of()), done(1, 0, ""));
      readMessage(s);
      write(s, extendedResponse(2, 52, "TLS not configured", null));
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server refused StartTLS: unavailable (52) \"TLS not configured\"");
    }
  }

  @Test
  void reportsANoticeOfDisconnection() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, done(1, 0, ""));
      readMessage(s);
      write(s, extendedResponse(0, 52, "server shutting down", LdapMessages.NOTICE_OF_DISCONNECTION_OID));
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.REFUSED);
      assertThat(e.getMessage()).isEqualTo("server sent a Notice of Disconnection instead of answering StartTLS:"
          + " unavailable (52) \"server shutting down\"");
      assertThat(e.phase().transcript().get(e.phase().transcript().size() - 1).text())
          .startsWith("LDAP Notice of Disconnection (ExtendedResponse) unavailable (52)");
    }
  }

  @Test
  void reportsAnAnswerToAnotherMessageAsGarbage() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, done(1, 0, ""));
      readMessage(s);
      write(s, done(2, 0, ""));
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server answered StartTLS (messageID 2) with SearchResultDone success (0)"
          + " (messageID 2), not an ExtendedResponse");
    }
  }

  @Test
  void reportsTextAsNotAnLdapMessage() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readAtLeast(s, 10);
      s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      HostilePeer.drain(s);
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).startsWith("server's answer is not an LDAP message: it begins with 0x48 where an"
          + " LDAPMessage SEQUENCE (0x30) begins, at offset 0: HTTP/1.1 400");
    }
  }

  @Test
  void reportsTruncatedBerWithItsOffset() throws Exception {
    // LDAPMessage of 7 bytes: messageID 1, then an ExtendedResponse claiming 9 bytes of contents where 2 are left
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, HEX.parseHex("3007020101780900000000"));
      HostilePeer.drain(s);
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).startsWith("server sent a malformed LDAP message: ExtendedResponse claims 9 bytes"
          + " but only 2 are left at offset 5 [300702010178090000]");
    }
  }

  @Test
  void refusesAnOversizedMessageWithoutReadingIt() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, HEX.parseHex("30847fffffff020101"));
      HostilePeer.drain(s);
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.TOO_MUCH);
      assertThat(e.getMessage()).startsWith("server announced an LDAP message of 2147483653 bytes (at most 65536"
          + " accepted)");
    }
  }

  @Test
  void refusesTheIndefiniteLengthForm() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, HEX.parseHex("3080020101650a0000"));
      HostilePeer.drain(s);
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.GARBAGE);
      assertThat(e.getMessage()).isEqualTo("server's answer is not an LDAP message: the message uses the indefinite"
          + " length form (RFC 4511 §5.1 forbids it) at offset 0");
    }
  }

  @Test
  void reportsAServerClosingMidMessage() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, HEX.parseHex("302002010165"));
      s.close();
    })) {
      StartTlsException e = failure(peer);

      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(e.getMessage()).startsWith("server closed the connection while we awaited the root DSE");
    }
  }

  @Test
  void givesUpOnASilentServerWithinTheChannelTimeout() throws Exception {
    try (HostilePeer peer = HostilePeer.start(HostilePeer::staySilent)) {
      long start = System.nanoTime();

      StartTlsException e = failure(peer, Duration.ofMillis(500));

      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e.getMessage()).startsWith("server sent nothing while we awaited the root DSE (search for"
          + " supportedExtension, supportedSASLMechanisms)");
      assertThat(elapsed).isBetween(Duration.ofMillis(450), Duration.ofMillis(2500));
    }
  }

  @Test
  void readsTheRootDseAgainAfterTheUpgrade() throws Exception {
    try (HostilePeer peer = HostilePeer.start(s -> {
      readMessage(s);
      write(s, rootDse(1, List.of(START_TLS), List.of("PLAIN")), done(1, 0, ""));
      readMessage(s);
      write(s, extendedResponse(2, 0, "", null));
      readMessage(s);
      write(s, rootDse(3, List.of("1.3.6.1.1.8"), List.of("PLAIN", "EXTERNAL")), done(3, 0, ""));
      HostilePeer.drain(s);
    }); Socket socket = UpgradedSession.connect(peer.port(), TIMEOUT)) {
      StartTlsClient client = StartTlsClient.of(StartTls.LDAP, "127.0.0.1");
      PlainTextChannel channel = PlainTextChannel.of(socket);
      client.upgrade(channel);

      client.afterTls(channel); // a plain channel stands in for the TLS one: the dialect cannot tell

      assertThat(client.phase().capabilitiesAfter()).containsExactly("supportedExtension: 1.3.6.1.1.8",
          "supportedSASLMechanisms: PLAIN", "supportedSASLMechanisms: EXTERNAL");
      assertThat(client.phase().transcript().stream().filter(PlainTextPhase.Line::overTls)
          .map(l -> l.direction() + " " + l.text().substring(0, l.text().indexOf(" ["))))
          .containsExactly("CLIENT LDAP SearchRequest root DSE supportedExtension, supportedSASLMechanisms (messageID 3)",
              "SERVER LDAP SearchResultEntry \"\" with 2 attributes (messageID 3)",
              "SERVER LDAP SearchResultDone success (0) (messageID 3)");
      assertThat(StartTlsClient.supportsInjectionCheck(StartTls.LDAP)).isFalse();
    }
  }

  // --- the scripted peer's side ---

  private void upgrade(StartTlsClient client, HostilePeer peer) throws IOException {
    UpgradedSession.upgrade(client, peer, TIMEOUT);
  }

  private StartTlsException failure(HostilePeer peer) throws IOException {
    return failure(peer, TIMEOUT);
  }

  private StartTlsException failure(HostilePeer peer, Duration timeout) throws IOException {
    StartTlsException e = UpgradedSession.failure(StartTlsClient.of(StartTls.LDAP, "127.0.0.1"), peer, timeout);
    assertThat(e.phase().dialect()).isEqualTo("ldap");
    return e;
  }

  /** Reads one BER element (an LDAPMessage) whole and keeps it in {@link #received}. */
  private void readMessage(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
    int tag = in.readUnsignedByte();
    int first = in.readUnsignedByte();
    message.write(tag);
    message.write(first);
    int length = first;
    if (first > 0x80) {
      length = 0;
      for (int i = 0; i < (first & 0x7F); i++) {
        int b = in.readUnsignedByte();
        message.write(b);
        length = length << 8 | b;
      }
    }
    byte[] body = new byte[length];
    in.readFully(body);
    message.writeBytes(body);
    received.add(HEX.formatHex(message.toByteArray()));
  }

  private static void readAtLeast(Socket s, int count) throws IOException {
    HostilePeer.readAtLeast(s, count);
  }

  private static void write(Socket s, byte[]... messages) throws IOException {
    OutputStream out = s.getOutputStream();
    for (byte[] m : messages) {
      out.write(m);
    }
    out.flush();
  }

  static byte[] rootDse(int id, List<String> extensions, List<String> sasl) {
    return BerWriter.tlv(Ber.SEQUENCE, BerWriter.integer(Ber.INTEGER, id), BerWriter.tlv(
        LdapMessages.SEARCH_RESULT_ENTRY, BerWriter.octets(Ber.OCTET_STRING, ""), BerWriter.tlv(Ber.SEQUENCE,
            attribute("supportedExtension", extensions), attribute("supportedSASLMechanisms", sasl))));
  }

  private static byte[] attribute(String type, List<String> values) {
    return BerWriter.tlv(Ber.SEQUENCE, BerWriter.octets(Ber.OCTET_STRING, type), BerWriter.tlv(Ber.SET,
        values.stream().map(v -> BerWriter.octets(Ber.OCTET_STRING, v)).toArray(byte[][]::new)));
  }

  static byte[] done(int id, int code, String diagnostic) {
    return BerWriter.tlv(Ber.SEQUENCE, BerWriter.integer(Ber.INTEGER, id), BerWriter.tlv(
        LdapMessages.SEARCH_RESULT_DONE, BerWriter.integer(Ber.ENUMERATED, code),
        BerWriter.octets(Ber.OCTET_STRING, ""), BerWriter.octets(Ber.OCTET_STRING, diagnostic)));
  }

  static byte[] extendedResponse(int id, int code, String diagnostic, @org.jspecify.annotations.Nullable String name) {
    return BerWriter.tlv(Ber.SEQUENCE, BerWriter.integer(Ber.INTEGER, id), BerWriter.tlv(
        LdapMessages.EXTENDED_RESPONSE, BerWriter.integer(Ber.ENUMERATED, code),
        BerWriter.octets(Ber.OCTET_STRING, ""), BerWriter.octets(Ber.OCTET_STRING, diagnostic),
        name == null ? new byte[0] : BerWriter.octets(0x8A, name)));
  }
}
