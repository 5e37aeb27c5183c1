package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code sslscan --xml=-} reported for one server: the versions it found enabled, the suites accepted per
 * version (by code point, in its order, the {@code preferred} one first), and the groups per version. The XML is
 * flat, one element per line with attributes only, so a small attribute reader does: {@code <protocol type="tls"
 * version="1.2" enabled="1" />}, {@code <cipher status="accepted" sslversion="TLSv1.2" … id="0xC02F" …/>},
 * {@code <group sslversion="TLSv1.3" … id="0x001d" />}.
 *
 * <pre>{@code
 * Sslscan found = Sslscan.run(port);
 * found.enabled(TlsProtocol.TLSv1_2); // true
 * found.cipherSuites(TlsProtocol.TLSv1_2); // [0xc030, 0x009f, …]
 * }</pre>
 *
 * @param enabled per version, whether sslscan found it enabled
 * @param ciphers per version, the suites sslscan found accepted, by code point
 * @param preferred per version, the suite sslscan marked preferred
 * @param groups per version, the groups sslscan found, by code point
 * @param elapsed how long the sslscan process ran
 * @param xml the output, for failure messages
 * @param features the feature elements' attributes by element and attribute: {@code renegotiation.supported},
 *     {@code renegotiation.secure}, {@code fallback.supported}, {@code compression.supported} (each only when sslscan
 *     printed it; {@code fallback.supported} from its text output, where 2.0.7 prints its TLS Fallback SCSV verdict
 *     and the XML does not), {@code heartbleed.vulnerable} ({@code 1} when any version was)
 */
record Sslscan(Map<TlsProtocol, Boolean> enabled, Map<TlsProtocol, List<Integer>> ciphers,
    Map<TlsProtocol, Integer> preferred, Map<TlsProtocol, List<Integer>> groups, Duration elapsed, String xml,
    Map<String, String> features) {
  private static final Pattern ELEMENT =
      Pattern.compile("<(protocol|cipher|group|renegotiation|fallback|compression|heartbleed)\\s([^>]*?)/?>");
  private static final Pattern FALLBACK_TEXT = Pattern.compile("Server (does not )?supports? TLS Fallback SCSV");
  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

  /** Runs sslscan against 127.0.0.1:{@code port} with {@code options} before the target; skips without sslscan. */
  static Sslscan run(int port, String... options) {
    Path xmlFile;
    try {
      xmlFile = Files.createTempFile("sslscan-", ".xml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the XML to a file, the text to stdout: sslscan 2.0.7 prints its TLS Fallback SCSV verdict only in the text
    List<String> command = new ArrayList<>(List.of(Interop.requireCommand("sslscan").toString(), "--no-colour",
        "--xml=" + xmlFile));
    command.addAll(List.of(options));
    command.add("127.0.0.1:" + port);
    try {
      ProcessResult result = Interop.run(Duration.ofSeconds(120), command);
      assertThat(result.succeeded()).as(result.toString()).isTrue();
      Sslscan parsed = parse(Files.readString(xmlFile), result.elapsed());
      Matcher fallback = FALLBACK_TEXT.matcher(result.stdout());
      if (!fallback.find()) {
        return parsed;
      }
      Map<String, String> features = new LinkedHashMap<>(parsed.features());
      features.put("fallback.supported", fallback.group(1) == null ? "1" : "0");
      return new Sslscan(parsed.enabled(), parsed.ciphers(), parsed.preferred(), parsed.groups(), parsed.elapsed(),
          parsed.xml(), Map.copyOf(features));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      xmlFile.toFile().delete();
    }
  }

  static Sslscan parse(String xml, Duration elapsed) {
    Map<TlsProtocol, Boolean> enabled = new EnumMap<>(TlsProtocol.class);
    Map<TlsProtocol, List<Integer>> ciphers = new EnumMap<>(TlsProtocol.class);
    Map<TlsProtocol, Integer> preferred = new EnumMap<>(TlsProtocol.class);
    Map<TlsProtocol, List<Integer>> groups = new EnumMap<>(TlsProtocol.class);
    Map<String, String> features = new LinkedHashMap<>();
    Matcher element = ELEMENT.matcher(xml);
    while (element.find()) {
      Map<String, String> a = attributes(element.group(2));
      switch (element.group(1)) {
        case "protocol" -> enabled.put(protocol(a.get("type") + a.get("version")), "1".equals(a.get("enabled")));
        case "cipher" -> {
          TlsProtocol p = protocol(a.get("sslversion"));
          int id = Integer.decode(a.get("id"));
          ciphers.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
          if ("preferred".equals(a.get("status"))) {
            preferred.put(p, id);
          }
        }
        case "renegotiation", "fallback", "compression" ->
            a.forEach((k, v) -> features.put(element.group(1) + "." + k, v));
        case "heartbleed" -> features.merge("heartbleed.vulnerable", a.get("vulnerable"), (x, y) -> "1".equals(x)
            ? x : y);
        default -> groups.computeIfAbsent(protocol(a.get("sslversion")), k -> new ArrayList<>())
            .add(Integer.decode(a.get("id")));
      }
    }
    assertThat(enabled).as("sslscan's protocols in %s", xml).isNotEmpty();
    return new Sslscan(enabled, ciphers, preferred, groups, elapsed, xml, Map.copyOf(features));
  }

  private static Map<String, String> attributes(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = ATTRIBUTE.matcher(text);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  /** {@code ssl2}, {@code ssl3}, {@code tls1.0} … {@code tls1.3} (protocol elements) or {@code TLSv1.2} (others). */
  private static TlsProtocol protocol(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT).replace("v", "")) {
      case "ssl2" -> TlsProtocol.SSLv2;
      case "ssl3" -> TlsProtocol.SSLv3;
      case "tls1.0" -> TlsProtocol.TLSv1;
      case "tls1.1" -> TlsProtocol.TLSv1_1;
      case "tls1.2" -> TlsProtocol.TLSv1_2;
      case "tls1.3" -> TlsProtocol.TLSv1_3;
      default -> throw new IllegalArgumentException("unknown sslscan version " + name);
    };
  }

  boolean enabled(TlsProtocol p) {
    return enabled.getOrDefault(p, false);
  }

  List<Integer> cipherSuites(TlsProtocol p) {
    return ciphers.getOrDefault(p, List.of());
  }

  Optional<Integer> preferred(TlsProtocol p) {
    return Optional.ofNullable(preferred.get(p));
  }

  List<Integer> groups(TlsProtocol p) {
    return groups.getOrDefault(p, List.of());
  }

  /** The attribute {@code name} ({@code element.attribute}) of a feature element, if sslscan printed it. */
  Optional<String> feature(String name) {
    return Optional.ofNullable(features.get(name));
  }

  /** The groups as names, for messages. */
  List<String> groupNames(TlsProtocol p) {
    return groups(p).stream().map(g -> NamedGroup.of(g).name()).toList();
  }
}
