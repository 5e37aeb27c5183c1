package io.tlsprobe.scan;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.tlsprobe.CipherSuite;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Debian's {@code testssl.sh} 3.0 ({@code /usr/bin/testssl}) reported for one server, read from its flat JSON
 * ({@code --jsonfile}): the versions it found offered ({@code -p}: ids {@code SSLv2} … {@code TLS1_3}, finding
 * {@code offered…} or {@code not offered}), the suites accepted per version ({@code -E}: ids such as
 * {@code cipher-tls1_2_xc02f}), the groups ({@code -f}: {@code PFS_ECDHE_curves} with OpenSSL curve names, and
 * {@code DH_groups} with RFC 7919 names, or {@code RFC7919/ffdhe2048} for the prime of a TLS 1.2 DHE key exchange)
 * and, with {@code -P}, whether the server enforces its order ({@code cipher_order}) and that order per version
 * ({@code cipherorder_TLSv1_2}, OpenSSL names).
 *
 * <pre>{@code
 * Testssl found = Testssl.run(port, dir, true);
 * found.offered(TlsProtocol.TLSv1_2); // true
 * found.cipherSuites(TlsProtocol.TLSv1_2); // [0xc02f, 0xc030, …]
 * found.groups(); // [0x0017, 0x0018, 0x001d]
 * }</pre>
 *
 * @param offered per version, whether testssl.sh found it offered
 * @param ciphers per version, the suites it found accepted, by code point
 * @param groups the groups it found (all versions together: testssl.sh does not split them), by code point
 * @param dhPrime the finite-field prime it named for a TLS 1.2 DHE key exchange ({@code RFC7919/ffdhe2048}), if any
 * @param cipherOrder its {@code cipher_order} finding, when {@code -P} ran ({@code server}, {@code NOT a cipher order
 *     configured}, …)
 * @param order per version, the server's order it found (only when the server enforces one)
 * @param elapsed how long the testssl.sh process ran
 * @param json the flat JSON, for failure messages
 */
record Testssl(Map<TlsProtocol, Boolean> offered, Map<TlsProtocol, List<Integer>> ciphers, Set<Integer> groups,
    Optional<String> dhPrime, Optional<String> cipherOrder, Map<TlsProtocol, List<Integer>> order, Duration elapsed,
    String json) {
  /** A whole run against a legacy server takes minutes on a loaded machine: this only stops a hung one. */
  static final Duration TIMEOUT = Duration.ofMinutes(8);
  private static final Pattern CIPHER = Pattern.compile("cipher-(ssl2|ssl3|tls1|tls1_1|tls1_2|tls1_3)_x(\\p{XDigit}+)");
  private static final Pattern ORDER = Pattern.compile("cipherorder_(SSLv3|TLSv1|TLSv1_1|TLSv1_2|TLSv1_3)");
  /** OpenSSL's curve names that are not the IANA ones. */
  private static final Map<String, String> CURVE_ALIASES = Map.of("prime256v1", "secp256r1",
      "prime192v1", "secp192r1");

  /**
   * Runs testssl.sh against 127.0.0.1:{@code port} with only the checks compared: protocols ({@code -p}), suites per
   * protocol ({@code -E}), groups ({@code -f}) and, when {@code serverOrder}, the server's order ({@code -P}); no DNS
   * look-ups ({@code --nodns none}). Skips without testssl.sh (fails under {@code TLSPROBE_INTEROP=required}).
   */
  static Testssl run(int port, Path dir, boolean serverOrder) {
    Path testssl = Interop.requireCommand("testssl");
    try {
      Path json = Files.createTempFile(dir, "testssl-", ".json");
      Files.delete(json); // testssl.sh refuses to overwrite a file
      List<String> command = new ArrayList<>(List.of(testssl.toString(), "--quiet", "--warnings", "off", "--color",
          "0", "--nodns", "none", "-p", "-E", "-f"));
      if (serverOrder) {
        command.add("-P");
      }
      command.addAll(List.of("--jsonfile", json.toString(), "127.0.0.1:" + port));
      ProcessResult result = Interop.run(TIMEOUT, command);
      assertThat(result.timedOut()).as(result.toString()).isFalse();
      assertThat(Files.exists(json)).as("testssl.sh wrote no JSON: %s", result).isTrue();
      return parse(Files.readString(json), result.elapsed());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Testssl parse(String json, Duration elapsed) {
    Map<TlsProtocol, Boolean> offered = new EnumMap<>(TlsProtocol.class);
    Map<TlsProtocol, List<Integer>> ciphers = new EnumMap<>(TlsProtocol.class);
    Map<TlsProtocol, List<Integer>> order = new EnumMap<>(TlsProtocol.class);
    Set<Integer> groups = new LinkedHashSet<>();
    String dhPrime = null;
    String cipherOrder = null;
    for (JsonNode finding : new ObjectMapper().readTree(json)) {
      String id = finding.path("id").asString();
      String text = finding.path("finding").asString();
      Optional<TlsProtocol> version = version(id);
      Matcher cipher = CIPHER.matcher(id);
      Matcher ordered = ORDER.matcher(id);
      if (version.isPresent()) {
        assertThat(text).as("testssl.sh's %s finding in %s", id, json).matches("(not )?offered.*");
        offered.put(version.get(), text.startsWith("offered"));
      } else if (cipher.matches()) {
        ciphers.computeIfAbsent(version(cipher.group(1)).orElseThrow(), k -> new ArrayList<>())
            .add(Integer.parseInt(cipher.group(2), 16));
      } else if (id.equals("PFS_ECDHE_curves") || id.equals("FS_ECDHE_curves")) {
        for (String name : text.split("\\s+")) {
          groups.add(group(name));
        }
      } else if (id.equals("DH_groups")) {
        for (String name : text.split("\\s+")) {
          if (name.contains("/")) {
            dhPrime = name;
          } else {
            groups.add(group(name));
          }
        }
      } else if (id.equals("cipher_order")) {
        cipherOrder = text;
      } else if (ordered.matches()) {
        List<Integer> suites = new ArrayList<>();
        for (String name : text.strip().split("\\s+")) {
          suites.add(CipherSuite.byName(name).orElseThrow(() -> new AssertionError("unknown suite " + name)).code());
        }
        order.put(version(ordered.group(1)).orElseThrow(), suites);
      }
    }
    assertThat(offered).as("testssl.sh's protocols in %s", json).isNotEmpty();
    return new Testssl(offered, ciphers, groups, Optional.ofNullable(dhPrime), Optional.ofNullable(cipherOrder),
        order, elapsed, json);
  }

  /** {@code SSLv2} … {@code TLS1_3} (protocol ids) or {@code ssl2} … {@code tls1_3} (cipher ids); else empty. */
  private static Optional<TlsProtocol> version(String id) {
    return Optional.ofNullable(switch (id.toLowerCase(Locale.ROOT).replace("v", "")) {
      case "ssl2" -> TlsProtocol.SSLv2;
      case "ssl3" -> TlsProtocol.SSLv3;
      case "tls1" -> TlsProtocol.TLSv1;
      case "tls1_1" -> TlsProtocol.TLSv1_1;
      case "tls1_2" -> TlsProtocol.TLSv1_2;
      case "tls1_3" -> TlsProtocol.TLSv1_3;
      default -> null;
    });
  }

  private static int group(String name) {
    String iana = CURVE_ALIASES.getOrDefault(name, name);
    return NamedGroup.byName(iana).orElseThrow(() -> new AssertionError("unknown group " + name)).code();
  }

  boolean offered(TlsProtocol p) {
    return offered.getOrDefault(p, false);
  }

  List<Integer> cipherSuites(TlsProtocol p) {
    return ciphers.getOrDefault(p, List.of());
  }

  /** The server's order for {@code p}, when testssl.sh found one. */
  Optional<List<Integer>> order(TlsProtocol p) {
    return Optional.ofNullable(order.get(p));
  }

  /** Whether {@code cipher_order} says the server enforces its order (for all versions, or all but TLS 1.3). */
  boolean enforcesServerOrder() {
    return cipherOrder.map(o -> o.startsWith("server")).orElse(false);
  }
}
