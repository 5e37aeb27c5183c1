package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer.
 *
 * <p>A normal {@code mvn test} runs each method once per seed in
 * {@code src/test/resources/io/tlsprobe/wire/TlsDecoderFuzzTestInputs/<method>/} (real ClientHellos and server
 * flights). To fuzz for real: {@code JAZZER_FUZZ=1 mvn test -Dtest=TlsDecoderFuzzTest} (Jazzer fuzzes the first
 * {@code @FuzzTest} it meets per run; pick one with {@code -Dtest=TlsDecoderFuzzTest#method}). Any exception but
 * {@link TlsDecodeException}, and any broken round trip, is a finding.
 */
class TlsDecoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodingArbitraryBytesThrowsOnlyTlsDecodeExceptionAndRoundTrips(byte[] input) {
    Decoded decoded;
    try {
      decoded = TlsDecoder.decode(input);
    } catch (TlsDecodeException expected) {
      return;
    }
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    for (TlsRecord record : decoded.records()) {
      again.writeBytes(record.encode());
    }
    assertThat(again.toByteArray()).as("records re-encoded").isEqualTo(input);
    for (HandshakeMessage message : decoded.messages()) {
      if (!(message instanceof SslV2ClientHello)) {
        assertThat(TlsDecoder.decodeHandshake(message.encode())).as("message round trip").isEqualTo(message);
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void decodingABareHandshakeMessageThrowsOnlyTlsDecodeExceptionAndRoundTrips(byte[] input) {
    HandshakeMessage message;
    try {
      message = TlsDecoder.decodeHandshake(input);
    } catch (TlsDecodeException expected) {
      return;
    }
    assertThat(message.encode()).as("re-encoded message").isEqualTo(input);
  }

  @FuzzTest(maxDuration = "30s")
  void decodingAPartialStreamThrowsOnlyTlsDecodeException(byte[] input) {
    try {
      TlsDecoder.decodePartial(input);
    } catch (TlsDecodeException expected) {
      // the one allowed exception
    }
  }
}
