package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tlsprobe.Grease;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round-trip properties over {@value #SEEDS} fixed seeds: each seed makes, with {@code new Random(seed)}, a random
 * but valid message ({@link RandomMessages}), and decoding its encoding gives an equal value, while encoding what was
 * decoded gives the same bytes, both for the bare handshake message and through the record layer (records as
 * {@link TlsRecord#wrapHandshake} makes them and records cut small, so that messages span records), where a prefix of
 * a valid stream also decodes, in partial mode, to the start of what the whole stream holds. The
 * {@code generator…} tests prove the seed range reaches every shape, so no property passes by never being tried.
 */
class WireRoundTripPropertyTest {
  static final int SEEDS = 500;

  static LongStream seeds() {
    return LongStream.range(0, SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void clientHelloRoundTripsAsMessageAndThroughRecords(long seed) {
    // given
    Random r = new Random(seed);
    ClientHello hello = RandomMessages.clientHello(r, new ArrayList<>());
    // then
    assertRoundTrips(r, hello);
    assertThat(HelloCodec.decodeClientHello(hello.encodeBody())).isEqualTo(hello);
    hello.extension(ExtensionTypes.PRE_SHARED_KEY).ifPresent(psk ->
        assertThat(hello.extensions()).as("pre_shared_key is last").last().isEqualTo(psk));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void serverHelloAndHelloRetryRequestRoundTripAsMessageAndThroughRecords(long seed) {
    // given
    Random r = new Random(seed);
    ServerHello hello = RandomMessages.serverHello(r, new ArrayList<>());
    // then
    assertRoundTrips(r, hello);
    assertThat(HelloCodec.decodeServerHello(hello.encodeBody())).isEqualTo(hello)
        .returns(hello.isHelloRetryRequest(), ServerHello::isHelloRetryRequest);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void certificateRoundTripsInEitherShape(long seed) {
    // given
    Random r = new Random(seed);
    CertificateMessage certificate = RandomMessages.certificate(r, new ArrayList<>());
    // then
    assertRoundTrips(r, certificate);
    assertThat(CertificateMessage.decode(certificate.encodeBody())).isEqualTo(certificate);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void serverKeyExchangeRoundTripsAndReadsBackItsParameters(long seed) {
    // given
    Random r = new Random(seed);
    EcdheParams ecdhe = RandomMessages.ecdheParams(r);
    DheParams dhe = RandomMessages.dheParams(r);
    ServerKeyExchange ecdheMessage = new ServerKeyExchange(RandomMessages.encode(ecdhe));
    ServerKeyExchange dheMessage = new ServerKeyExchange(RandomMessages.encode(dhe));
    // when
    HandshakeMessage ecdheDecoded = TlsDecoder.decodeHandshake(ecdheMessage.encode());
    HandshakeMessage dheDecoded = TlsDecoder.decodeHandshake(dheMessage.encode());
    // then
    assertThat(ecdheDecoded).isEqualTo(ecdheMessage);
    assertThat(dheDecoded).isEqualTo(dheMessage);
    assertThat(ecdheMessage.ecdhe()).contains(ecdhe);
    assertThat(dheMessage.dhe()).contains(dhe);
    assertRoundTripsThroughRecords(r, concat(ecdheMessage.encode(), dheMessage.encode()),
        List.of(ecdheMessage, dheMessage));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void alertsRoundTripAfterAServerFlightWhosePrefixesDecodeToItsStart(long seed) {
    // given
    Random r = new Random(seed);
    List<Alert> alerts = RandomMessages.alerts(r);
    List<HandshakeMessage> flight = List.of(RandomMessages.serverHello(r, new ArrayList<>()),
        RandomMessages.certificate(r, new ArrayList<>()),
        new ServerKeyExchange(RandomMessages.encode(RandomMessages.ecdheParams(r))), new ServerHelloDone());
    int version = RandomMessages.recordVersion(r);
    List<TlsRecord> records = new ArrayList<>(RandomMessages.handshakeRecords(
        concat(flight.stream().map(HandshakeMessage::encode).toArray(byte[][]::new)), 1 + r.nextInt(300), version));
    if (r.nextBoolean()) {
      records.add(new TlsRecord(TlsRecord.ALERT, version,
          Bytes.of(concat(alerts.stream().map(Alert::encode).toArray(byte[][]::new)))));
    } else {
      alerts.forEach(a -> records.add(new TlsRecord(TlsRecord.ALERT, version, Bytes.of(a.encode()))));
    }
    byte[] wire = RandomMessages.concat(records);
    // when
    Decoded decoded = TlsDecoder.decode(wire);
    // then
    alerts.forEach(a -> assertThat(Alert.decode(a.encode())).isEqualTo(a));
    assertThat(decoded.alerts()).isEqualTo(alerts);
    assertThat(decoded.messages()).isEqualTo(flight);
    assertThat(decoded.records()).isEqualTo(records);
    assertThat(RandomMessages.concat(decoded.records())).isEqualTo(wire);
    StreamPrefixes.assertRandomPrefixesDecodeToAPrefix(wire, decoded, r, 24);
  }

  @Test
  void generatorMakesEveryClientHelloShapeOverTheSeedRange() {
    // when
    Set<String> made = new TreeSet<>();
    int maxSuites = 0;
    Set<Integer> sessionIdLengths = new TreeSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      List<String> names = new ArrayList<>();
      ClientHello hello = RandomMessages.clientHello(new Random(seed), names);
      made.addAll(names);
      maxSuites = Math.max(maxSuites, hello.cipherSuites().size());
      sessionIdLengths.add(hello.sessionId().length());
      if (hello.cipherSuites().stream().anyMatch(Grease::isGrease)) {
        made.add("grease_cipher_suite");
      }
    }
    // then
    Set<String> expected = new TreeSet<>(RandomExtensions.clientHello().keySet());
    expected.addAll(List.of("raw_grease", "raw_unknown", "no_extensions_block", "empty_extensions_block",
        "grease_cipher_suite"));
    assertThat(made).isEqualTo(expected);
    assertThat(maxSuites).isGreaterThan(190);
    assertThat(sessionIdLengths).contains(0, 32);
  }

  @Test
  void generatorMakesEveryServerShapeOverTheSeedRange() {
    // when
    Set<String> made = new TreeSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      Random r = new Random(seed);
      List<String> names = new ArrayList<>();
      RandomMessages.serverHello(r, names);
      RandomMessages.certificate(r, names);
      made.addAll(names);
    }
    // then
    Set<String> expected = new TreeSet<>(RandomExtensions.serverHello().keySet());
    expected.addAll(RandomExtensions.helloRetryRequest().keySet());
    expected.addAll(RandomExtensions.certificateEntry().keySet());
    expected.addAll(List.of("raw_grease", "raw_unknown", "no_extensions_block", "empty_extensions_block",
        "server_hello",
        "hello_retry_request", "certificate_tls12", "certificate_tls13"));
    assertThat(made).isEqualTo(expected);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aChangedByteNeverDecodesToTheSameClientHello(long seed) {
    // given: the property's equality is not vacuous
    Random r = new Random(seed);
    ClientHello hello = RandomMessages.clientHello(r, new ArrayList<>());
    byte[] changed = hello.encode();
    int at = r.nextInt(changed.length);
    changed[at] ^= (byte) (1 + r.nextInt(255));
    // when
    Throwable thrown = catchThrowable(() -> assertThat(TlsDecoder.decodeHandshake(changed)).isNotEqualTo(hello));
    // then
    assertThat(thrown).as("byte %d changed", at).satisfiesAnyOf(
        t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(TlsDecodeException.class));
  }

  /**
   * Decoding the encoded message gives an equal message, which encodes to the same bytes; and the same holds
   * through records.
   */
  private static void assertRoundTrips(Random r, HandshakeMessage message) {
    // when
    byte[] encoded = message.encode();
    HandshakeMessage decoded = TlsDecoder.decodeHandshake(encoded);
    // then
    assertThat(decoded).isEqualTo(message);
    assertThat(decoded.encode()).isEqualTo(encoded);
    assertRoundTripsThroughRecords(r, encoded, List.of(message));
  }

  /**
   * The message bytes decode to {@code expected} through records as {@link TlsRecord#wrapHandshake} makes them and
   * through records cut at a random small size, and the records re-encode to the same stream.
   */
  private static void assertRoundTripsThroughRecords(Random r, byte[] handshake, List<HandshakeMessage> expected) {
    int version = RandomMessages.recordVersion(r);
    byte[] wrapped = TlsRecord.wrapHandshake(handshake, version);
    List<TlsRecord> small = RandomMessages.handshakeRecords(handshake, 1 + r.nextInt(64), version);
    byte[] cut = RandomMessages.concat(small);

    Decoded fromWrapped = TlsDecoder.decode(wrapped);
    Decoded fromCut = TlsDecoder.decode(cut);

    assertThat(fromWrapped.messages()).isEqualTo(expected);
    assertThat(fromCut.messages()).isEqualTo(expected);
    assertThat(fromCut.records()).isEqualTo(small);
    assertThat(RandomMessages.concat(fromWrapped.records())).isEqualTo(wrapped);
    assertThat(RandomMessages.concat(fromCut.records())).isEqualTo(cut);
  }

  private static byte[] concat(byte[]... parts) {
    return Samples.concat(parts);
  }
}
