package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.Grease;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JA4 fingerprint of a ClientHello, per FoxIO's definition (<a
 * href="https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4.md">JA4 technical details</a>), e.g.
 * {@code t13d1516h2_8daaf6152771_e5627efa2ab1}:
 *
 * <ul>
 *   <li>a: transport ({@code t} TCP, {@code q} QUIC, {@code d} DTLS), version (highest non-GREASE supported_versions,
 *       else legacy_version: {@code 13 12 11 10 s3 s2 s1 d1 d2 d3}, else {@code 00}), {@code d} with SNI or {@code i}
 *       without, cipher count and extension count (GREASE removed, two digits, at most 99), and the first and last
 *       character of the first ALPN value ({@code 00} without one; hex digits when either end is not
 *       alphanumeric);
 *   <li>b: the first 12 hex digits of SHA-256 over the sorted cipher suites as 4-digit hex, comma-joined
 *       ({@code 000000000000} when there are none);
 *   <li>c: the same over the sorted extensions without SNI and ALPN, then {@code _} and the signature algorithms in
 *       wire order (no {@code _} when there are none; {@code 000000000000} when no extension is left).
 * </ul>
 *
 * <p>GREASE values are ignored everywhere.
 *
 * <pre>{@code
 * Ja4 ja4 = Ja4.of(hello);
 * ja4.fingerprint(); // "t13d1516h2_8daaf6152771_e5627efa2ab1"
 * ja4.raw();         // "t13d1516h2_002f,0035,…_0005,000a,…_0403,0804,…"
 * }</pre>
 *
 * @param fingerprint {@code ja4}
 * @param raw {@code ja4_r}: the same with the lists in clear instead of hashed
 * @param original {@code ja4_o}: lists in wire order (SNI and ALPN kept), hashed
 * @param rawOriginal {@code ja4_ro}: lists in wire order, in clear
 */
public record Ja4(String fingerprint, String raw, String original, String rawOriginal) {
  private static final String EMPTY_HASH = "000000000000";

  public Ja4 {
    requireNonNull(fingerprint, "fingerprint");
    requireNonNull(raw, "raw");
    requireNonNull(original, "original");
    requireNonNull(rawOriginal, "rawOriginal");
  }

  /** The fingerprint of a ClientHello sent over TCP. */
  public static Ja4 of(ClientHello hello) {
    return of(hello, 't');
  }

  /**
   * The fingerprint of a ClientHello sent over the given transport.
   *
   * @param transport {@code 't'} TLS over TCP, {@code 'q'} QUIC, {@code 'd'} DTLS
   */
  public static Ja4 of(ClientHello hello, char transport) {
    requireNonNull(hello, "hello");
    if (transport != 't' && transport != 'q' && transport != 'd') {
      throw new IllegalArgumentException("transport '" + transport + "' is none of t, q, d");
    }
    List<Integer> ciphers = noGrease(hello.cipherSuites());
    List<Integer> extensions = noGrease(hello.extensionTypes());
    List<Integer> sigs = noGrease(hello.signatureAlgorithms());
    String a = "" + transport
        + version(hello)
        + (extensions.contains(ExtensionTypes.SERVER_NAME) ? 'd' : 'i')
        + count(ciphers.size())
        + count(extensions.size())
        + alpn(hello);
    String sortedCiphers = hex(ciphers.stream().sorted().toList());
    List<Integer> sortedExtensions = extensions.stream()
        .filter(e -> e != ExtensionTypes.SERVER_NAME && e != ExtensionTypes.ALPN)
        .sorted()
        .toList();
    String sigText = sigs.isEmpty() ? "" : "_" + hex(sigs);
    String c = hex(sortedExtensions) + sigText;
    String originalCiphers = hex(ciphers);
    String originalC = hex(extensions) + sigText;
    return new Ja4(
        a + "_" + hash(sortedCiphers, ciphers.isEmpty()) + "_" + hash(c, sortedExtensions.isEmpty()),
        a + "_" + sortedCiphers + "_" + c,
        a + "_" + hash(originalCiphers, ciphers.isEmpty()) + "_" + hash(originalC, extensions.isEmpty()),
        a + "_" + originalCiphers + "_" + originalC);
  }

  private static List<Integer> noGrease(List<Integer> values) {
    return values.stream().filter(v -> !Grease.isGrease(v)).toList();
  }

  private static String version(ClientHello hello) {
    Optional<Integer> highest = noGrease(hello.supportedVersions()).stream().max(Integer::compare);
    return switch (highest.orElse(hello.legacyVersion())) {
      case 0x0304 -> "13";
      case 0x0303 -> "12";
      case 0x0302 -> "11";
      case 0x0301 -> "10";
      case 0x0300 -> "s3";
      case 0x0002, 0x0200 -> "s2";
      case 0x0100 -> "s1";
      case 0xfeff -> "d1";
      case 0xfefd -> "d2";
      case 0xfefc -> "d3";
      default -> "00";
    };
  }

  private static String count(int n) {
    return String.format("%02d", Math.min(n, 99));
  }

  /** First and last character of the first ALPN value, or of its hex form when either is not alphanumeric. */
  static String alpn(ClientHello hello) {
    Optional<Bytes> first = hello.extension(AlpnExtension.class).flatMap(a -> a.protocols().stream().findFirst());
    if (first.isEmpty() || first.get().isEmpty()) {
      return "00";
    }
    Bytes value = first.get();
    int head = value.get(0);
    int tail = value.get(value.length() - 1);
    if (alphanumeric(head) && alphanumeric(tail)) {
      return "" + (char) head + (char) tail;
    }
    String hex = value.toHex();
    return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
  }

  private static boolean alphanumeric(int b) {
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
  }

  private static String hex(List<Integer> values) {
    HexFormat hex = HexFormat.of();
    return values.stream().map(v -> hex.toHexDigits((short) (int) v)).collect(Collectors.joining(","));
  }

  private static String hash(String text, boolean empty) {
    return empty ? EMPTY_HASH : Digests.sha256(text).substring(0, 12);
  }

  @Override
  public String toString() {
    return fingerprint;
  }
}
