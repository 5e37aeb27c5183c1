package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * The JA3S fingerprint of a ServerHello (<a href="https://github.com/salesforce/ja3">Salesforce JA3S</a>):
 * {@code SSLVersion,Cipher,Extensions}, decimal, extensions joined with {@code -} in wire order (GREASE removed),
 * and its MD5.
 *
 * <pre>{@code
 * Ja3s.of(serverHello).string(); // "771,49199,65281-0-11-35-16"
 * }</pre>
 *
 * @param string the JA3S text
 * @param hash its MD5, lower-case hex
 */
public record Ja3s(String string, String hash) {
  public Ja3s {
    requireNonNull(string, "string");
    requireNonNull(hash, "hash");
  }

  /** The fingerprint of {@code hello}. */
  public static Ja3s of(ServerHello hello) {
    String text = hello.legacyVersion() + "," + hello.cipherSuite() + "," + Ja3.join(hello.extensionTypes());
    return new Ja3s(text, Digests.md5(text));
  }

  @Override
  public String toString() {
    return hash;
  }
}
