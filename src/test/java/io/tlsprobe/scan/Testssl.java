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
 * {@code DH_groups} with RFC 7919 names: the TLS 1.3 finite-field groups and, as testssl.sh names the prime of a TLS
 * 1.2 DHE exchange by value, that prime's RFC 7919 group too, {@code ffdhe2048} or {@code RFC7919/ffdhe2048})
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
 * @param dhPrime its {@code DH_groups} finding when that names no RFC 7919 group ({@code Unknown DH group (2048
 *     bits)}, …): a TLS 1.2 DHE prime of the server's own
 * @param cipherOrder its {@code cipher_order} finding, when {@code -P} ran ({@code server}, {@code NOT a cipher order
 *     configured}, …)
 * @param order per version, the server's order it found (only when the server enforces one)
 * @param elapsed how long the testssl.sh process ran
 * @param cpu the CPU time (user and system) testssl.sh and the processes it started used: on a loaded machine a
 *     better guide than {@code elapsed} to how long it takes on an idle one
 * @param json the flat JSON, for failure messages
 */
record Testssl(Map<TlsProtocol, Boolean> offered, Map<TlsProtocol, List<Integer>> ciphers, Set<Integer> groups,
    Optional<String> dhPrime, Optional<String> cipherOrder, Map<TlsProtocol, List<Integer>> order, Duration elapsed,
    Duration cpu, String json) {
  /**
   * Only stops a hung run: one takes one to three minutes on an idle two-core machine, but ten times that when the
   * machine is shared.
   */
  static final Duration TIMEOUT = Duration.ofMinutes(40);
  private static final Pattern CIPHER = Pattern.compile("cipher-(ssl2|ssl3|tls1|tls1_1|tls1_2|tls1_3)_x(\\p{XDigit}+)");
  private static final Pattern ORDER = Pattern.compile("cipherorder_(SSLv3|TLSv1|TLSv1_1|TLSv1_2|TLSv1_3)");
  /** The MODP groups of RFC 2409 section 6 and RFC 3526 by number, with their prime sizes. */
  private static final Map<Integer, Integer> OAKLEY_GROUPS = Map.of(1, 768, 2, 1024, 5, 1536, 14, 2048, 15, 3072,
      16, 4096, 17, 6144, 18, 8192);
  /** OpenSSL's curve names that are not the IANA ones. */
  private static final Map<String, String> CURVE_ALIASES = Map.of("prime256v1", "secp256r1",
      "prime192v1", "secp192r1");

  /**
   * Runs testssl.sh against 127.0.0.1:{@code port} with only the checks compared, and no DNS look-ups ({@code --nodns
   * none}): protocols ({@code -p}) and groups ({@code -f}), then either the suites per protocol ({@code -E}) or, for
   * a server that enforces its order ({@code serverOrder}), that order per protocol ({@code -P}), which testssl.sh
   * finds by elimination over every suite it knows, so it lists the accepted suites as {@code -E} would (and
   * {@link #cipherSuites} reads them from there). Skips without testssl.sh (fails under
   * {@code TLSPROBE_INTEROP=required}).
   */
  static Testssl run(int port, Path dir, boolean serverOrder) {
    Path testssl = Interop.requireCommand("testssl");
    try {
      Path json = Files.createTempFile(dir, "testssl-", ".json");
      Files.delete(json); // testssl.sh refuses to overwrite a file
      // through bash, whose `times` then prints the CPU time testssl.sh and its openssl processes used
      List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$0\" \"$@\"; s=$?; times >&2; exit $s",
          testssl.toString(), "--quiet", "--warnings", "off", "--color", "0", "--nodns", "none", "-p", "-f",
          serverOrder ? "-P" : "-E"));
      command.addAll(List.of("--jsonfile", json.toString(), "127.0.0.1:" + port));
      ProcessResult result = Interop.run(TIMEOUT, command);
      assertThat(result.timedOut()).as(result.toString()).isFalse();
      assertThat(Files.exists(json)).as("testssl.sh wrote no JSON: %s", result).isTrue();
      return parse(Files.readString(json), result.elapsed(), cpu(result.stderr()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CPU time of bash's children from the last line of {@code times}: {@code 0m25.577s 0m40.851s}. */
  private static Duration cpu(String stderr) {
    Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s").matcher(stderr);
    double seconds = 0;
    while (m.find()) {
      seconds = Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
          + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  static Testssl parse(String json, Duration elapsed, Duration cpu) {
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
        if (text.matches("(RFC7919/)?ffdhe\\d+( ffdhe\\d+)*")) {
          for (String name : text.replace("RFC7919/", "").split(" ")) {
            groups.add(group(name));
          }
        } else {
          dhPrime = text; // a TLS 1.2 DHE prime that is no RFC 7919 group: "RFC3526/Oakley Group 14", …
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
        order, elapsed, cpu, json);
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

  /** The suites accepted for {@code p}: from {@code -E}, or else from the server's order ({@code -P}). */
  List<Integer> cipherSuites(TlsProtocol p) {
    return ciphers.getOrDefault(p, order.getOrDefault(p, List.of()));
  }

  /** The server's order for {@code p}, when testssl.sh found one. */
  Optional<List<Integer>> order(TlsProtocol p) {
    return Optional.ofNullable(order.get(p));
  }

  /**
   * The size of the DHE prime testssl.sh named by value, if any: {@code RFC3526/Oakley Group 14} (2048 bits),
   * {@code RFC5114/2048-bit MODP Group …}, {@code Unknown DH group (2048 bits)}.
   */
  Optional<Integer> dhPrimeBits() {
    return dhPrime.map(text -> {
      Matcher oakley = Pattern.compile("RFC(2409|3526)/Oakley Group (\\d+)").matcher(text);
      if (oakley.find()) {
        Integer bits = OAKLEY_GROUPS.get(Integer.parseInt(oakley.group(2)));
        assertThat(bits).as("the size of %s", text).isNotNull();
        return bits;
      }
      Matcher bits = Pattern.compile("(\\d+)-bit|\\((\\d+) bits\\)").matcher(text);
      assertThat(bits.find()).as("a prime size in DH_groups: %s", text).isTrue();
      return Integer.parseInt(bits.group(1) != null ? bits.group(1) : bits.group(2));
    });
  }

  /** Whether {@code cipher_order} says the server enforces its order (for all versions, or all but TLS 1.3). */
  boolean enforcesServerOrder() {
    return cipherOrder.map(o -> o.startsWith("server")).orElse(false);
  }
}
