package io.tlsprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.SmtpFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code @TlsProbe(startTls = …)}, {@code protocol = …} and {@code injectionCheck}, run as fixture classes
 * ({@link StartTlsFixtures}) through the testkit against an in-process SMTP front; and the exact message of each
 * misuse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsProbeStartTlsTest {
  private static final String F = "StartTlsFixtures.";

  private SmtpFront front;

  @BeforeAll
  void startFront() throws Exception {
    front = SmtpFront.start();
  }

  @AfterAll
  void stopFront() throws Exception {
    front.close();
  }

  private Map<String, String> smtpPort() {
    return Map.of("test.smtp.port", Integer.toString(front.port()));
  }

  @Test
  void upgradesWithTheNamedDialectAndRunsTheInjectionCheck(@TempDir Path output) {
    int before = front.connections();

    EngineExecutionResults results = Fixtures.run(StartTlsFixtures.StartTlsTestCase.class, smtpPort(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(front.connections() - before).as("the probe and the injection check").isEqualTo(2);
    assertThat(Fixtures.reportEntries(results, "tlsprobe.default")).singleElement().asString()
        .startsWith("127.0.0.1:" + front.port() + " (starttls:smtp): established")
        .contains("injection NOT_VULNERABLE");
  }

  @Test
  void publishesThePlainTextPhaseInTheJsonFile(@TempDir Path output) throws Exception {
    EngineExecutionResults results = Fixtures.run(StartTlsFixtures.StartTlsTestCase.class, smtpPort(), output);

    results.testEvents().assertStatistics(s -> s.succeeded(1));
    Path file = results.allEvents().fileEntryPublished().stream()
        .map(e -> e.getRequiredPayload(FileEntry.class).getPath()).findFirst().orElseThrow();
    JsonNode phase = new ObjectMapper().readTree(Files.readString(file)).get("plain_text_phase");
    assertThat(phase.get("dialect").asString()).isEqualTo("smtp");
    assertThat(phase.get("greeting").asString()).isEqualTo(SmtpFront.GREETING);
    assertThat(phase.get("injection").get("verdict").asString()).isEqualTo("not_vulnerable");
  }

  @Test
  void protocolChoosesItsDialectOnAnyPortButItsImplicitOne(@TempDir Path output) {
    int before = front.connections();

    EngineExecutionResults results = Fixtures.run(StartTlsFixtures.ProtocolTestCase.class, smtpPort(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(front.connections() - before).as("injectionCheck = false: one connection").isEqualTo(1);
  }

  @Test
  void protocolWithoutPortProbesItsWellKnownPorts(@TempDir Path output) {
    EngineExecutionResults startTls = Fixtures.run(StartTlsFixtures.ProtocolDefaultPortTestCase.class, Map.of(),
        output);
    EngineExecutionResults implicit = Fixtures.run(StartTlsFixtures.ImplicitDefaultPortTestCase.class, Map.of(),
        output);

    assertThat(Fixtures.failureMessages(startTls)).isEmpty();
    assertThat(Fixtures.failureMessages(implicit)).isEmpty();
    startTls.testEvents().assertStatistics(s -> s.succeeded(1));
    implicit.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  @Test
  void fieldTargetsTakeStartTlsAndInjectionCheckFromTheClassOptions(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(StartTlsFixtures.FieldTargetTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  @Test
  void fieldTargetsTakeTheProtocolFromTheClassOptions(@TempDir Path output) {
    EngineExecutionResults results = Fixtures.run(StartTlsFixtures.FieldProtocolTestCase.class, Map.of(), output);

    assertThat(Fixtures.failureMessages(results)).isEmpty();
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  /** Each misuse fails with an exact message naming the annotation, the element and the value. */
  @Nested
  class Failures {
    @Test
    void startTlsWithoutPortOrProtocol(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(StartTlsFixtures.StartTlsWithoutPortTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "StartTlsWithoutPortTestCase: startTls = SMTP on host 'localhost' needs a"
              + " port: set port, or protocol for the service's well-known port (protocol = SMTP: 25)");
    }

    @Test
    void startTlsThatIsNotTheProtocolsDialect(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(StartTlsFixtures.StartTlsAgainstProtocolTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "StartTlsAgainstProtocolTestCase: startTls = SMTP does not fit protocol ="
              + " IMAP, whose upgrade is IMAP: drop startTls, or name the protocol that speaks SMTP");
    }

    @Test
    void startTlsOnAProtocolWithoutUpgrade(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(StartTlsFixtures.StartTlsOnHttpsTestCase.class, Map.of(), output,
          "@TlsProbe on class " + F + "StartTlsOnHttpsTestCase: startTls = POP3 does not fit protocol = HTTPS,"
              + " which has no STARTTLS upgrade: drop startTls, or name the protocol that speaks POP3");
    }

    @Test
    void injectionCheckOffOnADirectTlsTarget(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(StartTlsFixtures.InjectionCheckOnDirectTlsTestCase.class, Map.of(),
          output, "@TlsProbe on class " + F + "InjectionCheckOnDirectTlsTestCase: injectionCheck = false applies"
              + " only to STARTTLS probes: set startTls or protocol, or drop it");
    }

    @Test
    void injectionCheckOffInTheOptionsOfADirectTlsField(@TempDir Path output) {
      TlsProbeExtensionTest.assertFailure(StartTlsFixtures.FieldInjectionCheckOnDirectTlsTestCase.class, Map.of(),
          output, "@TlsProbe on class " + F + "FieldInjectionCheckOnDirectTlsTestCase: injectionCheck = false"
              + " applies only to STARTTLS probes: set startTls or protocol, or drop it");
    }
  }
}
