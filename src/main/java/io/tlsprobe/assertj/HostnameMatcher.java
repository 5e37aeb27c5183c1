package io.tlsprobe.assertj;

import io.tlsprobe.report.CertificateInfo;
import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a certificate is valid for a host, by the rules of <a
 * href="https://www.rfc-editor.org/rfc/rfc6125#section-6">RFC 6125 section 6</a>: an IP address matches an {@code
 * IP:} subject alternative name (by address, so {@code ::1} matches {@code 0:0:0:0:0:0:0:1}); a host name matches a
 * {@code DNS:} name ignoring case and a trailing dot, where the name may be a wildcard {@code *.} as its whole
 * left-most label, standing for exactly one label and only below at least two more labels ({@code *.example.com},
 * never {@code *.com}); the subject's common name is consulted only when the certificate has no {@code DNS:} name.
 * No name is ever resolved: nothing here touches the network.
 *
 * <pre>{@code
 * HostnameMatcher.matches(certificate, "api.example.com"); // true for DNS:*.example.com
 * HostnameMatcher.names(certificate, "api.example.com");   // "[DNS:*.example.com, IP:127.0.0.1]"
 * }</pre>
 */
final class HostnameMatcher {
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  // Hex digits, colons and dots with at least one colon, starting with a hex digit or a colon: InetAddress then
  // parses it as an IPv6 literal or rejects it, and never looks it up.
  private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");
  private static final String DNS = "DNS:";
  private static final String IP = "IP:";

  private HostnameMatcher() {}

  /** Whether {@code certificate} is valid for {@code host} (a host name, an IPv4 or an IPv6 address). */
  static boolean matches(CertificateInfo certificate, String host) {
    String target = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    Optional<InetAddress> address = ipLiteral(target);
    if (address.isPresent()) {
      return sans(certificate, IP).stream().map(HostnameMatcher::ipLiteral).anyMatch(address::equals);
    }
    String name = normalize(target);
    List<String> dnsNames = sans(certificate, DNS);
    if (dnsNames.isEmpty()) {
      return commonName(certificate.subject()).map(cn -> matchesName(normalize(cn), name)).orElse(false);
    }
    return dnsNames.stream().anyMatch(pattern -> matchesName(normalize(pattern), name));
  }

  /**
   * The names a host is matched against, for a failure message: {@code [DNS:localhost, IP:127.0.0.1]}; {@code
   * [CN=localhost] (common name: the certificate has no DNS name)}; or a sentence when there is nothing.
   */
  static String names(CertificateInfo certificate) {
    List<String> names = new ArrayList<>();
    for (String san : certificate.subjectAlternativeNames()) {
      if (san.startsWith(DNS) || san.startsWith(IP)) {
        names.add(san);
      }
    }
    if (sans(certificate, DNS).isEmpty()) {
      Optional<String> cn = commonName(certificate.subject());
      if (cn.isPresent()) {
        names.add("CN=" + cn.get());
        return names + (names.size() == 1 ? " (common name: the certificate has no DNS name)" : "");
      }
    }
    return names.isEmpty() ? "no host (no DNS or IP subject alternative name, no common name)" : names.toString();
  }

  private static List<String> sans(CertificateInfo certificate, String type) {
    List<String> values = new ArrayList<>();
    for (String san : certificate.subjectAlternativeNames()) {
      if (san.regionMatches(true, 0, type, 0, type.length())) {
        values.add(san.substring(type.length()));
      }
    }
    return values;
  }

  /** The address a literal stands for; never resolves a name (only syntactic literals reach InetAddress). */
  static Optional<InetAddress> ipLiteral(String text) {
    if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean matchesName(String pattern, String host) {
    if (pattern.isEmpty() || host.isEmpty()) {
      return false;
    }
    if (!pattern.startsWith("*.")) {
      return pattern.indexOf('*') < 0 && pattern.equals(host);
    }
    String parent = pattern.substring(2);
    if (parent.indexOf('*') >= 0 || parent.indexOf('.') < 0) {
      return false;
    }
    int dot = host.indexOf('.');
    return dot > 0 && host.substring(dot + 1).equals(parent);
  }

  /** Lower case, no trailing dot, IDNA A-labels for non-ASCII names. */
  private static String normalize(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (!n.chars().allMatch(c -> c < 0x80)) {
      try {
        n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    return n.toLowerCase(Locale.ROOT);
  }

  /**
   * The most specific common name of an RFC 2253 distinguished name (its first {@code CN} or {@code 2.5.4.3}
   * attribute), with RFC 2253 escapes undone; empty when there is none or it is hex-encoded.
   */
  static Optional<String> commonName(String rfc2253) {
    for (String ava : attributes(rfc2253)) {
      int equals = ava.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String type = ava.substring(0, equals).trim();
      if (type.equalsIgnoreCase("CN") || type.equals("2.5.4.3") || type.equalsIgnoreCase("OID.2.5.4.3")) {
        String value = ava.substring(equals + 1).trim();
        return value.startsWith("#") ? Optional.empty() : Optional.of(unescape(value));
      }
    }
    return Optional.empty();
  }

  /** Splits at unescaped {@code ,} and {@code +} (RFC 2253 section 3), keeping escapes in place. */
  private static List<String> attributes(String dn) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < dn.length(); i++) {
      char c = dn.charAt(i);
      if (c == '\\' && i + 1 < dn.length()) {
        current.append(c).append(dn.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if ((c == ',' || c == '+' || c == ';') && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  /** Undoes {@code \,} style and {@code \c3\a9} style escapes and surrounding quotes. */
  private static String unescape(String value) {
    String v = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < v.length()) {
      int codePoint = v.codePointAt(i);
      if (codePoint == '\\' && i + 1 < v.length()) {
        if (i + 2 < v.length() && isHex(v.charAt(i + 1)) && isHex(v.charAt(i + 2))) {
          bytes.write(Integer.parseInt(v.substring(i + 1, i + 3), 16));
          i += 3;
          continue;
        }
        i++;
        codePoint = v.codePointAt(i);
      }
      byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
      bytes.write(encoded, 0, encoded.length);
      i += Character.charCount(codePoint);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
