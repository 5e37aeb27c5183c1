package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.testing.TestCertificates;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ScanJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesAPartialStartTlsProfileWithTheSmallestDhPrimeAndTheServerOrder() {
    // given: TLS 1.2 in server order (DHE 2048 before ECDHE), TLS 1.0 refused, a reason the scan stopped
    AcceptedCipherSuite dhe = new AcceptedCipherSuite(CipherSuite.of(0x009f), Optional.empty(), Optional.of(2048));
    AcceptedCipherSuite ecdhe = new AcceptedCipherSuite(CipherSuite.of(0xc02f), Optional.of(NamedGroup.of(0x001d)),
        Optional.empty());
    ServerProfile profile = new ServerProfile(
        new Endpoint("mail.test", 587, Optional.of("mail.test"), "starttls:smtp"),
        List.of(new ProtocolSupport(TlsProtocol.TLSv1_2, true, List.of(dhe, ecdhe), CipherOrder.SERVER,
            List.of(NamedGroup.of(0x001d))), ProtocolSupport.refused(TlsProtocol.TLSv1)),
        7, Duration.ofMillis(1234), Optional.of("TLS 1.3: the server stopped answering"));

    // when
    JsonNode json = JSON.readTree(ScanJson.toJson(profile));

    // then
    assertThat(json.get("schema").asString()).isEqualTo("tlsprobe.scan/1");
    assertThat(json.get("target").get("connection").asString()).isEqualTo("starttls:smtp");
    assertThat(json.get("target").get("sni").asString()).isEqualTo("mail.test");
    JsonNode protocols = json.get("protocols");
    assertThat(protocols.findValuesAsString("version")).containsExactly("TLSv1", "TLSv1.2");
    assertThat(protocols.get(0).get("accepted").asBoolean()).isFalse();
    assertThat(protocols.get(0).get("cipher_suites").size()).isZero();
    assertThat(protocols.get(1).get("server_order").asBoolean()).isTrue();
    assertThat(protocols.get(1).get("cipher_suites").get(0).asString())
        .isEqualTo("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
    assertThat(protocols.get(1).get("cipher_suites").get(1).asString())
        .isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(json.get("groups").get(0).asString()).isEqualTo("x25519");
    assertThat(json.get("dh_prime_bits").asInt()).isEqualTo(2048);
    assertThat(json.get("connections").asInt()).isEqualTo(7);
    assertThat(json.get("elapsed_ms").asLong()).isEqualTo(1234);
    assertThat(json.get("complete").asBoolean()).isFalse();
    assertThat(json.get("partial_reason").asString()).isEqualTo("TLS 1.3: the server stopped answering");
  }

  @Test
  void writesEachFeatureWithItsSupportAndEvidenceAndTheApplicationProtocols() {
    // given: a profile whose features differ in every support value
    ServerFeatures features = new ServerFeatures(
        Finding.no("compression method null (0) in the TLSv1.2 ServerHello, though DEFLATE (1) was offered first"),
        Finding.yes("renegotiation_info in the TLSv1.2 ServerHello"),
        Finding.notApplicable("the server accepts only TLSv1.2: there is no lower version to fall back to"),
        Finding.yes("extended_master_secret in the TLSv1.2 ServerHello"),
        Finding.notApplicable("no CBC cipher suite is accepted"),
        Finding.no("no session_ticket in the TLSv1.2 ServerHello to a hello offering it"),
        Finding.unknown("the server stopped answering"),
        Finding.no("no heartbeat in the TLSv1.2 ServerHello to a hello offering it"),
        Finding.yes("application_layer_protocol_negotiation chose h2 in the TLSv1.2 ServerHello"),
        List.of("h2", "http/1.1"));
    ServerProfile profile = new ServerProfile(Endpoint.direct("localhost", 8443),
        List.of(new ProtocolSupport(TlsProtocol.TLSv1_2, true, List.of(AcceptedCipherSuite.of(CipherSuite.of(0xc02f))),
            CipherOrder.UNDETERMINED, List.of())), 5, Duration.ofMillis(9), Optional.empty()).with(features, List.of());

    // when
    JsonNode json = JSON.readTree(ScanJson.toJson(profile));

    // then
    assertThat(json.get("schema").asString()).isEqualTo("tlsprobe.scan/1");
    assertThat(json.get("compression").get("support").asString()).isEqualTo("no");
    assertThat(json.get("compression").get("evidence").asString()).startsWith("compression method null (0)");
    assertThat(json.get("secure_renegotiation").get("support").asString()).isEqualTo("yes");
    assertThat(json.get("fallback_scsv").get("support").asString()).isEqualTo("not_applicable");
    assertThat(json.get("extended_master_secret").get("support").asString()).isEqualTo("yes");
    assertThat(json.get("encrypt_then_mac").get("evidence").asString()).isEqualTo("no CBC cipher suite is accepted");
    assertThat(json.get("session_tickets").get("support").asString()).isEqualTo("no");
    assertThat(json.get("ocsp_stapling").get("support").asString()).isEqualTo("unknown");
    assertThat(json.get("heartbeat").get("support").asString()).isEqualTo("no");
    assertThat(json.get("alpn").get("support").asString()).isEqualTo("yes");
    assertThat(json.get("application_protocols").get(0).asString()).isEqualTo("h2");
    assertThat(json.get("application_protocols").get(1).asString()).isEqualTo("http/1.1");
    assertThat(json.get("application_protocols").size()).isEqualTo(2);
  }

  @Test
  void writesUnscannedFeaturesAsUnknownSayingSo() {
    ServerProfile profile = new ServerProfile(Endpoint.direct("localhost", 8443), List.of(), 0, Duration.ZERO,
        Optional.empty());

    JsonNode json = JSON.readTree(ScanJson.toJson(profile));

    assertThat(json.get("heartbeat").get("support").asString()).isEqualTo("unknown");
    assertThat(json.get("heartbeat").get("evidence").asString()).isEqualTo("not scanned");
    assertThat(json.get("application_protocols").size()).isZero();
  }

  @Test
  void writesEachCertificateChainWithItsKeyTypeProtocolVerdictAndTheReportsCertificateFields() {
    // given: an expired EC chain from TLS 1.2
    CertificateInfo leaf = CertificateInfo.of(TestCertificates.expiredLocalhost().certificate());
    Verification expired = new Verification(false, List.of(new Verification.Problem(Verification.Kind.EXPIRED,
        "CN=localhost expired")), "PKCS12 ca.p12", "localhost");
    ServerProfile profile = new ServerProfile(Endpoint.direct("localhost", 8443),
        List.of(ProtocolSupport.refused(TlsProtocol.TLSv1)), 3, Duration.ofMillis(5), Optional.empty())
        .with(ServerFeatures.unknown("not scanned"),
            List.of(new ServerCertificate("EC", TlsProtocol.TLSv1_2, List.of(leaf), expired)));

    // when
    JsonNode certificates = JSON.readTree(ScanJson.toJson(profile)).get("certificates");

    // then
    assertThat(certificates.size()).isEqualTo(1);
    JsonNode chain = certificates.get(0);
    assertThat(chain.get("key_type").asString()).isEqualTo("EC");
    assertThat(chain.get("protocol").asString()).isEqualTo("TLSv1.2");
    assertThat(chain.get("trusted").asBoolean()).isFalse();
    assertThat(chain.get("problems").get(0).get("kind").asString()).isEqualTo("expired");
    assertThat(chain.get("problems").get(0).get("detail").asString()).isEqualTo("CN=localhost expired");
    assertThat(chain.get("trust_store").asString()).isEqualTo("PKCS12 ca.p12");
    assertThat(chain.get("hostname").asString()).isEqualTo("localhost");
    JsonNode first = chain.get("chain").get(0);
    assertThat(first.get("subject").asString()).isEqualTo("CN=localhost");
    assertThat(first.get("key_type").asString()).isEqualTo("EC");
    assertThat(first.get("key_bits").asInt()).isEqualTo(256);
    assertThat(first.get("not_after").asString()).isEqualTo(leaf.notAfter().toString());
    assertThat(first.get("sha256_fingerprint").asString()).isEqualTo(leaf.sha256Fingerprint()).hasSize(64);
  }

  @Test
  void writesAnEmptyCertificateListForAProfileWithoutChains() {
    ServerProfile profile = new ServerProfile(Endpoint.direct("localhost", 8443), List.of(), 0, Duration.ZERO,
        Optional.empty());

    assertThat(JSON.readTree(ScanJson.toJson(profile)).get("certificates").isArray()).isTrue();
    assertThat(JSON.readTree(ScanJson.toJson(profile)).get("certificates").size()).isZero();
  }

  @Test
  void namesSsl2AsSslv2RatherThanJssesHelloFormat() {
    assertThat(ScanJson.versionName(TlsProtocol.SSLv2)).isEqualTo("SSLv2");
    assertThat(ScanJson.versionName(TlsProtocol.TLSv1_3)).isEqualTo("TLSv1.3");
  }
}
