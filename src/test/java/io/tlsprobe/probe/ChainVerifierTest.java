package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cert.Certificates;
import io.tlsprobe.cert.Certificates.KeyType;
import io.tlsprobe.cert.HeldCertificate;
import io.tlsprobe.report.Verification;
import io.tlsprobe.report.Verification.Kind;
import io.tlsprobe.report.Verification.Problem;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  /** The instant every verification is made at; certificates are valid for a year around it unless told. */
  private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

  private static final Instant FROM = NOW.minus(Duration.ofDays(365));
  private static final Instant UNTIL = NOW.plus(Duration.ofDays(365));
  private static final String STORE = "test trust store";

  private final HeldCertificate root =
      Certificates.certificate().subject("CN=Test Root").ca().validity(FROM, UNTIL).build();
  private final HeldCertificate intermediate =
      Certificates.certificate().subject("CN=Test Intermediate").ca(0).validity(FROM, UNTIL).issuedBy(root).build();

  private Certificates.Builder leaf() {
    return Certificates.certificate()
        .subject("CN=localhost")
        .dns("localhost")
        .ip("127.0.0.1")
        .validity(FROM, UNTIL)
        .issuedBy(intermediate);
  }

  private Verification verify(List<X509Certificate> chain, String hostname) {
    return ChainVerifier.verify(chain, Certificates.trustManager(root.certificate()), STORE, hostname, NOW);
  }

  private static List<Kind> kinds(Verification verification) {
    return verification.problems().stream().map(Problem::kind).toList();
  }

  @Nested
  class Chains {

    @Test
    void trustsLeafIntermediateRootChainWithOnlyTheRootInTheStore() {
      // given
      HeldCertificate leaf = leaf().build();

      // when
      Verification verification = verify(leaf.chain(), "localhost");

      // then
      assertThat(leaf.chain()).hasSize(2);
      assertThat(verification.problems()).isEmpty();
      assertThat(verification.trusted()).isTrue();
      assertThat(verification.trustStore()).isEqualTo(STORE);
      assertThat(verification.hostname()).isEqualTo("localhost");
    }

    @Test
    void trustsChainThatAlsoCarriesTheRoot() {
      Verification verification = verify(leaf().build().chainWithRoot(), "localhost");

      assertThat(verification.problems()).isEmpty();
      assertThat(verification.trusted()).isTrue();
    }

    @Test
    void trustsChainSentOutOfOrderWithAnUnrelatedExtra() {
      // given: root, stranger and intermediate after the leaf, in the wrong order
      HeldCertificate leaf = leaf().build();
      HeldCertificate stranger = Certificates.certificate().subject("CN=Stranger").ca().validity(FROM, UNTIL).build();

      // when
      Verification verification =
          verify(
              List.of(leaf.certificate(), root.certificate(), stranger.certificate(), intermediate.certificate()),
              "localhost");

      // then
      assertThat(verification.problems()).isEmpty();
    }

    @Test
    void reportsUnknownIssuerWhenTheIntermediateIsMissing() {
      // given
      HeldCertificate leaf = leaf().build();

      // when
      Verification verification = verify(List.of(leaf.certificate()), "localhost");

      // then
      assertThat(kinds(verification)).containsExactly(Kind.UNKNOWN_ISSUER);
      assertThat(verification.problems().get(0).detail())
          .isEqualTo(
              "the issuer CN=Test Intermediate of CN=localhost is neither in the chain nor an anchor of " + STORE);
      assertThat(verification.trusted()).isFalse();
    }

    @Test
    void reportsUnknownIssuerWhenTheRootIsNotInTheStore() {
      // given
      HeldCertificate otherRoot = Certificates.certificate().subject("CN=Other Root").ca().validity(FROM, UNTIL).build();

      // when
      Verification verification =
          ChainVerifier.verify(
              leaf().build().chainWithRoot(),
              Certificates.trustManager(otherRoot.certificate()),
              STORE,
              "localhost",
              NOW);

      // then
      assertThat(kinds(verification)).containsExactly(Kind.UNKNOWN_ISSUER);
      assertThat(verification.problems().get(0).detail())
          .isEqualTo("the chain ends at CN=Test Root, which is not an anchor of " + STORE);
    }

    @Test
    void reportsUnknownIssuerWhenANamesakeRootWithAnotherKeyIsTrusted() {
      // given: the store trusts a different key under the root's name
      HeldCertificate impostor = Certificates.certificate().subject("CN=Test Root").ca().validity(FROM, UNTIL).build();

      // when
      Verification verification =
          ChainVerifier.verify(
              leaf().build().chain(), Certificates.trustManager(impostor.certificate()), STORE, null, NOW);

      // then
      assertThat(kinds(verification)).containsExactly(Kind.UNKNOWN_ISSUER);
    }

    @Test
    void reportsNoCertificateForAnEmptyChain() {
      Verification verification = verify(List.of(), "localhost");

      assertThat(kinds(verification)).containsExactly(Kind.NO_CERTIFICATE);
      assertThat(verification.trusted()).isFalse();
    }

    @Test
    void reportsIntermediateThatIsNoCaAsOther() {
      // given: an "intermediate" without basicConstraints cA=true
      HeldCertificate notACa =
          Certificates.certificate().subject("CN=Not A CA").validity(FROM, UNTIL).issuedBy(root).build();
      HeldCertificate leaf = leaf().issuedBy(notACa).build();

      // when
      Verification verification = verify(leaf.chain(), "localhost");

      // then
      assertThat(kinds(verification)).containsExactly(Kind.OTHER);
      assertThat(verification.problems().get(0).detail()).startsWith("CN=Not A CA: ");
    }

    @Test
    void reportsLeafWhoseExtendedKeyUsageExcludesServerAuthAsOther() {
      // given: a client-only certificate (clientAuth)
      HeldCertificate leaf = leaf().extendedKeyUsage("1.3.6.1.5.5.7.3.2").build();

      // when
      Verification verification = verify(leaf.chain(), "localhost");

      // then
      assertThat(kinds(verification)).containsExactly(Kind.OTHER);
      assertThat(verification.problems().get(0).detail()).contains("CN=localhost", "serverAuth");
    }

    @Test
    void acceptsLeafWhoseExtendedKeyUsageIncludesServerAuth() {
      Verification verification = verify(leaf().extendedKeyUsage("1.3.6.1.5.5.7.3.1").build().chain(), "localhost");

      assertThat(verification.trusted()).isTrue();
    }
  }

  @Nested
  class Validity {

    @Test
    void reportsExpiredLeafNamingBothInstants() {
      // given
      HeldCertificate leaf =
          leaf().validity(Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z")).build();

      // when
      Verification verification = verify(leaf.chain(), "localhost");

      // then
      assertThat(verification.problems())
          .containsExactly(
              new Problem(
                  Kind.EXPIRED, "CN=localhost expired at 2020-01-01T00:00:00Z (checked at 2026-11-27T04:00:00Z)"));
    }

    @Test
    void reportsLeafNotYetValid() {
      // given
      HeldCertificate leaf = leaf().validity(NOW.plus(Duration.ofDays(1)), UNTIL).build();

      // when
      Verification verification = verify(leaf.chain(), "localhost");

      // then
      assertThat(kinds(verification)).containsExactly(Kind.NOT_YET_VALID);
      assertThat(verification.problems().get(0).detail())
          .isEqualTo("CN=localhost is not valid before 2026-11-28T04:00:00Z (checked at 2026-11-27T04:00:00Z)");
    }

    @Test
    void reportsExpiredIntermediateByItsOwnName() {
      // given
      HeldCertificate expired =
          Certificates.certificate()
              .subject("CN=Old Intermediate")
              .ca()
              .validity(FROM, NOW.minus(Duration.ofDays(1)))
              .issuedBy(root)
              .build();

      // when
      Verification verification = verify(leaf().issuedBy(expired).build().chain(), "localhost");

      // then
      assertThat(verification.problems()).singleElement()
          .satisfies(p -> assertThat(p.kind()).isEqualTo(Kind.EXPIRED))
          .satisfies(p -> assertThat(p.detail()).startsWith("CN=Old Intermediate expired at "));
    }

    @Test
    void judgesValidityAtTheGivenInstantNotTheWallClock() {
      // given: a chain whose every certificate expired long ago
      Instant then = Instant.parse("2020-06-01T00:00:00Z");
      Instant from = Instant.parse("2020-01-01T00:00:00Z");
      Instant until = Instant.parse("2021-01-01T00:00:00Z");
      HeldCertificate oldRoot =
          Certificates.certificate().subject("CN=Old Root").ca().validity(from, until).build();
      HeldCertificate oldLeaf =
          Certificates.certificate().dns("localhost").validity(from, until).issuedBy(oldRoot).build();

      // when
      Verification verification =
          ChainVerifier.verify(
              oldLeaf.chain(), Certificates.trustManager(oldRoot.certificate()), STORE, "localhost", then);

      // then
      assertThat(verification.problems()).isEmpty();
    }

    @Test
    void stillFindsNonValidityFaultsOfAnExpiredChain() {
      // given: an expired intermediate allowing no CA below it (pathLen 0), and a CA below it anyway
      HeldCertificate expired =
          Certificates.certificate()
              .subject("CN=Old Intermediate")
              .ca(0)
              .validity(FROM, NOW.minus(Duration.ofDays(1)))
              .issuedBy(root)
              .build();
      HeldCertificate tooDeep =
          Certificates.certificate().subject("CN=Too Deep").ca().validity(FROM, UNTIL).issuedBy(expired).build();
      HeldCertificate leaf = leaf().issuedBy(tooDeep).build();

      // when
      Verification verification = verify(leaf.chain(), "localhost");

      // then: the validator, which stops at the first fault, is asked inside every validity window
      assertThat(kinds(verification)).containsExactly(Kind.EXPIRED, Kind.OTHER);
      assertThat(verification.problems().get(1).detail()).startsWith("CN=Too Deep: ");
    }
  }

  @Nested
  class SelfSigned {

    @Test
    void reportsSelfSignedLeafThatIsNotAnAnchor() {
      // given
      HeldCertificate selfSigned = Certificates.certificate().dns("localhost").validity(FROM, UNTIL).build();

      // when
      Verification verification = verify(selfSigned.chain(), "localhost");

      // then
      assertThat(verification.problems())
          .containsExactly(new Problem(Kind.SELF_SIGNED, "CN=localhost is self-signed and not an anchor of " + STORE));
    }

    @Test
    void trustsSelfSignedLeafThatIsItselfAnAnchor() {
      // given
      HeldCertificate selfSigned = Certificates.certificate().dns("localhost").validity(FROM, UNTIL).build();

      // when
      Verification verification =
          ChainVerifier.verify(
              selfSigned.chain(), Certificates.trustManager(selfSigned.certificate()), STORE, "localhost", NOW);

      // then
      assertThat(verification.problems()).isEmpty();
      assertThat(verification.trusted()).isTrue();
    }
  }

  @Nested
  class Weakness {

    @Test
    void reportsShortRsaKeyNamingTheThreshold() {
      // given
      HeldCertificate leaf = leaf().key(KeyType.RSA_1024).build();

      // when
      Verification verification = verify(leaf.chain(), "localhost");

      // then
      assertThat(verification.problems())
          .containsExactly(
              new Problem(Kind.WEAK_KEY, "CN=localhost has a 1024-bit RSA key, below the 2048-bit minimum"));
    }

    @Test
    void acceptsRsa2048AndP256Keys() {
      HeldCertificate rsaRoot =
          Certificates.certificate().subject("CN=Test Root").key(KeyType.RSA_2048).ca().validity(FROM, UNTIL)
              .build();
      HeldCertificate leaf = leaf().key(KeyType.EC_P256).issuedBy(rsaRoot).build();

      Verification verification =
          ChainVerifier.verify(leaf.chain(), Certificates.trustManager(rsaRoot.certificate()), STORE, null, NOW);

      assertThat(verification.problems()).isEmpty();
    }

    @Test
    void reportsSha1SignatureOnTheLeaf() {
      // given
      HeldCertificate leaf = leaf().signatureAlgorithm("SHA1withECDSA").build();

      // when
      Verification verification = verify(leaf.chain(), "localhost");

      // then
      assertThat(verification.problems())
          .containsExactly(new Problem(Kind.SHA1_SIGNATURE, "CN=localhost is signed with SHA-1 (SHA1withECDSA)"));
    }

    @Test
    void namesMd5WhenTheSignatureIsMd5() {
      // given
      HeldCertificate rsaRoot =
          Certificates.certificate().subject("CN=RSA Root").key(KeyType.RSA_2048).ca().validity(FROM, UNTIL)
              .build();
      HeldCertificate leaf = leaf().issuedBy(rsaRoot).signatureAlgorithm("MD5withRSA").build();

      // when
      Verification verification =
          ChainVerifier.verify(
              leaf.chain(), Certificates.trustManager(rsaRoot.certificate()), STORE, "localhost", NOW);

      // then: the JDK's validator refuses MD5 too, but that is the same fault, reported once
      assertThat(verification.problems())
          .containsExactly(new Problem(Kind.SHA1_SIGNATURE, "CN=localhost is signed with MD5 (MD5withRSA)"));
    }

    @Test
    void ignoresTheSha1SelfSignatureOfATrustedRoot() {
      // given: the root signs itself with SHA-1, and is sent along
      HeldCertificate sha1Root =
          Certificates.certificate()
              .subject("CN=SHA-1 Root")
              .key(KeyType.RSA_2048)
              .signatureAlgorithm("SHA1withRSA")
              .ca()
              .validity(FROM, UNTIL)
              .build();
      HeldCertificate leaf = leaf().issuedBy(sha1Root).build();

      // when
      Verification verification =
          ChainVerifier.verify(
              leaf.chainWithRoot(), Certificates.trustManager(sha1Root.certificate()), STORE, "localhost", NOW);

      // then
      assertThat(verification.problems()).isEmpty();
    }

    @Test
    void findsAllFiveProblemsOfAnExpiredSelfSignedWeakSha1CertificateForTheWrongHost() {
      // given
      HeldCertificate bad =
          Certificates.certificate()
              .subject("CN=localhost")
              .dns("localhost")
              .key(KeyType.RSA_1024)
              .signatureAlgorithm("SHA1withRSA")
              .validity(Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z"))
              .build();

      // when
      Verification verification = verify(bad.chain(), "www.example.org");

      // then
      assertThat(kinds(verification))
          .containsExactlyInAnyOrder(
              Kind.EXPIRED, Kind.SELF_SIGNED, Kind.HOSTNAME_MISMATCH, Kind.WEAK_KEY, Kind.SHA1_SIGNATURE);
      assertThat(verification.problems()).allSatisfy(p -> assertThat(p.detail()).startsWith("CN=localhost "));
      assertThat(verification.trusted()).isFalse();
    }
  }

  @Nested
  class Hostnames {

    private Verification verifyFor(String hostname, Certificates.Builder leaf) {
      return verify(leaf.build().chain(), hostname);
    }

    private Certificates.Builder wildcard() {
      return Certificates.certificate().subject("CN=wildcard").dns("*.example.com").validity(FROM, UNTIL)
          .issuedBy(intermediate);
    }

    @Test
    void wildcardMatchesOneLeftMostLabel() {
      assertThat(verifyFor("a.example.com", wildcard()).problems()).isEmpty();
    }

    @Test
    void wildcardDoesNotMatchTwoLabels() {
      Verification verification = verifyFor("a.b.example.com", wildcard());

      assertThat(verification.problems())
          .containsExactly(
              new Problem(
                  Kind.HOSTNAME_MISMATCH,
                  "CN=wildcard is not valid for a.b.example.com: DNS SANs [DNS:*.example.com]"));
    }

    @Test
    void wildcardDoesNotMatchTheBareDomain() {
      assertThat(kinds(verifyFor("example.com", wildcard()))).containsExactly(Kind.HOSTNAME_MISMATCH);
    }

    @Test
    void wildcardOverASingleLabelMatchesNothing() {
      Certificates.Builder tooBroad =
          Certificates.certificate().dns("*.com").validity(FROM, UNTIL).issuedBy(intermediate);

      assertThat(kinds(verifyFor("example.com", tooBroad))).containsExactly(Kind.HOSTNAME_MISMATCH);
    }

    @Test
    void wildcardOutsideTheLeftMostLabelMatchesNothing() {
      Certificates.Builder misplaced =
          Certificates.certificate().dns("www.*.example.com").validity(FROM, UNTIL).issuedBy(intermediate);

      assertThat(kinds(verifyFor("www.a.example.com", misplaced))).containsExactly(Kind.HOSTNAME_MISMATCH);
    }

    @Test
    void matchesIgnoringCaseAndATrailingDot() {
      assertThat(verifyFor("LocalHost.", leaf()).problems()).isEmpty();
    }

    @Test
    void ipLiteralMatchesAnIpSan() {
      assertThat(verifyFor("127.0.0.1", leaf()).problems()).isEmpty();
    }

    @Test
    void ipv6LiteralMatchesAnIpSanInAnySpelling() {
      Certificates.Builder v6 = leaf().ip("2001:db8::1");

      assertThat(verifyFor("[2001:DB8:0:0:0:0:0:1]", v6).problems()).isEmpty();
      assertThat(verifyFor("2001:db8::1", v6).problems()).isEmpty();
    }

    @Test
    void ipLiteralIsNotMatchedByADnsSanSpellingIt() {
      // given: the address appears only as a DNS name
      Certificates.Builder dnsOnly =
          Certificates.certificate().dns("127.0.0.1").validity(FROM, UNTIL).issuedBy(intermediate);

      // when
      Verification verification = verifyFor("127.0.0.1", dnsOnly);

      // then
      assertThat(verification.problems())
          .containsExactly(
              new Problem(Kind.HOSTNAME_MISMATCH, "CN=localhost is not valid for 127.0.0.1: it has no IP SAN"));
    }

    @Test
    void ipLiteralIsNotMatchedByTheCommonName() {
      Certificates.Builder cnOnly =
          Certificates.certificate().subject("CN=127.0.0.1").validity(FROM, UNTIL).issuedBy(intermediate);

      assertThat(kinds(verifyFor("127.0.0.1", cnOnly))).containsExactly(Kind.HOSTNAME_MISMATCH);
    }

    @Test
    void commonNameCountsWhenThereIsNoDnsSan() {
      Certificates.Builder cnOnly =
          Certificates.certificate().subject("CN=legacy.example").ip("127.0.0.1").validity(FROM, UNTIL)
              .issuedBy(intermediate);

      assertThat(verifyFor("legacy.example", cnOnly).problems()).isEmpty();
    }

    @Test
    void commonNameIsIgnoredWhenADnsSanExists() {
      // given
      Certificates.Builder both =
          Certificates.certificate().subject("CN=legacy.example").dns("modern.example").validity(FROM, UNTIL)
              .issuedBy(intermediate);

      // when
      Verification verification = verifyFor("legacy.example", both);

      // then
      assertThat(verification.problems())
          .containsExactly(
              new Problem(
                  Kind.HOSTNAME_MISMATCH,
                  "CN=legacy.example is not valid for legacy.example: DNS SANs [DNS:modern.example]"));
    }

    @Test
    void theMostSpecificCommonNameCounts() {
      Certificates.Builder twoCns =
          Certificates.certificate().subject("CN=specific.example,CN=general.example").validity(FROM, UNTIL)
              .issuedBy(intermediate);

      assertThat(verifyFor("specific.example", twoCns).problems()).isEmpty();
      assertThat(kinds(verifyFor("general.example", twoCns))).containsExactly(Kind.HOSTNAME_MISMATCH);
    }

    @Test
    void checksNoHostnameWhenNoneIsGiven() {
      Verification verification =
          ChainVerifier.verify(
              leaf().build().chain(), Certificates.trustManager(root.certificate()), STORE, null, NOW);

      assertThat(verification.problems()).isEmpty();
      assertThat(verification.hostname()).isEmpty();
    }
  }

  @Nested
  class TrustManagersWithoutAnchors {

    @Test
    void trustsWhatATrustAllManagerAccepts() {
      Verification verification =
          ChainVerifier.verify(
              Certificates.certificate().dns("localhost").validity(FROM, UNTIL).build().chain(), new TrustAll(), "trust-all",
              "localhost", NOW);

      assertThat(verification.problems()).isEmpty();
    }

    @Test
    void reportsUnknownIssuerWithTheTrustManagersReason() {
      // given: the JDK's trust manager over an empty store
      X509TrustManager empty = Certificates.trustManager();

      // when
      Verification verification = ChainVerifier.verify(leaf().build().chain(), empty, "empty store", "localhost", NOW);

      // then
      assertThat(kinds(verification)).containsExactly(Kind.UNKNOWN_ISSUER);
      assertThat(verification.problems().get(0).detail()).startsWith("CN=localhost is not trusted by empty store: ");
    }
  }

  /** The trust manager users write to switch verification off: names no issuers, accepts every chain. */
  private static final class TrustAll implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
