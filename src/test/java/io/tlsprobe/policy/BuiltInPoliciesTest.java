package io.tlsprobe.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuiltInPoliciesTest {
  @Test
  void findsEveryBuiltInPolicyByItsCommandLineName() {
    assertThat(TlsPolicy.names()).containsExactly("mozilla-modern", "mozilla-intermediate", "mozilla-5.7-modern",
        "mozilla-5.7-intermediate", "mozilla-5.7-old", "nist-800-52r2", "bsi-tr-02102-2");
    assertThat(TlsPolicy.named("mozilla-intermediate")).containsSame(TlsPolicy.MOZILLA_INTERMEDIATE);
    assertThat(TlsPolicy.named("mozilla-5.7-old")).containsSame(TlsPolicy.MOZILLA_5_7_OLD);
    assertThat(TlsPolicy.named("nist-800-52r2")).containsSame(TlsPolicy.NIST_SP_800_52R2);
    assertThat(TlsPolicy.named(" BSI-TR-02102-2 ")).containsSame(TlsPolicy.BSI_TR_02102_2);
  }

  @Test
  void findsNothingForAnUnknownName() {
    assertThat(TlsPolicy.named("pci-dss")).isEmpty();
  }

  @Test
  void givesEveryRegisteredPolicyADistinctSourceAndName() {
    assertThat(TlsPolicy.names()).map(n -> TlsPolicy.named(n).orElseThrow().name()).doesNotHaveDuplicates();
    assertThat(TlsPolicy.names()).map(n -> TlsPolicy.named(n).orElseThrow().source().url())
        .allSatisfy(url -> assertThat(url).startsWith("https://"));
  }
}
