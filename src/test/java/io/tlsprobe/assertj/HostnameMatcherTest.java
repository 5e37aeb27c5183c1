package io.tlsprobe.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.CertificateInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {

  private static CertificateInfo named(String subject, String... sans) {
    return Fixtures.withNames(Fixtures.leaf(), subject, sans);
  }

  @ParameterizedTest
  @CsvSource({
    "localhost, true",
    "LOCALHOST, true",
    "localhost., true",
    "127.0.0.1, true",
    "gateway, false",
    "127.0.0.2, false",
    "sub.localhost, false"
  })
  void matchesDnsNamesIgnoringCaseAndIpAddressesExactly(String host, boolean expected) {
    assertThat(HostnameMatcher.matches(Fixtures.leaf(), host)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "api.example.com, true",
    "API.Example.COM, true",
    "example.com, false",
    "a.b.example.com, false",
    ".example.com, false",
    "api.example.org, false"
  })
  void letsALeftMostWildcardStandForExactlyOneLabel(String host, boolean expected) {
    assertThat(HostnameMatcher.matches(named("CN=wild", "DNS:*.example.com"), host)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"DNS:*.com, x.com", "DNS:*, x", "DNS:w*.example.com, www.example.com",
      "DNS:www.*.com, www.example.com", "DNS:*.*.example.com, a.b.example.com"})
  void refusesWildcardsOutsideAWholeLeftMostLabelOrTooHighUp(String san, String host) {
    assertThat(HostnameMatcher.matches(named("CN=wild", san), host)).isFalse();
  }

  @Test
  void neverMatchesAnIpAddressByWildcardOrDnsName() {
    CertificateInfo certificate = named("CN=127.0.0.1", "DNS:127.0.0.1", "DNS:*.0.0.1");

    assertThat(HostnameMatcher.matches(certificate, "127.0.0.1")).isFalse();
  }

  @Test
  void comparesIpv6AddressesAsAddressesWithOrWithoutBrackets() throws Exception {
    // given a real certificate for ::1, which JCA reports as IP:0:0:0:0:0:0:0:1
    CertificateInfo certificate = RealCertificates.info(RealCertificates.ec("SHA256withECDSA", "IP:::1"));

    // then
    assertThat(certificate.subjectAlternativeNames()).containsExactly("IP:0:0:0:0:0:0:0:1");
    assertThat(HostnameMatcher.matches(certificate, "::1")).isTrue();
    assertThat(HostnameMatcher.matches(certificate, "[::1]")).isTrue();
    assertThat(HostnameMatcher.matches(certificate, "0:0:0:0:0:0:0:1")).isTrue();
    assertThat(HostnameMatcher.matches(certificate, "::2")).isFalse();
    assertThat(HostnameMatcher.matches(certificate, "localhost")).as("no DNS SAN, CN fallback").isTrue();
  }

  @Test
  void fallsBackToTheCommonNameOnlyWithoutDnsNames() {
    CertificateInfo commonNameOnly = named("CN=gateway.test,O=Example", "IP:10.0.0.1");
    CertificateInfo withDnsName = named("CN=gateway.test", "DNS:other.test");

    assertThat(HostnameMatcher.matches(commonNameOnly, "gateway.test")).isTrue();
    assertThat(HostnameMatcher.matches(withDnsName, "gateway.test")).isFalse();
    assertThat(HostnameMatcher.matches(withDnsName, "other.test")).isTrue();
  }

  @Test
  void readsTheMostSpecificCommonNameAndUndoesRfc2253Escapes() {
    assertThat(HostnameMatcher.commonName("CN=a\\,b.test,OU=x,CN=outer")).contains("a,b.test");
    assertThat(HostnameMatcher.commonName("O=Example+CN=multi.test,C=DE")).contains("multi.test");
    assertThat(HostnameMatcher.commonName("2.5.4.3=oid.test")).contains("oid.test");
    assertThat(HostnameMatcher.commonName("CN=caf\\c3\\a9.test")).contains("café.test");
    assertThat(HostnameMatcher.commonName("CN=#0c0474657374")).as("hex-encoded value").isEmpty();
    assertThat(HostnameMatcher.commonName("O=Example,C=DE")).isEmpty();
  }

  @Test
  void matchesInternationalNamesByTheirAsciiForm() {
    CertificateInfo certificate = named("CN=idn", "DNS:xn--caf-dma.test");

    assertThat(HostnameMatcher.matches(certificate, "café.test")).isTrue();
  }

  @Test
  void rendersTheNamesAHostIsMatchedAgainst() {
    assertThat(HostnameMatcher.names(Fixtures.leaf())).isEqualTo("[DNS:localhost, IP:127.0.0.1]");
    assertThat(HostnameMatcher.names(named("CN=gateway.test", "URI:https://x.test", "email:a@x.test")))
        .isEqualTo("[CN=gateway.test] (common name: the certificate has no DNS name)");
    assertThat(HostnameMatcher.names(named("CN=gateway.test", "IP:10.0.0.1")))
        .isEqualTo("[IP:10.0.0.1, CN=gateway.test]");
    assertThat(HostnameMatcher.names(named("O=Example")))
        .isEqualTo("no host (no DNS or IP subject alternative name, no common name)");
  }
}
