package io.tlsprobe.scan;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.wire.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.crypto.KeyAgreement;

/**
 * The key shares of the scan's hellos that are read past the ServerHello ({@link Tls13FirstFlight}), and the shared
 * secrets they give with a server's share (RFC 8446 section 4.2.8), one per scan:
 *
 * <ul>
 *   <li>x25519: a real key pair of the JDK ({@code KeyPairGenerator "X25519"}), the secret from {@code KeyAgreement
 *       "X25519"} (RFC 7748 section 6.1). It is made on first use only: a JVM's first X25519 key pair costs 75–120 ms
 *       of CPU (measured on this machine, JDK 17: the field arithmetic runs interpreted), so the scan asks with
 *       secp256r1 first and needs it only for servers without that group;
 *   <li>secp256r1: the curve's base point G, the public value of private key 1, so the shared secret 1·Q is the
 *       server's own point Q, whose x-coordinate is the secret (RFC 8446 section 7.4.2): no key generation, no scalar
 *       multiplication. The server's point is checked to be on the curve (SEC 1 section 3.2.2.1) before its x is
 *       used; a point that is not gives no secret.
 * </ul>
 *
 * <p>No handshake is ever finished with these: they only open the server's first flight.
 *
 * <pre>{@code
 * KeyShares shares = KeyShares.create(new SecureRandom());
 * Bytes share = shares.share(0x0017);                        // the secp256r1 base point
 * byte[] secret = shares.sharedSecret(0x0017, serverShare); // the x of the server's point
 * }</pre>
 */
final class KeyShares {
  /** The secp256r1 base point G, uncompressed (SEC 2 section 2.4.2). */
  static final Bytes P256_BASE_POINT = Bytes.of(HexFormat.of().parseHex("04"
      + "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
      + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"));
  /** secp256r1's prime p and coefficient b (a = -3), SEC 2 section 2.4.2. */
  private static final BigInteger P = new BigInteger(
      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final BigInteger B = new BigInteger(
      "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

  /** The x25519 key pair and its public value, made on first use. */
  private record X25519Pair(PrivateKey privateKey, Bytes publicValue) {}

  private final Supplier<X25519Pair> x25519;

  private KeyShares(Supplier<X25519Pair> x25519) {
    this.x25519 = requireNonNull(x25519, "x25519");
  }

  /** Shares whose x25519 key pair is made from {@code random} on first use. */
  static KeyShares create(SecureRandom random) {
    requireNonNull(random, "random");
    CompletableFuture<X25519Pair> made = new CompletableFuture<>();
    AtomicBoolean started = new AtomicBoolean();
    return new KeyShares(() -> {
      if (started.compareAndSet(false, true)) {
        try {
          made.complete(generate(random));
        } catch (RuntimeException e) {
          made.completeExceptionally(e);
        }
      }
      return made.join();
    });
  }

  private static X25519Pair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
      g.initialize(NamedParameterSpec.X25519, random);
      KeyPair pair = g.generateKeyPair();
      return new X25519Pair(pair.getPrivate(), Bytes.of(littleEndian(((XECPublicKey) pair.getPublic()).getU())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks X25519 (JDK 11+ has it)", e);
    }
  }

  /** Shares of a known x25519 private key: for tests against published traces (RFC 8448). */
  static KeyShares ofX25519(PrivateKey x25519Private, Bytes x25519Public) {
    X25519Pair pair = new X25519Pair(x25519Private, x25519Public);
    return new KeyShares(() -> pair);
  }

  /** The x25519 public value, 32 bytes (RFC 7748 section 5); the key pair is made on the first call. */
  Bytes x25519() {
    return x25519.get().publicValue();
  }

  /** The share the scan offers in {@code group} (x25519 or secp256r1). */
  Bytes share(int group) {
    if (group == Hellos.X25519) {
      return x25519();
    }
    if (group == Hellos.SECP256R1) {
      return P256_BASE_POINT;
    }
    throw new IllegalArgumentException("no key share of the scan's is in " + NamedGroup.of(group).name());
  }

  /** Whether the scan can compute a shared secret for {@code group}. */
  static boolean computes(int group) {
    return group == Hellos.X25519 || group == Hellos.SECP256R1;
  }

  /**
   * The shared secret with the server's {@code share} in {@code group}.
   *
   * @throws IllegalArgumentException naming the group and the problem: a group the scan has no share for, a share of
   *     the wrong size, a point not on the curve, an all-zero x25519 result (RFC 8446 section 7.4.2)
   */
  byte[] sharedSecret(int group, Bytes share) {
    if (group == Hellos.X25519) {
      return x25519(share.toArray());
    }
    if (group == Hellos.SECP256R1) {
      return p256(share.toArray());
    }
    throw new IllegalArgumentException("no key share of the scan's is in " + NamedGroup.of(group).name()
        + " (only x25519 and secp256r1)");
  }

  private byte[] x25519(byte[] u) {
    if (u.length != 32) {
      throw new IllegalArgumentException("an x25519 share of " + u.length + " bytes (must be 32)");
    }
    byte[] le = u.clone();
    le[31] &= 0x7f; // the unused top bit is masked (RFC 7748 section 5)
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    try {
      KeyFactory f = KeyFactory.getInstance("X25519");
      KeyAgreement a = KeyAgreement.getInstance("X25519");
      a.init(x25519.get().privateKey());
      a.doPhase(f.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be))), true);
      return a.generateSecret(); // the JDK refuses an all-zero result (RFC 7748 section 6.1)
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the x25519 share gives no shared secret: " + e.getMessage(), e);
    }
  }

  /*
   * struct {
   *     uint8 legacy_form = 4;
   *     opaque X[coordinate_length];
   *     opaque Y[coordinate_length];
   * } UncompressedPointRepresentation;
   */
  private static byte[] p256(byte[] point) {
    if (point.length != 65 || point[0] != 4) {
      throw new IllegalArgumentException("a secp256r1 share of " + point.length + " bytes starting "
          + (point.length == 0 ? "with nothing" : String.format("0x%02x", point[0] & 0xff))
          + " (must be 65 bytes starting 0x04, RFC 8446 section 4.2.8.2)");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
    BigInteger lhs = y.multiply(y).mod(P);
    BigInteger rhs = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
    if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0 || !lhs.equals(rhs)) {
      throw new IllegalArgumentException("the server's secp256r1 share is not a point on the curve");
    }
    return Arrays.copyOfRange(point, 1, 33); // 1·Q = Q: the x-coordinate is the shared secret
  }

  /** {@code u} as 32 little-endian bytes (RFC 7748 section 5). */
  static byte[] littleEndian(BigInteger u) {
    byte[] be = u.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < Math.min(32, be.length); i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  @Override
  public String toString() {
    return "KeyShares[x25519, secp256r1 base point]";
  }
}
