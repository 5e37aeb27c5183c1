package io.tlsprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {

  @Test
  void runsRealScansOfTheDemoServersAndEveryOtherCommandLineToExitZero() {
    // when
    Map<String, Integer> codes = CdsTraining.train();

    // then: a scan exits 0 only when it reached a TLS server (3 when nothing answered)
    assertThat(codes).containsKeys("scan", "scan --json", "scan TLS 1.3 only --json", "probe --json", "--version")
        .allSatisfy((name, code) -> assertThat(code).as(name).isEqualTo(Main.OK));
  }
}
