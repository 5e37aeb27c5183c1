package io.tlsprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code ServerProfile} parameters of {@code @TlsProbe} tests, run as fixture classes through the testkit. */
class TlsProbeProfileTest {

  @Test
  void scansTheTargetOncePerClassAndInjectsTheProfile(@TempDir Path output) {
    EngineExecutionResults results =
        Fixtures.run(ProfileFixtures.ScannedOncePerClassTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
  }

  @Test
  void stopsTheScannerThreadsWhenTheTestRunEnds(@TempDir Path output) {
    EngineExecutionResults results =
        Fixtures.run(ProfileFixtures.ScannedOncePerClassTestCase.class, Map.of(), output);

    results.testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tlsprobe-scanner-"));
  }
}
