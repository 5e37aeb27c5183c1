package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tlsprobe.testing.ClientHelloVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, the decoder throws nothing but {@link TlsDecodeException}: a bounded, seeded run of random
 * mutations of real hellos and server flights (a quick self-check; the fuzz test goes further).
 */
class DecoderRobustnessTest {
  private static final int MUTATIONS = 20_000;

  @Test
  void throwsOnlyTlsDecodeExceptionForMutatedInputs() {
    // given
    List<byte[]> seeds = seeds();
    Random random = new Random(0x7152_2024L);
    int decoded = 0;
    int rejected = 0;
    // when
    for (int i = 0; i < MUTATIONS; i++) {
      byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        Decoded d = (i % 2 == 0) ? TlsDecoder.decode(input) : TlsDecoder.decodePartial(input);
        decoded++;
        d.clientHello().ifPresent(Ja3::of);
        d.clientHello().ifPresent(Ja4::of);
        d.all(ServerKeyExchange.class).forEach(s -> {
          s.ecdhe();
          s.dhe();
        });
      } catch (TlsDecodeException expected) {
        rejected++;
        assertThat(expected.offset()).isBetween(0, input.length);
      } catch (RuntimeException | Error e) {
        fail("mutation " + i + " threw " + e + " for " + HexFormat.of().formatHex(input), e);
      }
    }
    // then: both outcomes were exercised
    assertThat(decoded).isPositive();
    assertThat(rejected).isPositive();
  }

  @Test
  void throwsOnlyTlsDecodeExceptionForBareHandshakeMutations() {
    List<byte[]> seeds = seeds().stream().map(s -> Arrays.copyOfRange(s, 5, s.length)).toList();
    Random random = new Random(42);
    for (int i = 0; i < MUTATIONS / 4; i++) {
      byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        TlsDecoder.decodeHandshake(input);
      } catch (TlsDecodeException expected) {
        assertThat(expected.offset()).isBetween(0, input.length);
      } catch (RuntimeException | Error e) {
        fail("mutation " + i + " threw " + e + " for " + HexFormat.of().formatHex(input), e);
      }
    }
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    ClientHelloVectors.all().forEach(v -> seeds.add(v.bytes()));
    seeds.addAll(Samples.all());
    return seeds;
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed.clone();
    int kind = random.nextInt(5);
    switch (kind) {
      case 0 -> { // flip a few bytes
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> { // set a byte to an interesting value
        int[] interesting = {0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe};
        b[random.nextInt(b.length)] = (byte) interesting[random.nextInt(interesting.length)];
      }
      case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1)); // truncate
      case 3 -> { // drop a slice
        int from = random.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + random.nextInt(8));
        byte[] out = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, to, out, from, b.length - to);
        b = out;
      }
      default -> { // duplicate a slice
        int from = random.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + random.nextInt(16));
        byte[] out = new byte[b.length + (to - from)];
        System.arraycopy(b, 0, out, 0, to);
        System.arraycopy(b, from, out, to, b.length - from);
        b = out;
      }
    }
    return b;
  }
}
