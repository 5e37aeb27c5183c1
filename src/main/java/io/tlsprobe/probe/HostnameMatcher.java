package io.tlsprobe.probe;

import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.Verification.Kind;
import io.tlsprobe.report.Verification.Problem;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.jspecify.annotations.Nullable;

/**
 * Host name checks of a server certificate, as the JDK's and OpenSSL's TLS clients make them (RFC 6125 §6, RFC 2818
 * §3.1): an IP literal matches IP SANs only; a DNS name matches DNS SANs when there is any, otherwise the most
 * specific CN.
 *
 * <pre>{@code
 * HostnameMatcher.matches("a.example.com", "*.example.com");    // true
 * HostnameMatcher.matches("a.b.example.com", "*.example.com");  // false
 * }</pre>
 */
final class HostnameMatcher {

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private HostnameMatcher() {}

  /** The HOSTNAME_MISMATCH problem of {@code leaf} for {@code hostname}, if any. */
  static Optional<Problem> mismatch(X509Certificate leaf, CertificateInfo info, String hostname) {
    String host = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.substring(1, hostname.length() - 1)
        : hostname;
    List<String> sans = info.subjectAlternativeNames();
    byte[] address = ipLiteral(host);
    if (address != null) {
      List<String> ips = sans.stream().filter(s -> s.startsWith("IP:")).toList();
      boolean matched = ips.stream().map(s -> ipLiteral(s.substring(3))).anyMatch(a -> Arrays.equals(a, address));
      return matched ? Optional.empty() : mismatch(info, host, ips.isEmpty() ? "it has no IP SAN" : "IP SANs " + ips);
    }
    List<String> dns = sans.stream().filter(s -> s.startsWith("DNS:")).toList();
    if (!dns.isEmpty()) {
      boolean matched = dns.stream().anyMatch(s -> matches(host, s.substring(4)));
      return matched ? Optional.empty() : mismatch(info, host, "DNS SANs " + dns);
    }
    Optional<String> cn = mostSpecificCommonName(leaf);
    if (cn.isPresent() && matches(host, cn.get())) {
      return Optional.empty();
    }
    return mismatch(info, host, cn.map(c -> "no DNS SAN, and the CN is " + c).orElse("no DNS SAN and no CN"));
  }

  private static Optional<Problem> mismatch(CertificateInfo info, String host, String why) {
    return Optional.of(new Problem(Kind.HOSTNAME_MISMATCH, info.subject() + " is not valid for " + host + ": " + why));
  }

  /**
   * Whether {@code host} matches {@code pattern}: equal ignoring case and a trailing dot (IDNs compared in ASCII
   * form), or {@code pattern} has one {@code *} in its left-most label, which is not an A-label ({@code xn--}),
   * followed by at least two labels, and the host's left-most label fits around the {@code *}.
   */
  static boolean matches(String host, String pattern) {
    String name = normalize(host);
    String template = normalize(pattern);
    if (name.isEmpty() || template.isEmpty()) {
      return false;
    }
    int star = template.indexOf('*');
    if (star < 0) {
      return name.equals(template);
    }
    int dot = template.indexOf('.');
    if (dot < 0 || star > dot || template.indexOf('*', star + 1) >= 0 || template.startsWith("xn--")) {
      return false;
    }
    String rest = template.substring(dot);
    if (rest.chars().filter(c -> c == '.').count() < 2) {
      return false; // *.com, *.localhost: too broad
    }
    int hostDot = name.indexOf('.');
    if (hostDot <= 0 || !name.substring(hostDot).equals(rest)) {
      return false;
    }
    String label = name.substring(0, hostDot);
    String prefix = template.substring(0, star);
    String suffix = template.substring(star + 1, dot);
    return label.length() >= prefix.length() + suffix.length() && label.startsWith(prefix) && label.endsWith(suffix);
  }

  private static String normalize(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    try {
      return IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return lower;
    }
  }

  /** The octets of an IPv4 dotted quad or an IPv6 literal, never resolving a name; null for anything else. */
  static byte @Nullable [] ipLiteral(String text) {
    Matcher v4 = IPV4.matcher(text);
    if (v4.matches()) {
      byte[] octets = new byte[4];
      for (int i = 0; i < 4; i++) {
        int value = Integer.parseInt(v4.group(i + 1));
        if (value > 255) {
          return null;
        }
        octets[i] = (byte) value;
      }
      return octets;
    }
    if (!IPV6.matcher(text).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName("[" + text + "]").getAddress(); // brackets: a literal or an exception, no DNS
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** The last (most specific) CN of the subject, as the JDK's HostnameChecker takes it. */
  private static Optional<String> mostSpecificCommonName(X509Certificate leaf) {
    try {
      RDN[] rdns = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
      if (rdns.length == 0) {
        return Optional.empty();
      }
      return Optional.of(rdns[rdns.length - 1].getFirst().getValue())
          .filter(ASN1String.class::isInstance)
          .map(v -> ((ASN1String) v).getString());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
