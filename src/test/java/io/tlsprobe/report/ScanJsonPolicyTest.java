package io.tlsprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.TlsProtocol;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The {@code "policy"} object of {@code tlsprobe.scan/1}. */
class ScanJsonPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ServerProfile PROFILE = new ServerProfile(Endpoint.direct("localhost", 8443),
      List.of(ProtocolSupport.refused(TlsProtocol.TLSv1_3)), 1, Duration.ofMillis(5), Optional.empty());

  private static JsonNode write(PolicyCheck policy) {
    StringWriter out = new StringWriter();
    ScanJson.write(PROFILE, policy, out);
    return JSON.readTree(out.toString());
  }

  @Test
  void writesAPolicyNullWhenNoneWasAskedFor() {
    assertThat(JSON.readTree(ScanJson.toJson(PROFILE)).get("policy").isNull()).isTrue();
  }

  @Test
  void writesTheVerdictEveryViolationAndWhatWasNotChecked() {
    // given
    PolicyCheck check = new PolicyCheck("Mozilla intermediate 6.0", "6.0",
        "Mozilla Server Side TLS", "https://ssl-config.mozilla.org/guidelines/6.0.json",
        List.of(new PolicyCheck.Breach("protocol", "TLS 1.2, TLS 1.3", "TLS 1.0 accepted")),
        List.of("compression: unknown (not scanned)"));

    // when
    JsonNode policy = write(check).get("policy");

    // then
    assertThat(policy.get("name").asString()).isEqualTo("Mozilla intermediate 6.0");
    assertThat(policy.get("version").asString()).isEqualTo("6.0");
    assertThat(policy.get("source").asString()).isEqualTo("Mozilla Server Side TLS");
    assertThat(policy.get("url").asString()).isEqualTo("https://ssl-config.mozilla.org/guidelines/6.0.json");
    assertThat(policy.get("compliant").asBoolean()).isFalse();
    assertThat(policy.get("violations")).hasSize(1);
    assertThat(policy.get("violations").get(0).get("rule").asString()).isEqualTo("protocol");
    assertThat(policy.get("violations").get(0).get("expected").asString()).isEqualTo("TLS 1.2, TLS 1.3");
    assertThat(policy.get("violations").get(0).get("found").asString()).isEqualTo("TLS 1.0 accepted");
    assertThat(policy.get("not_checked").get(0).asString()).isEqualTo("compression: unknown (not scanned)");
  }

  @Test
  void saysCompliantWithAnEmptyViolationList() {
    JsonNode policy = write(new PolicyCheck("p", "1", "doc", "https://x.test", List.of(), List.of()))
        .get("policy");

    assertThat(policy.get("compliant").asBoolean()).isTrue();
    assertThat(policy.get("violations")).isEmpty();
  }
}
