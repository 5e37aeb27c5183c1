package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.CertificateMessage;
import io.tlsprobe.wire.EncryptedExtensions;
import io.tlsprobe.wire.ExtensionTypes;
import io.tlsprobe.wire.NewSessionTicket;
import io.tlsprobe.wire.TlsRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TLS 1.3 first-flight reader against RFC 8448's "Simple 1-RTT Handshake" (section 3), whose inputs and
 * intermediate values are in {@code rfc8448-simple-1rtt.txt}: the same shared secret, handshake secret, server
 * handshake traffic secret, key and IV, and the same EncryptedExtensions and Certificate out of the encrypted record;
 * then the master and application traffic secrets, the client's Finished and close_notify records byte for byte, and
 * the server's NewSessionTicket.
 */
class Tls13FirstFlightTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Map<String, byte[]> TRACE = trace();

  @Test
  void derivesTheHandshakeSecretsOfRfc8448() {
    Tls13KeySchedule schedule = Tls13KeySchedule.of(0x1301).orElseThrow();

    byte[] helloHash = schedule.hash(TRACE.get("client_hello"), TRACE.get("server_hello"));
    byte[] handshakeSecret = schedule.handshakeSecret(TRACE.get("shared_secret"));
    byte[] traffic = schedule.serverHandshakeTrafficSecret(handshakeSecret, helloHash);
    Tls13KeySchedule.Opener opener = schedule.opener(traffic);

    assertThat(HEX.formatHex(helloHash)).isEqualTo(hex("hello_hash"));
    assertThat(HEX.formatHex(handshakeSecret)).isEqualTo(hex("handshake_secret"));
    assertThat(HEX.formatHex(traffic)).isEqualTo(hex("server_handshake_traffic_secret"));
    assertThat(HEX.formatHex(opener.key())).isEqualTo(hex("server_handshake_key"));
    assertThat(HEX.formatHex(opener.iv())).isEqualTo(hex("server_handshake_iv"));
  }

  @Test
  void computesTheX25519SharedSecretOfRfc8448WithTheJdk() throws Exception {
    KeyShares shares = rfc8448Shares();

    byte[] secret = shares.sharedSecret(Hellos.X25519, Bytes.of(TRACE.get("server_x25519_public")));

    assertThat(HEX.formatHex(secret)).isEqualTo(hex("shared_secret"));
  }

  @Test
  void decryptsTheEncryptedExtensionsAndCertificateOfRfc8448() throws Exception {
    Tls13FirstFlight flight = rfc8448Flight(Tls13FirstFlight.Until.CERTIFICATE);
    byte[] answer = serverBytes();

    Tls13FirstFlight.Reading reading = flight.read(Answer.of(new Reply(answer, Reply.End.COMPLETE, "")), answer);

    assertThat(reading.unread()).isEmpty();
    EncryptedExtensions ee = reading.extensions().orElseThrow();
    assertThat(ee.encode()).isEqualTo(TRACE.get("encrypted_extensions"));
    assertThat(ee.extensions()).extracting(e -> e.type()).containsExactly(ExtensionTypes.SUPPORTED_GROUPS,
        ExtensionTypes.RECORD_SIZE_LIMIT, ExtensionTypes.SERVER_NAME);
    CertificateMessage certificate = reading.certificate().orElseThrow();
    assertThat(certificate.tls13()).isTrue();
    assertThat(certificate.requestContext().isEmpty()).isTrue();
    assertThat(certificate.entries()).hasSize(1);
    X509Certificate leaf = CertificateScan.parse(certificate.certificates()).get(0);
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=rsa");
  }

  @Test
  void derivesTheMasterAndApplicationTrafficSecretsOfRfc8448() {
    Tls13KeySchedule schedule = Tls13KeySchedule.of(0x1301).orElseThrow();

    byte[] master = schedule.masterSecret(TRACE.get("handshake_secret"));
    byte[] client = schedule.applicationTrafficSecret(master, false, TRACE.get("finished_hash"));
    byte[] server = schedule.applicationTrafficSecret(master, true, TRACE.get("finished_hash"));
    byte[] clientHandshake = schedule.clientHandshakeTrafficSecret(TRACE.get("handshake_secret"),
        TRACE.get("hello_hash"));

    assertThat(HEX.formatHex(master)).isEqualTo(hex("master_secret"));
    assertThat(HEX.formatHex(client)).isEqualTo(hex("client_application_traffic_secret"));
    assertThat(HEX.formatHex(server)).isEqualTo(hex("server_application_traffic_secret"));
    assertThat(HEX.formatHex(clientHandshake)).isEqualTo(hex("client_handshake_traffic_secret"));
  }

  @Test
  void sealsTheClientsApplicationDataAndCloseNotifyOfRfc8448ByteForByte() {
    Tls13KeySchedule schedule = Tls13KeySchedule.of(0x1301).orElseThrow();
    Tls13KeySchedule.Opener sealer = schedule.sealer(TRACE.get("client_application_traffic_secret"));
    byte[] payload = new byte[50];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }

    byte[] data = sealer.seal(TlsRecord.APPLICATION_DATA, payload);
    byte[] close = sealer.seal(TlsRecord.ALERT, new byte[] {1, 0});

    assertThat(HEX.formatHex(data)).isEqualTo(hex("client_application_data_record"));
    assertThat(HEX.formatHex(close)).isEqualTo(hex("client_close_notify_record"));
  }

  @Test
  void answersTheServersFinishedOfRfc8448WithItsClientFinishedRecordThenACloseNotify() throws Exception {
    Tls13FirstFlight flight = rfc8448Flight(Tls13FirstFlight.Until.TICKETS);
    byte[] answer = serverBytes();

    boolean due = flight.test(answer);
    byte[] second = flight.followUp(answer);
    boolean readOn = !flight.test(answer);
    byte[] again = flight.followUp(answer);

    assertThat(due).as("the Finished is in: time to answer").isTrue();
    byte[] finished = TRACE.get("client_finished_record");
    // RFC 8448's hello has an empty session id: no middlebox ChangeCipherSpec before the Finished
    assertThat(HEX.formatHex(Arrays.copyOf(second, finished.length))).isEqualTo(hex("client_finished_record"));
    assertThat(second).hasSize(finished.length + 5 + 2 + 1 + Tls13KeySchedule.TAG_LENGTH);
    assertThat(Arrays.copyOfRange(second, finished.length, finished.length + 5))
        .isEqualTo(new byte[] {23, 3, 3, 0, 19}); // close_notify under the client's application keys
    assertThat(readOn).as("after our Finished, read on for a ticket").isTrue();
    assertThat(again).as("answered once").isNull();
  }

  @Test
  void readsTheNewSessionTicketOfRfc8448AfterTheHandshake() throws Exception {
    Tls13FirstFlight flight = rfc8448Flight(Tls13FirstFlight.Until.TICKETS);
    byte[] answer = serverBytes();
    flight.followUp(answer);
    byte[] withTicket = concat(answer, TRACE.get("new_session_ticket_record"));

    boolean complete = flight.test(withTicket);
    Tls13FirstFlight.Reading reading = flight.read(Answer.of(new Reply(withTicket, Reply.End.COMPLETE, "")),
        withTicket, Reply.End.COMPLETE);

    assertThat(complete).isTrue();
    assertThat(reading.unread()).isEmpty();
    assertThat(reading.noTicket()).isEmpty();
    NewSessionTicket ticket = reading.ticket().orElseThrow();
    // RFC 8448 section 3, "{server} construct a NewSessionTicket handshake message"
    assertThat(ticket.lifetimeSeconds()).isEqualTo(30);
    assertThat(ticket.ageAdd()).isEqualTo(0xfad6aac5L);
    assertThat(ticket.nonce().toArray()).isEqualTo(new byte[] {0, 0});
    assertThat(ticket.ticket().length()).isEqualTo(178);
    assertThat(ticket.maxEarlyDataSize()).contains(1024L);
    assertThat(reading.extensions()).isPresent();
    assertThat(reading.certificate()).isPresent();
  }

  @Test
  void saysTheServerSendsNoTicketWhenItAnswersOurFinishedWithItsCloseNotify() throws Exception {
    Tls13FirstFlight flight = rfc8448Flight(Tls13FirstFlight.Until.TICKETS);
    byte[] answer = serverBytes();
    flight.followUp(answer);
    Tls13KeySchedule schedule = Tls13KeySchedule.of(0x1301).orElseThrow();
    byte[] close = schedule.sealer(TRACE.get("server_application_traffic_secret"))
        .seal(TlsRecord.ALERT, new byte[] {1, 0});
    byte[] closed = concat(answer, close);

    boolean complete = flight.test(closed);
    Tls13FirstFlight.Reading byAlert = flight.read(Answer.of(new Reply(closed, Reply.End.COMPLETE, "")), closed,
        Reply.End.COMPLETE);
    Tls13FirstFlight.Reading byClose = flight.read(Answer.of(new Reply(answer, Reply.End.CLOSED, "")), answer,
        Reply.End.CLOSED);
    Tls13FirstFlight.Reading bySilence = flight.read(Answer.of(new Reply(answer, Reply.End.TIMED_OUT, "")), answer,
        Reply.End.TIMED_OUT);

    assertThat(complete).isTrue();
    assertThat(byAlert.ticket()).isEmpty();
    assertThat(byAlert.noTicket()).get().asString().contains("its close_notify, and no NewSessionTicket");
    assertThat(byClose.noTicket()).get().asString().contains("closed the connection after our Finished");
    assertThat(bySilence.noTicket()).as("silence proves nothing").isEmpty();
    assertThat(bySilence.unread()).get().asString().contains("neither a NewSessionTicket nor a close");
  }

  @Test
  void sendsNothingAndSaysWhyWhenTheServersFinishedDoesNotVerify() throws Exception {
    Tls13KeySchedule schedule = Tls13KeySchedule.of(0x1301).orElseThrow();
    byte[] record = TRACE.get("server_handshake_record");
    byte[] inner = schedule.opener(TRACE.get("server_handshake_traffic_secret"))
        .open(Arrays.copyOf(record, 5), Arrays.copyOfRange(record, 5, record.length));
    byte[] content = Arrays.copyOf(inner, inner.length - 1); // without the content type
    content[content.length - 1] ^= 1; // the last byte of the Finished's verify_data
    byte[] forged = schedule.sealer(TRACE.get("server_handshake_traffic_secret")).seal(TlsRecord.HANDSHAKE, content);
    byte[] answer = concat(TlsRecord.wrapHandshake(TRACE.get("server_hello"), 0x0303), forged);
    Tls13FirstFlight flight = rfc8448Flight(Tls13FirstFlight.Until.TICKETS);

    byte[] second = flight.followUp(answer);
    Tls13FirstFlight.Reading reading = flight.read(Answer.of(new Reply(answer, Reply.End.COMPLETE, "")), answer,
        Reply.End.COMPLETE);

    assertThat(forged).hasSameSizeAs(record);
    assertThat(second).isNull();
    assertThat(reading.certificate()).as("read before the Finished").isPresent();
    assertThat(reading.unread()).get().asString().contains("Finished", "does not verify");
    assertThat(reading.ticket()).isEmpty();
    assertThat(reading.noTicket()).isEmpty();
  }

  @Test
  void tellsTheConnectorToReadOnUntilTheWholeRecordIsThere() throws Exception {
    Tls13FirstFlight flight = rfc8448Flight(Tls13FirstFlight.Until.ENCRYPTED_EXTENSIONS);
    byte[] answer = serverBytes();

    boolean withoutLastByte = flight.test(Arrays.copyOf(answer, answer.length - 1));
    boolean whole = flight.test(answer);

    assertThat(withoutLastByte).isFalse();
    assertThat(whole).isTrue();
  }

  @Test
  void reportsARecordThatDoesNotAuthenticateInsteadOfGuessing() throws Exception {
    Tls13FirstFlight flight = rfc8448Flight(Tls13FirstFlight.Until.CERTIFICATE);
    byte[] answer = serverBytes();
    answer[answer.length - 20] ^= 1; // a ciphertext byte

    Tls13FirstFlight.Reading reading = flight.read(Answer.of(new Reply(answer, Reply.End.COMPLETE, "")), answer);

    assertThat(reading.extensions()).isEmpty();
    assertThat(reading.certificate()).isEmpty();
    assertThat(reading.unread()).get().asString().contains("does not decrypt with the handshake keys")
        .contains("AEADBadTagException");
    assertThat(reading.impossible()).isFalse();
  }

  @Test
  void saysACcmSuiteCannotBeOpenedAndAnotherWayMayWork() throws Exception {
    byte[] hello = TRACE.get("server_hello").clone();
    hello[4 + 2 + 32 + 1 + 1] = 0x04; // cipher_suite 0x1301 -> 0x1304 TLS_AES_128_CCM_SHA256 (empty session id)
    byte[] answer = TlsRecord.wrapHandshake(hello, 0x0303);

    Tls13FirstFlight.Reading reading = rfc8448Flight(Tls13FirstFlight.Until.CERTIFICATE)
        .read(Answer.of(new Reply(answer, Reply.End.CLOSED, "")), answer);

    assertThat(reading.unread()).get().asString().contains("TLS_AES_128_CCM_SHA256").contains("no CCM cipher");
    assertThat(reading.impossible()).isTrue();
  }

  @Test
  void readsNoFurtherThanAHelloRetryRequestAndSaysWhy() throws Exception {
    byte[] hello = TRACE.get("server_hello").clone();
    // the HelloRetryRequest random, SHA-256("HelloRetryRequest") (RFC 8446 section 4.1.3)
    System.arraycopy(HEX.parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"), 0, hello, 6, 32);
    byte[] answer = TlsRecord.wrapHandshake(hello, 0x0303);
    Tls13FirstFlight flight = rfc8448Flight(Tls13FirstFlight.Until.CERTIFICATE);

    Tls13FirstFlight.Reading reading = flight.read(Answer.of(new Reply(answer, Reply.End.COMPLETE, "")), answer);

    assertThat(flight.test(answer)).isTrue();
    assertThat(reading.unread()).get().asString().startsWith("a HelloRetryRequest").contains("section 4.4.1");
    assertThat(reading.impossible()).isTrue();
  }

  @Test
  void reportsARecordLengthBeyondTheLimitWithTheFieldAndOffset() throws Exception {
    byte[] hello = TlsRecord.wrapHandshake(TRACE.get("server_hello"), 0x0303);
    byte[] answer = Arrays.copyOf(hello, hello.length + 5);
    System.arraycopy(HEX.parseHex("170303ffff"), 0, answer, hello.length, 5);
    Tls13FirstFlight flight = rfc8448Flight(Tls13FirstFlight.Until.CERTIFICATE);

    // the codec's Answer refuses these bytes too; the reader's own check is asked with the ServerHello's answer
    Tls13FirstFlight.Reading reading = flight.read(Answer.of(new Reply(hello, Reply.End.COMPLETE, "")), answer);

    assertThat(flight.test(answer)).isTrue();
    assertThat(reading.unread()).contains("the server's TLS 1.3 flight is malformed: record.length: length 65535"
        + " exceeds " + TlsRecord.MAX_CIPHERTEXT + " at offset " + (hello.length + 3));
  }

  @Test
  void takesTheXCoordinateOfTheServersP256PointAsTheSharedSecretOfPrivateKeyOne() throws Exception {
    KeyShares shares = rfc8448Shares();
    byte[] point = KeyShares.P256_BASE_POINT.toArray();

    byte[] secret = shares.sharedSecret(Hellos.SECP256R1, Bytes.of(point));

    assertThat(secret).isEqualTo(Arrays.copyOfRange(point, 1, 33));
  }

  @Test
  void rejectsAP256ShareThatIsNotOnTheCurve() throws Exception {
    KeyShares shares = rfc8448Shares();
    byte[] point = KeyShares.P256_BASE_POINT.toArray();
    point[64] ^= 1;

    assertThatThrownBy(() -> shares.sharedSecret(Hellos.SECP256R1, Bytes.of(point)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a point on the curve");
  }

  @Test
  void makesARealX25519KeyPairWhosePublicValueIsThirtyTwoBytes() {
    KeyShares a = KeyShares.create(new java.security.SecureRandom());
    KeyShares b = KeyShares.create(new java.security.SecureRandom());

    byte[] ab = a.sharedSecret(Hellos.X25519, b.x25519());
    byte[] ba = b.sharedSecret(Hellos.X25519, a.x25519());

    assertThat(a.x25519().length()).isEqualTo(32);
    assertThat(ab).isEqualTo(ba).hasSize(32);
  }

  private static Tls13FirstFlight rfc8448Flight(Tls13FirstFlight.Until until) throws Exception {
    return new Tls13FirstFlight(TlsRecord.wrapHandshake(TRACE.get("client_hello"), 0x0301), rfc8448Shares(), until);
  }

  /** The ServerHello in a record, then the encrypted record, as the server sent them. */
  private static byte[] serverBytes() {
    byte[] hello = TlsRecord.wrapHandshake(TRACE.get("server_hello"), 0x0303);
    byte[] flight = TRACE.get("server_handshake_record");
    byte[] all = Arrays.copyOf(hello, hello.length + flight.length);
    System.arraycopy(flight, 0, all, hello.length, flight.length);
    return all;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static KeyShares rfc8448Shares() throws Exception {
    PrivateKey key = KeyFactory.getInstance("X25519").generatePrivate(
        new XECPrivateKeySpec(NamedParameterSpec.X25519, TRACE.get("client_x25519_private")));
    return KeyShares.ofX25519(key, Bytes.of(TRACE.get("client_x25519_public")));
  }

  private static String hex(String name) {
    return HEX.formatHex(TRACE.get(name));
  }

  private static Map<String, byte[]> trace() {
    try (InputStream in = Tls13FirstFlightTest.class.getResourceAsStream("rfc8448-simple-1rtt.txt")) {
      Map<String, byte[]> values = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          int eq = line.indexOf('=');
          values.put(line.substring(0, eq), HEX.parseHex(line.substring(eq + 1).trim()));
        }
      }
      return Map.copyOf(values);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("rfc8448-simple-1rtt.txt", e);
    }
  }

}
