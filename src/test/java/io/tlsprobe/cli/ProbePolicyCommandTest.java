package io.tlsprobe.cli;

import static io.tlsprobe.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.cli.ProbeCommandTest.Run;
import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.testing.Interop;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code probe --policy}: what one handshake with the embedded demo server negotiated (JSSE on 127.0.0.1, TLS 1.3 by
 * default, x25519, an EC P-256 certificate) held to a policy, in the text and the JSON, with exit 0, 1, 2 and 3.
 */
class ProbePolicyCommandTest {
  @Test
  void exitsZeroAndSaysCompliantForATls13HandshakeAgainstMozillaModern() {
    Run run = run("probe", "--policy", "mozilla-modern");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
    assertThat(run.out().strip()).endsWith("Policy Mozilla modern 6.0: Mozilla Server Side TLS 6.0, "
        + "https://ssl-config.mozilla.org/guidelines/6.0.json" + System.lineSeparator() + "  COMPLIANT");
  }

  @Test
  void exitsOneAndListsTheViolationsOfATls12Handshake() {
    // when the probe offers TLS 1.2 only
    Run run = run("probe", "--protocols", "TLSv1.2", "--policy", "mozilla-modern");

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.POLICY_VIOLATED);
    assertThat(run.out()).contains("  NOT COMPLIANT: 2 violations", "    protocol: expected TLS 1.3 but found TLS 1.2"
        + " negotiated", "    cipher suite: expected one of TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,"
        + " TLS_CHACHA20_POLY1305_SHA256 but found ");
  }

  @Test
  void addsThePolicyObjectToTheJsonOnlyWhenAskedFor() {
    // when
    JsonNode with = run("probe", "--json", "--protocols", "TLSv1.2", "--policy", "mozilla-modern").json();
    JsonNode without = run("probe", "--json").json();

    // then
    JsonNode policy = with.get("policy");
    assertThat(policy.get("name").asString()).isEqualTo(TlsPolicy.MOZILLA_MODERN.name());
    assertThat(policy.get("compliant").asBoolean()).isFalse();
    assertThat(policy.get("violations").get(0).get("found").asString()).isEqualTo("TLS 1.2 negotiated");
    assertThat(with.get("schema").asString()).isEqualTo("tlsprobe.report/1");
    assertThat(without.has("policy")).isFalse();
  }

  @Test
  void refusesAPolicyWithDiscoverAndAnUnknownName() {
    Run discover = run("probe", "127.0.0.1:1", "--protocol", "smtp", "--discover", "--policy", "mozilla-modern");
    Run unknown = run("probe", "--policy", "pci-dss");

    assertThat(discover.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(discover.err()).contains("--policy does not apply to --discover");
    assertThat(unknown.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(unknown.err()).contains("unknown policy 'pci-dss': use mozilla-modern, mozilla-intermediate");
  }

  @Test
  void exitsThreeWhenNothingWasNegotiatedEvenWithAPolicy() {
    Run run = run("probe", "127.0.0.1:" + Interop.freeLoopbackPort(), "--policy", "mozilla-modern", "--timeout",
        "2s");

    assertThat(run.exitCode()).isEqualTo(Main.NOT_ESTABLISHED);
  }
}
