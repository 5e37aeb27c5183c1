package io.tlsprobe.wire;

import static io.tlsprobe.wire.Samples.concat;
import static io.tlsprobe.wire.Samples.hex;
import static io.tlsprobe.wire.Samples.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TlsDecoderTest {
  private final ClientHello hello = Samples.clientHelloWithEverything();

  private static Consumer<TlsDecodeException> at(String field, int offset) {
    return e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.offset()).isEqualTo(offset);
    };
  }

  @Test
  void reassemblesAHandshakeSplitOverThreeRecords() {
    // given
    byte[] message = hello.encode();
    int third = message.length / 3;
    byte[] stream = concat(
        record(TlsRecord.HANDSHAKE, Arrays.copyOfRange(message, 0, 2)),
        record(TlsRecord.HANDSHAKE, Arrays.copyOfRange(message, 2, third)),
        record(TlsRecord.HANDSHAKE, Arrays.copyOfRange(message, third, message.length)));
    // when
    Decoded decoded = TlsDecoder.decode(stream);
    // then
    assertThat(decoded.records()).hasSize(3);
    assertThat(decoded.messages()).containsExactly(hello);
    assertThat(decoded.consumed()).isEqualTo(stream.length);
  }

  @Test
  void reportsOffsetsIntoTheInputForAMessageSpanningRecords() {
    // given: a ServerHello whose cipher suite list... is fine, but whose session id length is 33; the length
    // byte sits at message offset 4 + 34 = 38, which is in the second record (header 5 bytes in between)
    byte[] body = hex("0303" + "aa".repeat(32) + "21" + "bb".repeat(33) + "130100");
    byte[] message = concat(hex("02 00 00"), new byte[] {(byte) body.length}, body);
    byte[] stream = concat(record(TlsRecord.HANDSHAKE, Arrays.copyOfRange(message, 0, 20)),
        record(TlsRecord.HANDSHAKE, Arrays.copyOfRange(message, 20, message.length)));
    // then: 5 (header) + 20 (first fragment) + 5 (second header) + 18
    assertThatThrownBy(() -> TlsDecoder.decode(stream))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("ServerHello.legacy_session_id_echo", 48));
  }

  @Test
  void readsTwoMessagesFromOneRecord() {
    // given
    byte[] stream = record(TlsRecord.HANDSHAKE,
        concat(Samples.serverHello12().encode(), new ServerHelloDone().encode()));
    // when
    Decoded decoded = TlsDecoder.decode(stream);
    // then
    assertThat(decoded.records()).hasSize(1);
    assertThat(decoded.messages()).containsExactly(Samples.serverHello12(), new ServerHelloDone());
  }

  @Test
  void readsATls12ServerFlightInOrder() {
    // when
    Decoded decoded = TlsDecoder.decode(Samples.tls12ServerFlight());
    // then
    assertThat(decoded.messages()).extracting(HandshakeMessage::type).containsExactly(2, 11, 22, 12, 14);
    assertThat(decoded.serverHello()).contains(Samples.serverHello12());
    assertThat(decoded.first(CertificateMessage.class).orElseThrow().certificates()).hasSize(2);
    assertThat(decoded.first(ServerKeyExchange.class).flatMap(ServerKeyExchange::ecdhe).orElseThrow().namedGroup())
        .isEqualTo(0x001d);
    assertThat(decoded.clientHello()).isEmpty();
  }

  @Test
  void stopsReadingHandshakeBytesAfterChangeCipherSpecInTls12() {
    // given: ServerHello (TLS 1.2), CCS, then an encrypted Finished that is not a valid message
    byte[] stream = concat(record(TlsRecord.HANDSHAKE, Samples.serverHello12().encode()),
        record(TlsRecord.CHANGE_CIPHER_SPEC, new byte[] {1}),
        record(TlsRecord.HANDSHAKE, Samples.bytes(40, 0x01).toArray()),
        record(TlsRecord.ALERT, Samples.bytes(26, 0x07).toArray()));
    // when
    Decoded decoded = TlsDecoder.decode(stream);
    // then
    assertThat(decoded.records()).hasSize(4);
    assertThat(decoded.messages()).containsExactly(Samples.serverHello12());
    assertThat(decoded.alerts()).isEmpty();
  }

  @Test
  void readsTheServerHelloAfterARetryRequestAndItsMiddleboxChangeCipherSpec() {
    // when
    Decoded decoded = TlsDecoder.decode(Samples.tls13HelloRetryFlight());
    // then
    assertThat(decoded.messages()).containsExactly(Samples.helloRetryRequest(), Samples.serverHello13());
    assertThat(decoded.helloRetryRequest()).contains(Samples.helloRetryRequest());
    assertThat(decoded.serverHello()).contains(Samples.serverHello13());
    assertThat(decoded.records()).extracting(TlsRecord::contentType).containsExactly(22, 20, 22, 23);
  }

  @Test
  void readsTheSecondClientHelloAfterTheClientsMiddleboxChangeCipherSpec() {
    // given
    ClientHello second = ClientHello.builder().random(Samples.bytes(32, 9)).cipherSuites(0x1301)
        .supportedVersions(0x0304).keyShare(0x0017, Samples.bytes(65, 4)).build();
    byte[] stream = concat(TlsRecord.wrapHandshake(hello.encode(), 0x0301),
        record(TlsRecord.CHANGE_CIPHER_SPEC, new byte[] {1}),
        TlsRecord.wrapHandshake(second.encode(), 0x0303),
        record(TlsRecord.APPLICATION_DATA, Samples.bytes(53, 1).toArray()));
    // when
    Decoded decoded = TlsDecoder.decode(stream);
    // then
    assertThat(decoded.all(ClientHello.class)).containsExactly(hello, second);
  }

  @Test
  void treatsHandshakeRecordsAfterATls13CompatibleChangeCipherSpecAsEncryptedWhenTheyAreNotHellos() {
    // given: a client offering TLS 1.3 resuming a TLS 1.2 session: CH, CCS, encrypted Finished
    byte[] stream = concat(TlsRecord.wrapHandshake(hello.encode(), 0x0301),
        record(TlsRecord.CHANGE_CIPHER_SPEC, new byte[] {1}),
        record(TlsRecord.HANDSHAKE, Samples.bytes(40, 0x14).toArray()),
        record(TlsRecord.HANDSHAKE, Samples.bytes(40, 0x01).toArray()));
    // when
    Decoded decoded = TlsDecoder.decode(stream);
    // then
    assertThat(decoded.messages()).containsExactly(hello);
    assertThat(decoded.records()).hasSize(4);
  }

  @Test
  void collectsPlaintextAlerts() {
    byte[] stream = concat(TlsRecord.wrapHandshake(Samples.serverHello12().encode(), 0x0303),
        record(TlsRecord.ALERT, new byte[] {2, 40}));
    Decoded decoded = TlsDecoder.decode(stream);
    assertThat(decoded.alerts()).containsExactly(new Alert(2, 40));
    assertThat(decoded.fatalAlert()).contains(new Alert(2, 40));
  }

  @Test
  void keepsApplicationDataAndHeartbeatAsRecordsOnly() {
    byte[] stream = concat(record(TlsRecord.APPLICATION_DATA, new byte[] {1, 2, 3}),
        record(TlsRecord.HEARTBEAT, new byte[] {1, 0, 0}));
    Decoded decoded = TlsDecoder.decode(stream);
    assertThat(decoded.records()).hasSize(2);
    assertThat(decoded.messages()).isEmpty();
  }

  @Test
  void keepsUnknownHandshakeTypesAsBytes() {
    byte[] stream = record(TlsRecord.HANDSHAKE, hex("0d 000003 010203"));
    assertThat(TlsDecoder.decode(stream).messages())
        .containsExactly(new UnknownHandshake(HandshakeMessage.CERTIFICATE_REQUEST, Bytes.ofHex("010203")));
  }

  @Test
  void rejectsATruncatedFinalRecord() {
    byte[] stream = TlsRecord.wrapHandshake(hello.encode(), 0x0301);
    assertThatThrownBy(() -> TlsDecoder.decode(Arrays.copyOf(stream, stream.length - 1)))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("record.fragment", 0));
  }

  @Test
  void rejectsATruncatedRecordHeader() {
    byte[] stream = concat(record(TlsRecord.ALERT, new byte[] {1, 0}), hex("1603"));
    assertThatThrownBy(() -> TlsDecoder.decode(stream))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("record.header", 7));
  }

  @Test
  void rejectsAnIncompleteHandshakeMessageAtTheEnd() {
    byte[] message = hello.encode();
    byte[] stream = record(TlsRecord.HANDSHAKE, Arrays.copyOf(message, 100));
    assertThatThrownBy(() -> TlsDecoder.decode(stream))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("handshake.body", 5));
  }

  @Test
  void returnsWhatIsCompleteInPartialModeWithoutThrowing() {
    // given: a hello split over two records, the second one cut short
    byte[] message = hello.encode();
    byte[] first = record(TlsRecord.HANDSHAKE, Arrays.copyOf(message, 100));
    byte[] second = record(TlsRecord.HANDSHAKE, Arrays.copyOfRange(message, 100, message.length));
    byte[] stream = concat(first, Arrays.copyOf(second, 30));
    // when
    Decoded partial = TlsDecoder.decodePartial(stream);
    Decoded complete = TlsDecoder.decodePartial(concat(first, second));
    // then
    assertThat(partial.records()).hasSize(1);
    assertThat(partial.messages()).isEmpty();
    assertThat(partial.consumed()).isEqualTo(first.length);
    assertThat(partial.trailing()).isEqualTo(Bytes.of(Arrays.copyOf(second, 30)));
    assertThat(complete.clientHello()).contains(hello);
    assertThat(complete.trailing().isEmpty()).isTrue();
  }

  @Test
  void returnsNothingInPartialModeForAFewHeaderBytes() {
    Decoded partial = TlsDecoder.decodePartial(hex("1603"));
    assertThat(partial.consumed()).isZero();
    assertThat(partial.records()).isEmpty();
  }

  @Test
  void stillRejectsMalformedBytesInPartialMode() {
    assertThatThrownBy(() -> TlsDecoder.decodePartial("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("record.content_type", 0));
  }

  @Test
  void rejectsARecordWithAWrongMajorVersion() {
    assertThatThrownBy(() -> TlsDecoder.decode(hex("16 0203 0001 00")))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("record.version", 1));
  }

  @Test
  void rejectsAPlaintextRecordLongerThanTwoToTheFourteen() {
    byte[] stream = concat(hex("16 0303 4001"), new byte[16385]);
    assertThatThrownBy(() -> TlsDecoder.decode(stream))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("record.length", 3));
  }

  @Test
  void rejectsAnEmptyHandshakeRecord() {
    assertThatThrownBy(() -> TlsDecoder.decode(hex("16 0303 0000")))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("record.length", 3));
  }

  @Test
  void rejectsAHandshakeMessageLongerThanTheLimitBeforeWaitingForIt() {
    assertThatThrownBy(() -> TlsDecoder.decodePartial(hex("16 0303 0004 01ffffff")))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("handshake.length", 6));
  }

  @Test
  void rejectsAnAlertInsideAFragmentedHandshakeMessage() {
    byte[] message = hello.encode();
    byte[] stream = concat(record(TlsRecord.HANDSHAKE, Arrays.copyOf(message, 50)),
        record(TlsRecord.ALERT, new byte[] {2, 40}));
    assertThatThrownBy(() -> TlsDecoder.decode(stream))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("record.content_type", 55));
  }

  @Test
  void rejectsAChangeCipherSpecOtherThanOne() {
    assertThatThrownBy(() -> TlsDecoder.decode(hex("14 0303 0001 02")))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("record.change_cipher_spec", 5));
  }

  @Test
  void rejectsAnAlertRecordWithAnOddLength() {
    assertThatThrownBy(() -> TlsDecoder.decode(hex("15 0303 0003 022801")))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("Alert.description", 8));
  }

  @Test
  void decodesABareHandshakeMessage() {
    assertThat(TlsDecoder.decodeHandshake(hello.encode())).isEqualTo(hello);
  }

  @Test
  void rejectsBytesAfterABareHandshakeMessage() {
    byte[] message = concat(new ServerHelloDone().encode(), new byte[] {0});
    assertThatThrownBy(() -> TlsDecoder.decodeHandshake(message))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("handshake", 4));
  }

  @Test
  void rejectsABareHandshakeMessageShorterThanItsLength() {
    assertThatThrownBy(() -> TlsDecoder.decodeHandshake(hex("0e000001")))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("handshake.body", 4));
  }

  @Test
  void recognisesAnSslv2CompatibleClientHello() {
    // when
    Decoded decoded = TlsDecoder.decode(Samples.sslV2Hello());
    // then
    assertThat(decoded.messages()).singleElement().isInstanceOf(SslV2ClientHello.class);
    assertThat(decoded.records()).isEmpty();
    assertThat(decoded.clientHello().orElseThrow().cipherSuites()).containsExactly(0x002f, 0x0035);
  }

  @Test
  void waitsForTheRestOfAnSslv2HelloInPartialMode() {
    byte[] v2 = Samples.sslV2Hello();
    Decoded partial = TlsDecoder.decodePartial(Arrays.copyOf(v2, 20));
    assertThat(partial.messages()).isEmpty();
    assertThat(partial.consumed()).isZero();
    assertThatThrownBy(() -> TlsDecoder.decode(Arrays.copyOf(v2, 20)))
        .isInstanceOfSatisfying(TlsDecodeException.class, at("SSLv2ClientHello.msg_length", 0));
  }

  @Test
  void waitsForTheThirdByteOfAnSslv2HeaderInPartialMode() {
    // given: the first one and two bytes of an SSLv2 hello, before its msg_type arrives
    byte[] v2 = Samples.sslV2Hello();
    for (int length = 1; length <= 2; length++) {
      byte[] prefix = Arrays.copyOf(v2, length);
      // when
      Decoded partial = TlsDecoder.decodePartial(prefix);
      // then
      assertThat(partial.messages()).isEmpty();
      assertThat(partial.consumed()).isZero();
      assertThat(partial.trailing()).isEqualTo(Bytes.of(prefix));
      assertThatThrownBy(() -> TlsDecoder.decode(prefix))
          .isInstanceOfSatisfying(TlsDecodeException.class, at("SSLv2ClientHello.msg_length", 0));
    }
  }

  @Test
  void longestPrefixKeepsTheHelloBeforeBytesThatAreNotTls() {
    // given a whole hello record, then plain HTTP
    byte[] helloRecord = record(TlsRecord.HANDSHAKE, hello.encode());
    byte[] stream = concat(helloRecord, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> TlsDecoder.decodePartial(stream)).isInstanceOf(TlsDecodeException.class);

    // when
    Decoded decoded = TlsDecoder.decodeLongestPrefix(stream);

    // then
    assertThat(decoded.clientHello()).contains(hello);
    assertThat(decoded.consumed()).isEqualTo(helloRecord.length);
  }

  @Test
  void longestPrefixKeepsEveryWholeRecordBeforeAMalformedOneAmongHundreds() {
    // given a hello split into 3-byte records, an alert, then a handshake message over the size limit
    byte[] message = hello.encode();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < message.length; i += 3) {
      out.writeBytes(record(TlsRecord.HANDSHAKE, Arrays.copyOfRange(message, i, Math.min(message.length, i + 3))));
    }
    out.writeBytes(record(TlsRecord.ALERT, new byte[] {1, 0}));
    int good = out.size();
    out.writeBytes(hex("16 0303 0004 01ffffff"));
    out.writeBytes(record(TlsRecord.ALERT, new byte[] {2, 40}));

    // when
    Decoded decoded = TlsDecoder.decodeLongestPrefix(out.toByteArray());

    // then
    assertThat(decoded.records()).hasSize((message.length + 2) / 3 + 1);
    assertThat(decoded.clientHello()).contains(hello);
    assertThat(decoded.consumed()).isEqualTo(good);
    assertThat(decoded.fatalAlert()).isEmpty();
  }

  @Test
  void longestPrefixOfBytesMalformedFromTheFirstRecordDecodesNothing() {
    Decoded decoded = TlsDecoder.decodeLongestPrefix(hex("16 0303 0004 01ffffff 15 0303 0002 0228"));

    assertThat(decoded.consumed()).isZero();
    assertThat(decoded.records()).isEmpty();
  }

  @Test
  void longestPrefixOfWellFormedBytesIsWhatPartialDecodingGives() {
    byte[] stream = concat(record(TlsRecord.HANDSHAKE, hello.encode()), hex("1603"));

    assertThat(TlsDecoder.decodeLongestPrefix(stream)).isEqualTo(TlsDecoder.decodePartial(stream));
  }
}
