package io.tlsprobe.policy;

import static io.tlsprobe.policy.Profiles.accepted;
import static io.tlsprobe.policy.Profiles.acceptedDhe;
import static io.tlsprobe.policy.Profiles.offer;
import static io.tlsprobe.policy.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MozillaPoliciesTest {
  // The IANA lists as the guidelines' JSON gives them ("ciphers" → "iana" plus "ciphersuites"), independent of the
  // OpenSSL names the policies are built from.
  private static final List<String> TLS13 =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
  private static final List<String> INTERMEDIATE_60 = List.of(
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  private static final List<String> INTERMEDIATE_57_DHE = List.of(
      "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  private static final List<String> OLD_57_TAIL = List.of(
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
      "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
      "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA256",
      "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA",
      "TLS_RSA_WITH_3DES_EDE_CBC_SHA");

  static Stream<Arguments> builtIns() {
    return Stream.of(
        Arguments.of(TlsPolicy.MOZILLA_MODERN, "6.0", List.of(TlsProtocol.TLSv1_3), TLS13,
            List.of("X25519MLKEM768", "x25519", "secp256r1", "secp384r1")),
        Arguments.of(TlsPolicy.MOZILLA_INTERMEDIATE, "6.0", List.of(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3),
            concat(TLS13, INTERMEDIATE_60), List.of("X25519MLKEM768", "x25519", "secp256r1", "secp384r1")),
        Arguments.of(TlsPolicy.MOZILLA_5_7_MODERN, "5.7", List.of(TlsProtocol.TLSv1_3), TLS13,
            List.of("x25519", "secp256r1", "secp384r1")),
        Arguments.of(TlsPolicy.MOZILLA_5_7_INTERMEDIATE, "5.7", List.of(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3),
            concat(TLS13, INTERMEDIATE_60, INTERMEDIATE_57_DHE), List.of("x25519", "secp256r1", "secp384r1")),
        Arguments.of(TlsPolicy.MOZILLA_5_7_OLD, "5.7",
            List.of(TlsProtocol.TLSv1, TlsProtocol.TLSv1_1, TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3),
            concat(TLS13, INTERMEDIATE_60, INTERMEDIATE_57_DHE, OLD_57_TAIL),
            List.of("x25519", "secp256r1", "secp384r1")));
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void carriesTheGuidelinesVersionsSuitesAndGroupsAsIanaNames(TlsPolicy policy, String version,
      List<TlsProtocol> protocols, List<String> ianaSuites, List<String> groups) {
    // given a built-in policy, when its rules are read, then they are the guideline's JSON lists
    assertThat(policy.source().version()).isEqualTo(version);
    assertThat(policy.source().url()).isEqualTo("https://ssl-config.mozilla.org/guidelines/" + version + ".json");
    assertThat(policy.allowedProtocols()).containsExactlyInAnyOrderElementsOf(protocols);
    assertThat(policy.allowedCipherSuites()).map(CipherSuite::name).containsExactlyInAnyOrderElementsOf(ianaSuites);
    assertThat(policy.allowedGroups()).map(NamedGroup::name).containsExactlyInAnyOrderElementsOf(groups);
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void findsNoViolationInAServerThatAcceptsOnlyWhatThePolicyAllows(TlsPolicy policy) {
    // given a TLS 1.3-only server with the three TLS 1.3 suites and x25519/secp256r1
    ServerProfile compliant = Profiles.tls13Only();

    // when / then: every Mozilla configuration allows it
    assertThat(policy.evaluate(compliant)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void namesTheRuleExpectedAndFoundWhenTls10IsAccepted(TlsPolicy policy) {
    // given a server that also accepts TLS 1.0 with an ECDHE AES-CBC suite
    ServerProfile profile = profile(
        accepted(TlsProtocol.TLSv1_3, List.of("x25519"), "TLS_AES_128_GCM_SHA256"),
        accepted(TlsProtocol.TLSv1, List.of("x25519"), "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));

    // when
    List<Violation> violations = policy.evaluate(profile);

    // then old 5.7 allows both; every other configuration names TLS 1.0 and the CBC suite
    if (policy == TlsPolicy.MOZILLA_5_7_OLD) {
      assertThat(violations).isEmpty();
      return;
    }
    String allowed = policy.allowedProtocols().size() == 1 ? "TLS 1.3" : "TLS 1.2, TLS 1.3";
    assertThat(violations).contains(
        new Violation("protocol", allowed, "TLS 1.0 accepted"));
    assertThat(violations).filteredOn(v -> v.rule().equals("cipher suite")).singleElement()
        .satisfies(v -> {
          assertThat(v.found()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA accepted over TLS 1.0");
          assertThat(v.expected()).startsWith("one of ").contains("TLS_AES_128_GCM_SHA256")
              .doesNotContain("CBC");
        });
  }

  @Test
  void reportsACbcSuiteOverTls12AgainstIntermediateButNotAgainstOld() {
    // given a TLS 1.2 server whose only non-AEAD suite is ECDHE-RSA-AES128-SHA256
    ServerProfile profile = profile(accepted(TlsProtocol.TLSv1_2, List.of("secp256r1"),
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));

    // when / then
    assertThat(TlsPolicy.MOZILLA_INTERMEDIATE.evaluate(profile)).containsExactly(new Violation("cipher suite",
        "one of TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, "
            + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "
            + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "
            + "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 accepted over TLS 1.2"));
    assertThat(TlsPolicy.MOZILLA_5_7_OLD.evaluate(profile)).isEmpty();
  }

  @Test
  void allowsDheWith2048BitPrimesIn57IntermediateButNotIn60() {
    // given a TLS 1.2 server with DHE-RSA-AES128-GCM-SHA256 and a 2048-bit prime
    ServerProfile profile = profile(acceptedDhe(TlsProtocol.TLSv1_2, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 2048));

    // when / then: 5.7 lists the suite, 6.0 dropped DHE
    assertThat(TlsPolicy.MOZILLA_5_7_INTERMEDIATE.evaluate(profile)).isEmpty();
    assertThat(TlsPolicy.MOZILLA_INTERMEDIATE.evaluate(profile)).extracting(Violation::found)
        .containsExactly("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 accepted over TLS 1.2");
  }

  @Test
  void reportsA1024BitDhePrimeAgainst57IntermediateButNotAgainstOld() {
    // given a DHE suite with a 1024-bit prime
    ServerProfile profile = profile(acceptedDhe(TlsProtocol.TLSv1_2, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 1024));

    // when / then: intermediate wants 2048 bits, old 1024
    assertThat(TlsPolicy.MOZILLA_5_7_INTERMEDIATE.evaluate(profile))
        .containsExactly(new Violation("DHE prime size", "at least 2048 bits", "a 1024-bit DHE prime"));
    assertThat(TlsPolicy.MOZILLA_5_7_OLD.evaluate(profile)).isEmpty();
  }

  @Test
  void findsOnlyTheCbcAndStaticRsaSuitesInChromiumsOfferAgainstIntermediate() {
    // given Chromium's captured ClientHello (TLS 1.3 + 1.2, X25519MLKEM768/x25519/secp256r1/secp384r1)
    var chromium = offer("chromium_headless");

    // when
    List<Violation> violations = TlsPolicy.MOZILLA_INTERMEDIATE.evaluate(chromium);

    // then versions and groups comply; each violation is an offered suite outside the list, none of them AEAD+ECDHE
    assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v.rule()).isEqualTo("cipher suite"));
    assertThat(violations).extracting(Violation::found)
        .contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA offered", "TLS_RSA_WITH_AES_128_GCM_SHA256 offered")
        .doesNotContain("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 offered");
    long outside = chromium.cipherSuites().stream()
        .filter(s -> !TlsPolicy.MOZILLA_INTERMEDIATE.allowedCipherSuites().contains(s)).count();
    assertThat(violations).hasSize((int) outside);
  }

  @Test
  void findsTheExtraGroupsButNotTheRenegotiationScsvInCurlsTls13OnlyOfferAgainstModern() {
    // given curl's TLS 1.3-only hello: the three TLS 1.3 suites + TLS_EMPTY_RENEGOTIATION_INFO_SCSV, ten groups
    var curl = offer("curl_tls13_only");

    // when
    List<Violation> violations = TlsPolicy.MOZILLA_MODERN.evaluate(curl);

    // then only groups Mozilla does not list are violations
    assertThat(violations).allSatisfy(v -> assertThat(v.rule()).isEqualTo("group"));
    assertThat(violations).extracting(Violation::found)
        .contains("x448 offered", "secp521r1 offered", "ffdhe2048 offered")
        .doesNotContain("x25519 offered", "secp256r1 offered");
  }

  @Test
  void reportsTls10InALegacyOpensslOfferAgainstEveryPolicyButOld() {
    // given openssl s_client -tls1's hello
    var legacy = offer("openssl_legacy_tls1");

    // when / then
    assertThat(TlsPolicy.MOZILLA_INTERMEDIATE.evaluate(legacy))
        .contains(new Violation("protocol", "TLS 1.2, TLS 1.3", "TLS 1.0 offered"));
    assertThat(TlsPolicy.MOZILLA_MODERN.evaluate(legacy))
        .contains(new Violation("protocol", "TLS 1.3", "TLS 1.0 offered"));
    assertThat(TlsPolicy.MOZILLA_5_7_OLD.evaluate(legacy)).noneMatch(v -> v.rule().equals("protocol"));
  }
}
