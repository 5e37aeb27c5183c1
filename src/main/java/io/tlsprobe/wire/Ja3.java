package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.Grease;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JA3 fingerprint of a ClientHello (<a href="https://github.com/salesforce/ja3">Salesforce JA3</a>):
 * {@code SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats}, each list decimal and joined with
 * {@code -} in wire order, GREASE values removed (padding is kept), and its MD5. The same as tshark's
 * {@code tls.handshake.ja3_full} and {@code tls.handshake.ja3}.
 *
 * <pre>{@code
 * Ja3 ja3 = Ja3.of(hello);
 * ja3.string(); // "771,4866-4867-4865-…,0-11-10-…,29-23-30-…,0-1-2"
 * ja3.hash();   // "0149f47eabf9a20d0893e2a44e5a6323"
 * }</pre>
 *
 * @param string the JA3 text
 * @param hash its MD5, lower-case hex
 */
public record Ja3(String string, String hash) {
  public Ja3 {
    requireNonNull(string, "string");
    requireNonNull(hash, "hash");
  }

  /** The fingerprint of {@code hello}. */
  public static Ja3 of(ClientHello hello) {
    String text = hello.legacyVersion()
        + "," + join(hello.cipherSuites())
        + "," + join(hello.extensionTypes())
        + "," + join(hello.supportedGroups())
        + "," + join(hello.ecPointFormats());
    return new Ja3(text, Digests.md5(text));
  }

  static String join(List<Integer> values) {
    return values.stream()
        .filter(v -> !Grease.isGrease(v))
        .map(String::valueOf)
        .collect(Collectors.joining("-"));
  }

  @Override
  public String toString() {
    return hash;
  }
}
