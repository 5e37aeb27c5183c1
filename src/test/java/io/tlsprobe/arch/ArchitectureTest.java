package io.tlsprobe.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md "Layers" enforced on tlsprobe's production classes, and each rule shown to catch a violation in the
 * deliberately bad fixture {@code io.tlsprobe.arch.fixture} (test classes, imported separately).
 */
class ArchitectureTest {

  private static final String ROOT = "io.tlsprobe";
  private static final String FIXTURE = "io.tlsprobe.arch.fixture";

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

  @Test
  void importsTheProductionClassesAndNoTestClasses() {
    assertThat(PRODUCTION.stream().map(JavaClass::getPackageName)).contains(ROOT, ROOT + ".wire", ROOT + ".cli");
    assertThat(PRODUCTION.stream().map(JavaClass::getName))
        .noneMatch(name -> name.startsWith(ROOT + ".arch.") || name.startsWith(ROOT + ".testing."));
  }

  @Test
  void vocabularyImportsNothingElseOfOurs() {
    LayerRules.vocabularyIsALeaf(ROOT).check(PRODUCTION);
  }

  @Test
  void wireDependsOnlyOnTheVocabularyTheJdkAndJspecify() {
    LayerRules.wireDependsOnlyOnVocabulary(ROOT).check(PRODUCTION);
  }

  @Test
  void wireDoesNoIoAndKnowsNoTestFramework() {
    LayerRules.wireDoesNoIo(ROOT).check(PRODUCTION);
  }

  @Test
  void reportModelKnowsNoTestFrameworkNorAnythingAboveIt() {
    LayerRules.reportKnowsNothingAbove(ROOT).check(PRODUCTION);
  }

  @Test
  void assertionsDoNotDependOnJunit() {
    LayerRules.assertionsDoNotNeedJunit(ROOT).check(PRODUCTION);
  }

  @Test
  void layersPointDownward() {
    LayerRules.layersPointDownward(ROOT).check(PRODUCTION);
  }

  @Test
  void noClassChangesJvmWideTlsOrSystemState() {
    LayerRules.changesNoGlobalState(ROOT).check(PRODUCTION);
  }

  @Test
  void onlyTheFtpBackendUsesTheOptionalMockFtpServer() {
    LayerRules.onlyTheFtpBackendUsesMockFtpServer(ROOT).check(PRODUCTION);
  }

  /** Each rule, pointed at the fixture, reports the planted violation and leaves the well-behaved classes alone. */
  @Nested
  class EachRuleCatchesAViolation {

    private final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void vocabularyRuleReportsAVocabularyTypeThatUsesTheCodec() {
      List<String> violations = violations(LayerRules.vocabularyIsALeaf(FIXTURE));

      assertThat(violations).isNotEmpty().allMatch(v -> v.contains(FIXTURE + ".LeakyVocabulary"));
      assertThat(violations).anyMatch(v -> v.contains(FIXTURE + ".wire.CleanCodec"));
      assertThat(violations).noneMatch(v -> v.contains("FixtureProtocol"));
    }

    @Test
    void wireDependencyRuleReportsACodecThatReachesIntoTheReport() {
      List<String> violations = violations(LayerRules.wireDependsOnlyOnVocabulary(FIXTURE));

      assertThat(violations).anyMatch(v -> v.contains("SocketReadingCodec") && v.contains(FIXTURE + ".report"));
      assertThat(violations).noneMatch(v -> v.contains("CleanCodec"));
    }

    @Test
    void wireIoRuleReportsSocketsAndFiles() {
      List<String> violations = violations(LayerRules.wireDoesNoIo(FIXTURE));

      assertThat(violations).anyMatch(v -> v.contains("java.net.Socket"));
      assertThat(violations).anyMatch(v -> v.contains("java.io.FileInputStream"));
      assertThat(violations).noneMatch(v -> v.contains("CleanCodec"));
    }

    @Test
    void reportRuleReportsJunitAndAProbe() {
      List<String> violations = violations(LayerRules.reportKnowsNothingAbove(FIXTURE));

      assertThat(violations).anyMatch(v -> v.contains("org.junit.jupiter.api.Assertions"));
      assertThat(violations).anyMatch(v -> v.contains(FIXTURE + ".probe.FixtureProbe"));
    }

    @Test
    void assertionsRuleReportsJunit() {
      List<String> violations = violations(LayerRules.assertionsDoNotNeedJunit(FIXTURE));

      assertThat(violations).isNotEmpty().allMatch(v -> v.contains("JunitAssert"));
    }

    @Test
    void layerRuleReportsUpwardDependencies() {
      List<String> violations = violations(LayerRules.layersPointDownward(FIXTURE));

      assertThat(violations)
          .as("middle (probe) -> top (cli)")
          .anyMatch(v -> v.contains("FixtureProbe") && v.contains("FixtureCli"));
      assertThat(violations)
          .as("bottom (report) -> middle (probe)")
          .anyMatch(v -> v.contains("JunitReport") && v.contains("FixtureProbe"));
      assertThat(violations)
          .as("vocabulary -> bottom (wire)")
          .anyMatch(v -> v.contains("LeakyVocabulary") && v.contains("CleanCodec"));
      assertThat(violations)
          .as("wire -> report stays within the bottom layer; the wire rule covers it")
          .noneMatch(v -> v.contains("SocketReadingCodec") && v.contains("JunitReport"));
    }

    @Test
    void globalStateRuleReportsEveryForbiddenCallAndNothingElse() {
      List<String> violations = violations(LayerRules.changesNoGlobalState(FIXTURE));

      assertThat(violations)
          .anyMatch(v -> v.contains("System.setProperty"))
          .anyMatch(v -> v.contains("Security.setProperty"))
          .anyMatch(v -> v.contains("SSLContext.setDefault"))
          .anyMatch(v -> v.contains("HttpsURLConnection.setDefaultHostnameVerifier"))
          .noneMatch(v -> v.contains("harmless"))
          .hasSize(4);
    }

    @Test
    void mockFtpServerRuleReportsAClassOtherThanTheFtpBackendThatUsesIt() {
      List<String> violations = violations(LayerRules.onlyTheFtpBackendUsesMockFtpServer(FIXTURE));

      assertThat(violations).isNotEmpty().allMatch(v -> v.contains("FtpLeakingServer"))
          .anyMatch(v -> v.contains("org.mockftpserver.fake.filesystem.FileSystem"));
    }

    private List<String> violations(ArchRule rule) {
      EvaluationResult result = rule.evaluate(fixture);
      assertThat(result.hasViolation()).as("%s finds a violation in the fixture", rule.getDescription()).isTrue();
      return result.getFailureReport().getDetails();
    }
  }
}
