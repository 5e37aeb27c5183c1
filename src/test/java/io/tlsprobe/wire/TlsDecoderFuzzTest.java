package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer: whatever the bytes, {@link TlsDecoder} throws nothing but a
 * {@link TlsDecodeException} (with a field and an offset inside the input), and what it does decode encodes back to
 * the same bytes and decodes again to an equal value.
 *
 * <p><b>Seeds.</b> A normal {@code mvn test} runs each method once per file in
 * {@code src/test/resources/io/tlsprobe/wire/TlsDecoderFuzzTestInputs/<method>/} (Jazzer's regression mode). The
 * files are binary: {@code vector-NAME} is {@code NAME.hex} of {@code src/test/resources/vectors} or
 * {@code ../shared/vectors} decoded from hex (for the bare-handshake method, with the record headers removed),
 * {@code sample-…} a message or flight of {@code Samples}, and {@code finding-…} an input a fuzzing run once failed
 * on, kept as a regression test under a name that says what it broke.
 *
 * <p><b>Fuzzing.</b> {@code JAZZER_FUZZ=1 mvn -o -q test -Dtest='TlsDecoderFuzzTest#<method>'} fuzzes one method
 * (Jazzer fuzzes only one {@code @FuzzTest} per run) for its {@code maxDuration}. To run longer or shorter, hand
 * libFuzzer its own flag (the first {@code jazzer.internal.arg} stands for argv[0] and is ignored):
 * {@code JAZZER_FUZZ=1 mvn -o test -Dtest='TlsDecoderFuzzTest#decodingAPartialStreamThrowsOnlyTlsDecodeException'
 * -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=3600} (add
 * {@code -Djazzer.internal.arg.2=-print_final_stats=1} for {@code stat::number_of_executed_units}). libFuzzer prints
 * its progress to the console as {@code #N …} lines, ending with {@code #N DONE …} and
 * {@code Done N runs in S second(s)}. It keeps the corpus it grows in {@code .cifuzz-corpus/} (not committed)
 * and writes a failing input as {@code crash-<sha1>} into the seed directory of the method: rename it to
 * {@code finding-<what-it-broke>}, fix the codec, and commit it.
 */
class TlsDecoderFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void decodingArbitraryBytesThrowsOnlyTlsDecodeExceptionAndRoundTrips(byte[] input) {
    Decoded decoded = acceptedOrNull(input, () -> TlsDecoder.decode(input));
    if (decoded == null) {
      return;
    }
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    decoded.messages().stream()
        .filter(SslV2ClientHello.class::isInstance)
        .forEach(v2 -> again.writeBytes(v2.encode()));
    for (TlsRecord record : decoded.records()) {
      again.writeBytes(record.encode());
    }
    assertThat(again.toByteArray()).as("SSLv2 hello and records re-encoded").isEqualTo(input);
    assertThat(decoded.consumed()).as("consumed").isEqualTo(input.length);
    assertThat(decoded.trailing().isEmpty()).as("nothing trailing").isTrue();
    for (HandshakeMessage message : decoded.messages()) {
      if (!(message instanceof SslV2ClientHello)) {
        byte[] encoded = message.encode();
        HandshakeMessage reread = TlsDecoder.decodeHandshake(encoded);
        assertThat(reread).as("message round trip").isEqualTo(message);
        assertThat(reread.encode()).as("message re-encoded").isEqualTo(encoded);
      }
    }
    DerivedViews.exercise(decoded);
  }

  @FuzzTest(maxDuration = "5m")
  void decodingABareHandshakeMessageThrowsOnlyTlsDecodeExceptionAndRoundTrips(byte[] input) {
    HandshakeMessage message = acceptedOrNull(input, () -> TlsDecoder.decodeHandshake(input));
    if (message == null) {
      return;
    }
    assertThat(message.encode()).as("re-encoded message").isEqualTo(input);
    assertThat(TlsDecoder.decodeHandshake(message.encode())).as("decoded again").isEqualTo(message);
    DerivedViews.exercise(message);
  }

  /**
   * Besides never throwing anything but a {@link TlsDecodeException}: when the whole input is a valid stream, every
   * prefix of it (as a reader sees it arriving) decodes without an exception to a prefix of its records and messages.
   */
  @FuzzTest(maxDuration = "5m")
  void decodingAPartialStreamThrowsOnlyTlsDecodeException(byte[] input) {
    Decoded decoded = acceptedOrNull(input, () -> TlsDecoder.decodePartial(input));
    if (decoded == null) {
      return;
    }
    assertThat(decoded.consumed() + decoded.trailing().length()).as("consumed + trailing").isEqualTo(input.length);
    DerivedViews.exercise(decoded);
    if (decoded.trailing().isEmpty()) {
      StreamPrefixes.assertEveryPrefixDecodesToAPrefix(input, decoded);
    }
  }

  /**
   * {@link TlsDecoder#decodeLongestPrefix} throws nothing whatever the bytes; it is {@code decodePartial} when that
   * accepts the input, and otherwise {@code decodePartial} of the prefix it consumed. Seeds include hellos followed by
   * garbage ({@code sample-client-hello-then-…}).
   */
  @FuzzTest(maxDuration = "5m")
  void decodingTheLongestPrefixThrowsNothingAndAgreesWithPartialDecoding(byte[] input) {
    Decoded longest = TlsDecoder.decodeLongestPrefix(input);

    assertThat(longest.consumed()).as("consumed").isBetween(0, input.length);
    Decoded partial = acceptedOrNull(input, () -> TlsDecoder.decodePartial(input));
    if (partial != null) {
      assertThat(longest).as("a stream partial decoding accepts").isEqualTo(partial);
    } else {
      assertThat(TlsDecoder.decodePartial(Arrays.copyOf(input, longest.consumed() + longest.trailing().length())))
          .as("the prefix decoded again").isEqualTo(longest);
    }
    DerivedViews.exercise(longest);
  }

  /**
   * The input is an extension type (2 bytes), a context (1 byte, modulo the number of contexts) and the
   * {@code extension_data}: this reaches the contexts no message decoder passes (EncryptedExtensions,
   * CertificateRequest, NewSessionTicket).
   */
  @FuzzTest(maxDuration = "5m")
  void decodingOneExtensionInAnyContextThrowsOnlyTlsDecodeExceptionAndKeepsItsBytes(byte[] input) {
    if (input.length < 3) {
      return;
    }
    int type = ((input[0] & 0xff) << 8) | (input[1] & 0xff);
    ExtensionContext[] contexts = ExtensionContext.values();
    ExtensionContext context = contexts[(input[2] & 0xff) % contexts.length];
    Bytes data = Bytes.of(input, 3, input.length - 3);
    Extension extension = acceptedOrNull(input, () -> Extensions.decode(type, data, context, 3));
    if (extension == null) {
      return;
    }
    assertThat(extension.type()).as("type").isEqualTo(type);
    assertThat(extension.encodeData()).as("re-encoded data").isEqualTo(data.toArray());
    assertThat(Extensions.decode(type, data, context, 3)).as("decoded again").isEqualTo(extension);
    assertThat(extension.toString()).isNotEmpty();
  }

  /**
   * What {@code decode} returns, or null when it rejects {@code input} with a {@link TlsDecodeException} naming a
   * field and an offset inside the input; any other exception is a finding.
   */
  private static <T> @Nullable T acceptedOrNull(byte[] input, Supplier<T> decode) {
    try {
      return decode.get();
    } catch (TlsDecodeException rejected) {
      assertThat(rejected.field()).as("field of %s", rejected.getMessage()).isNotBlank();
      assertThat(rejected.offset()).as("offset of %s", rejected.getMessage()).isBetween(0, input.length);
      return null;
    }
  }
}
