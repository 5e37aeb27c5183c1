package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ServerHello;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalsTest {
  private final Refusals refusals = new Refusals(
      List.of("TLSv1.3", "TLSv1.2"),
      List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3"),
      List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
      List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
      Refusals.tokens("SSLv3, TLSv1, TLSv1.1, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, "
          + "3DES_EDE_CBC, anon, NULL, TLS_RSA_*, include jdk.disabled.namedCurves"));

  private static ServerHello hello(int version, int suite, int compression) {
    return new ServerHello(version, Bytes.of(new byte[32]), Bytes.empty(), suite, compression, List.of(), true);
  }

  @Test
  void readsOnlyAlgorithmNamesFromTheProperty() {
    assertThat(Refusals.tokens("SSLv3, DH keySize < 1024, include jdk.disabled.namedCurves, anon"))
        .containsExactly("SSLv3", "anon");
    assertThat(Refusals.tokens(null)).isEmpty();
  }

  @Test
  void acceptsWhatJsseOffered() {
    assertThat(refusals.whyRefused(hello(0x0303, 0xc02f, 0))).isEmpty();
  }

  @Test
  void saysAVersionIsDisabledByTheJvm() {
    assertThat(refusals.whyRefused(hello(0x0301, 0xc02f, 0)))
        .contains("server chose TLSv1, which this JVM disables (jdk.tls.disabledAlgorithms)");
  }

  @Test
  void saysAVersionWasNotOfferedWhenTheJvmCouldHave() {
    Refusals only13 = new Refusals(List.of("TLSv1.3"), List.of("TLSv1.3", "TLSv1.2"), List.of(), List.of(),
        List.of());

    assertThat(only13.versionRefusal(0x0303))
        .contains("server chose TLSv1.2, which the probe did not offer (offered: TLSv1.3)");
  }

  @Test
  void namesTheDisabledAlgorithmEntryThatMatchesASuite() {
    assertThat(refusals.suiteRefusal(0x000a))
        .contains("server chose TLS_RSA_WITH_3DES_EDE_CBC_SHA, which this JVM disables"
            + " (jdk.tls.disabledAlgorithms: 3DES_EDE_CBC)");
    assertThat(refusals.disabledBy("TLS_RSA_WITH_AES_128_GCM_SHA256")).contains("TLS_RSA_*");
    assertThat(refusals.disabledBy("TLS_DH_anon_WITH_AES_128_CBC_SHA")).contains("anon");
    assertThat(refusals.disabledBy("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")).isEmpty();
  }

  @Test
  void saysASuiteWasNotOfferedOrIsNotImplemented() {
    assertThat(refusals.suiteRefusal(0xc030))
        .contains("server chose TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, which the probe did not offer");
    assertThat(refusals.suiteRefusal(0xc0ad))
        .contains("server chose TLS_ECDHE_ECDSA_WITH_AES_256_CCM, which this JVM does not offer");
  }

  @Test
  void saysCompressionIsNeverAccepted() {
    assertThat(refusals.whyRefused(hello(0x0303, 0xc02f, 1)))
        .contains("server chose compression method DEFLATE (1), which JSSE never accepts");
  }

  @Test
  void listsEveryRefusedChoice() {
    assertThat(refusals.whyRefused(hello(0x0302, 0x000a, 0))).contains(
        "server chose TLSv1.1, which this JVM disables (jdk.tls.disabledAlgorithms); server chose"
            + " TLS_RSA_WITH_3DES_EDE_CBC_SHA, which this JVM disables (jdk.tls.disabledAlgorithms: 3DES_EDE_CBC)");
  }
}
